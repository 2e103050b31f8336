import { subDays, subMonths } from 'date-fns';
import { removeStaleCafDrafts } from '../agenda/caf-drafts';
import { anonymiseOldContacts } from '../front-door/contact-retention';
import { sql } from 'kysely';
import { recordAudit } from '../audit/log';
import type { DB } from '../platform/db';

/**
 * Retention: a closed case's identities are removed once it has been closed long enough, and the
 * audit log's oldest entries are removed once they pass their own period. What makes the MAG's
 * statistics (how many families, which parts, ways in, levels and domains of need, outcomes,
 * actions' owners and dates, meeting dates) stays.
 */

export interface RetentionSettings {
	/** A case closed (any status but 'open') this many months ago is anonymised. */
	closedCaseMonths: number;
	/** Audit entries older than this many months are removed. */
	auditMonths: number;
	/** A draft CAF untouched for this many days is removed (it holds a family's details). */
	draftDays: number;
	/** A front-door contact received this many months ago is anonymised. */
	contactMonths: number;
}

function wholeNumberFrom(
	env: NodeJS.ProcessEnv,
	name: string,
	fallback: number,
	unit = 'months'
): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0)
		throw new Error(`${name} must be a whole number of ${unit}, got "${raw}"`);
	return value;
}

/**
 * RETENTION_CLOSED_CASE_MONTHS and AUDIT_RETENTION_MONTHS, both 24 by default, and
 * RETENTION_DRAFT_DAYS, 30 by default, and RETENTION_CONTACT_MONTHS, 24 by default (README).
 */
export function retentionSettings(env: NodeJS.ProcessEnv = process.env): RetentionSettings {
	return {
		closedCaseMonths: wholeNumberFrom(env, 'RETENTION_CLOSED_CASE_MONTHS', 24),
		auditMonths: wholeNumberFrom(env, 'AUDIT_RETENTION_MONTHS', 24),
		draftDays: wholeNumberFrom(env, 'RETENTION_DRAFT_DAYS', 30, 'days'),
		contactMonths: wholeNumberFrom(env, 'RETENTION_CONTACT_MONTHS', 24)
	};
}

/** What stands in for removed text. */
export const REMOVED = 'Removed';
/** What stands in for a family's initials. */
export const REMOVED_INITIALS = 'X.X.';

export interface RetentionReport {
	ranAt: string;
	by: 'schedule' | 'command';
	/** Cases closed before this instant were due. */
	casesClosedBefore: string;
	/** The references of the cases anonymised by this run. */
	casesAnonymised: string[];
	/** Audit entries before this instant were due. */
	auditEntriesBefore: string;
	auditEntriesRemoved: number;
	/** Draft CAFs untouched since before this instant were due; how many were removed. */
	draftsBefore: string;
	draftsRemoved: number;
	/** Front-door contacts received before this instant were due; how many were anonymised. */
	contactsBefore: string;
	contactsAnonymised: number;
}

/**
 * Removes one family's identities, in one transaction: names, dates of birth (the year is kept, as
 * 1 July of it, so ages stay right to within a year), settings, the text of needs, progress and
 * support, who gave consent and where the form is, the notes of its items' outcomes (and every
 * version of them the minutes' corrections kept) and its actions' wording. A case already anonymised, reopened or no longer due is left alone.
 */
async function anonymiseCase(db: DB, caseId: number, closedBefore: string, now: Date) {
	return db.transaction().execute(async (trx) => {
		const due = await trx
			.selectFrom('family_case')
			.select(['id', 'reference', 'closed_at'])
			.where('id', '=', caseId)
			.where('status', '!=', 'open')
			.where('anonymised_at', 'is', null)
			.where((eb) => eb(eb.fn.coalesce('closed_at', 'created_at'), '<', closedBefore))
			.executeTakeFirst();
		if (!due) return null;
		const items = trx
			.selectFrom('new_caf')
			.select('submission_id')
			.where('case_id', '=', caseId)
			.union(trx.selectFrom('review').select('submission_id').where('case_id', '=', caseId));
		// The year alone is not a calendar date: it is given a day so pages and ages still work.
		await trx
			.updateTable('family_member')
			.set({
				name: REMOVED,
				date_of_birth: sql<string>`substr(date_of_birth, 1, 4) || '-07-01'`,
				setting: null
			})
			.where('case_id', '=', caseId)
			.execute();
		await trx
			.updateTable('need')
			.set((eb) => ({
				description: REMOVED,
				closed_reason: eb.case().when('closed_reason', 'is', null).then(null).else(REMOVED).end()
			}))
			.where('case_id', '=', caseId)
			.execute();
		// The family's own view at each review, in their words.
		await trx
			.updateTable('review')
			.set({ family_view: REMOVED })
			.where('case_id', '=', caseId)
			.where('family_view', 'is not', null)
			.execute();
		await trx
			.updateTable('need_update')
			.set((eb) => ({
				progress: eb.case().when('progress', 'is', null).then(null).else(REMOVED).end(),
				support: eb.case().when('support', 'is', null).then(null).else(REMOVED).end()
			}))
			.where('need_id', 'in', trx.selectFrom('need').select('id').where('case_id', '=', caseId))
			.execute();
		await trx
			.updateTable('consent')
			.set({ given_by: REMOVED, form_location: REMOVED })
			.where('case_id', '=', caseId)
			.execute();
		await trx
			.updateTable('outcome')
			.set({ note: REMOVED })
			.where('submission_id', 'in', items)
			.where('note', '!=', '')
			.execute();
		// The minutes' corrections of those notes go with them.
		await trx
			.updateTable('minutes_correction_change')
			.set({ before: REMOVED, after: REMOVED })
			.where('submission_id', 'in', items)
			.execute();
		await trx
			.updateTable('action')
			.set({ description: REMOVED })
			.where((eb) => eb.or([eb('case_id', '=', caseId), eb('submission_id', 'in', items)]))
			.execute();
		await trx
			.updateTable('outcome_evidence')
			.set({ what: REMOVED })
			.where('case_id', '=', caseId)
			.execute();
		await trx
			.updateTable('family_case')
			.set({ initials: REMOVED_INITIALS, anonymised_at: now.toISOString() })
			.where('id', '=', caseId)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: null,
				action: 'case.anonymised',
				recordType: 'family_case',
				recordId: due.reference,
				detail: { closedAt: due.closed_at, closedBefore }
			},
			now
		);
		return due.reference;
	});
}

