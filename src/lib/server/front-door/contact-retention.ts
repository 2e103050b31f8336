import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { recordAudit } from '../audit/log';

/**
 * Retention of the front door's log: a contact received before `before` loses everything that
 * identifies the caller or the family (names, agency or relationship, what was asked, the named
 * worker, notes; a date of birth keeps its year, as 1 July of it). Its date, caller kind,
 * community and outcome stay for the monthly report. One transaction; answers how many.
 */
export async function anonymiseOldContacts(
	db: DB,
	before: string,
	removed: string,
	now = new Date()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const due = await trx
			.selectFrom('front_door_contact')
			.select('id')
			.where('received_at', '<', before)
			.where('anonymised_at', 'is', null)
			.execute();
		if (due.length === 0) return 0;
		const ids = due.map((c) => c.id);
		await trx
			.updateTable('front_door_contact')
			.set((eb) => ({
				caller_name: removed,
				caller_agency: eb
					.case()
					.when('caller_agency', 'is not', null)
					.then(removed)
					.else(null)
					.end(),
				caller_relationship: eb
					.case()
					.when('caller_relationship', 'is not', null)
					.then(removed)
					.else(null)
					.end(),
				asked: removed,
				liaison_worker: eb
					.case()
					.when('liaison_worker', 'is not', null)
					.then(removed)
					.else(null)
					.end(),
				notes: null,
				anonymised_at: now.toISOString()
			}))
			.where('id', 'in', ids)
			.execute();
		await trx
			.updateTable('front_door_contact_person')
			.set({
				name: removed,
				date_of_birth: sql<string | null>`substr(date_of_birth, 1, 4) || '-07-01'`
			})
			.where('contact_id', 'in', ids)
			.execute();
		await recordAudit(
			trx,
			{ actorId: null, action: 'contact.anonymised', detail: { before, contacts: ids.length } },
			now
		);
		return ids.length;
	});
}