/**
 * Removes audit entries from before `before`, oldest first, in one transaction. A checkpoint with
 * the last removed entry's hash is written first: the database refuses any other deletion, and
 * verifyAuditChain starts the chain from it, so the log still verifies afterwards.
 */
async function pruneAuditLog(db: DB, before: string, now: Date): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const last = await trx
			.selectFrom('audit_log')
			.select(['id', 'hash'])
			.where('at', '<', before)
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst();
		if (!last) return 0;
		const { count } = await trx
			.selectFrom('audit_log')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.where('id', '<=', last.id)
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('audit_checkpoint')
			.values({
				made_at: now.toISOString(),
				last_removed_id: last.id,
				last_removed_hash: last.hash,
				entries_removed: Number(count)
			})
			.execute();
		await trx.deleteFrom('audit_log').where('id', '<=', last.id).execute();
		await recordAudit(
			trx,
			{
				actorId: null,
				action: 'audit.pruned',
				detail: {
					before,
					entriesRemoved: Number(count),
					lastRemovedId: last.id,
					lastRemovedHash: last.hash
				}
			},
			now
		);
		return Number(count);
	});
}

/**
 * One run of retention: every case due is anonymised (each in its own transaction, so one failure
 * leaves the others done), then the audit log is pruned, then the run is logged in retention_run
 * and the audit log. Running it again at once changes nothing more.
 */
export async function runRetention(
	db: DB,
	now: Date,
	settings: RetentionSettings,
	by: 'schedule' | 'command'
): Promise<RetentionReport> {
	const casesClosedBefore = subMonths(now, settings.closedCaseMonths).toISOString();
	const auditEntriesBefore = subMonths(now, settings.auditMonths).toISOString();
	const due = await db
		.selectFrom('family_case')
		.select('id')
		.where('status', '!=', 'open')
		.where('anonymised_at', 'is', null)
		.where((eb) => eb(eb.fn.coalesce('closed_at', 'created_at'), '<', casesClosedBefore))
		.orderBy('id')
		.execute();
	const casesAnonymised: string[] = [];
	for (const { id } of due) {
		const reference = await anonymiseCase(db, id, casesClosedBefore, now);
		if (reference) casesAnonymised.push(reference);
	}
	const auditEntriesRemoved = await pruneAuditLog(db, auditEntriesBefore, now);
	const draftsBefore = subDays(now, settings.draftDays).toISOString();
	const draftsRemoved = await removeStaleCafDrafts(db, draftsBefore, now);
	const contactsBefore = subMonths(now, settings.contactMonths).toISOString();
	const contactsAnonymised = await anonymiseOldContacts(db, contactsBefore, REMOVED, now);
	const report: RetentionReport = {
		ranAt: now.toISOString(),
		by,
		casesClosedBefore,
		casesAnonymised,
		auditEntriesBefore,
		auditEntriesRemoved,
		draftsBefore,
		draftsRemoved,
		contactsBefore,
		contactsAnonymised
	};
	const detail = { settings, casesClosedBefore, auditEntriesBefore, references: casesAnonymised };
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('retention_run')
			.values({
				ran_at: report.ranAt,
				cases_anonymised: casesAnonymised.length,
				audit_entries_removed: auditEntriesRemoved,
				by,
				detail: JSON.stringify(detail)
			})
			.execute();
		await recordAudit(
			trx,
			{
				actorId: null,
				action: 'retention.ran',
				detail: { by, casesAnonymised: casesAnonymised.length, auditEntriesRemoved }
			},
			now
		);
	});
	return report;
}

/** The run in words, for `npm run retention` and the server's output. */
export function describeRun(report: RetentionReport): string {
	const cases =
		report.casesAnonymised.length === 0
			? 'no closed cases were due for anonymising'
			: `anonymised ${report.casesAnonymised.length} closed case${report.casesAnonymised.length === 1 ? '' : 's'} (${report.casesAnonymised.join(', ')})`;
	const entries = `removed ${report.auditEntriesRemoved} audit entr${report.auditEntriesRemoved === 1 ? 'y' : 'ies'} from before ${report.auditEntriesBefore}`;
	const drafts = `removed ${report.draftsRemoved} draft CAF${report.draftsRemoved === 1 ? '' : 's'} untouched since ${report.draftsBefore}`;
	const contacts = `anonymised ${report.contactsAnonymised} front-door contact${report.contactsAnonymised === 1 ? '' : 's'} received before ${report.contactsBefore}`;
	return `Retention (${report.by}): ${cases}, closed before ${report.casesClosedBefore}; ${entries}; ${drafts}; ${contacts}.`;
}
