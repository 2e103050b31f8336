import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { pageWindow, pagedRows } from '../http/paging';
import type { ContactOutcome } from '../../domain/front-door';
import type { ContactInput } from './contact-form';
import { initialsOf, monthBounds } from './contact-rules';

/**
 * The front door's contact log. Who called, about whom and what was asked identify a family: only
 * the front-door team reads them (policy/front-door.ts), and each read of a contact's details is
 * audited as `contact.viewed`, as a family's are. The log itself names no family: initials only.
 * Audit entries carry the contact's number, never what it says.
 */

/** Records a contact and the people it is about: one transaction with its audit entry. */
export async function recordContact(
	db: DB,
	actor: Actor,
	input: ContactInput,
	now = new Date()
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('front_door_contact')
			.values({
				received_at: input.receivedAt,
				caller_kind: input.callerKind,
				caller_name: input.callerName,
				caller_agency: input.callerAgency,
				caller_relationship: input.callerRelationship,
				community_id: input.communityId,
				asked: input.asked,
				outcome: input.outcome,
				liaison_worker: input.liaisonWorker,
				notes: input.notes,
				family_consented: input.familyConsented ? 1 : 0,
				recorded_by: actor.id,
				created_at: now.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (input.people.length > 0)
			await trx
				.insertInto('front_door_contact_person')
				.values(
					input.people.map((person, index) => ({
						contact_id: id,
						position: index + 1,
						name: person.name,
						date_of_birth: person.dateOfBirth
					}))
				)
				.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'contact.recorded',
				recordType: 'front_door_contact',
				recordId: id,
				ip: actor.ip,
				detail: { outcome: input.outcome, callerKind: input.callerKind }
			},
			now
		);
		return id;
	});
}

export interface ContactFilter {
	/** "2026-11": contacts received that month, in England. */
	month: string | null;
	outcome: ContactOutcome | null;
}

/** One page of the log, the latest first, counted and cut in the database. */
export async function listContacts(db: DB, filter: ContactFilter, requested: number) {
	const bounds = filter.month ? monthBounds(filter.month) : null;
	const base = db
		.selectFrom('front_door_contact')
		.$if(bounds !== null, (q) =>
			q.where('received_at', '>=', bounds!.from).where('received_at', '<', bounds!.to)
		)
		.$if(filter.outcome !== null, (q) => q.where('outcome', '=', filter.outcome!));
	const { total } = await base
		.select((eb) => eb.fn.countAll<number>().as('total'))
		.executeTakeFirstOrThrow();
	const window = pageWindow(Number(total), requested);
	const rows = await base
		.leftJoin('community', 'community.id', 'front_door_contact.community_id')
		.select([
			'front_door_contact.id',
			'front_door_contact.received_at as receivedAt',
			'front_door_contact.caller_kind as callerKind',
			'front_door_contact.outcome',
			'front_door_contact.brought_part as broughtPart',
			'community.name as communityName'
		])
		.orderBy('front_door_contact.received_at', 'desc')
		.orderBy('front_door_contact.id', 'desc')
		.limit(window.limit)
		.offset(window.offset)
		.execute();
	const people = await peopleOf(
		db,
		rows.map((r) => r.id)
	);
	return pagedRows(
		window,
		rows.map((row) => ({
			...row,
			about: (people.get(row.id) ?? []).map((p) => initialsOf(p.name)).join(', ')
		}))
	);
}

async function peopleOf(db: DB, contactIds: number[]) {
	const byContact = new Map<number, { name: string; dateOfBirth: string | null }[]>();
	if (contactIds.length === 0) return byContact;
	const rows = await db
		.selectFrom('front_door_contact_person')
		.select(['contact_id', 'name', 'date_of_birth'])
		.where('contact_id', 'in', contactIds)
		.orderBy('contact_id')
		.orderBy('position')
		.execute();
	for (const row of rows) {
		const list = byContact.get(row.contact_id) ?? [];
		list.push({ name: row.name, dateOfBirth: row.date_of_birth });
		byContact.set(row.contact_id, list);
	}
	return byContact;
}

/** Whether there is such a contact (before anything of it is read). */
export async function contactExists(db: DB, contactId: number): Promise<boolean> {
	const row = await db
		.selectFrom('front_door_contact')
		.select('id')
		.where('id', '=', contactId)
		.executeTakeFirst();
	return row !== undefined;
}

/** A contact whole, people and all: no audit (the callers say why they read it). */
export async function findContact(db: DB, contactId: number) {
	const row = await db
		.selectFrom('front_door_contact')
		.leftJoin('community', 'community.id', 'front_door_contact.community_id')
		.leftJoin('user', 'user.id', 'front_door_contact.recorded_by')
		.leftJoin('meeting', 'meeting.id', 'front_door_contact.brought_meeting_id')
		.leftJoin('community as brought', 'brought.id', 'meeting.community_id')
		.select([
			'front_door_contact.id',
			'front_door_contact.received_at as receivedAt',
			'front_door_contact.caller_kind as callerKind',
			'front_door_contact.caller_name as callerName',
			'front_door_contact.caller_agency as callerAgency',
			'front_door_contact.caller_relationship as callerRelationship',
			'front_door_contact.community_id as communityId',
			'community.name as communityName',
			'front_door_contact.asked',
			'front_door_contact.outcome',
			'front_door_contact.liaison_worker as liaisonWorker',
			'front_door_contact.notes',
			'front_door_contact.family_consented as familyConsented',
			'user.name as recordedBy',
			'front_door_contact.brought_meeting_id as broughtMeetingId',
			'front_door_contact.brought_submission_id as broughtSubmissionId',
			'front_door_contact.brought_part as broughtPart',
			'front_door_contact.brought_at as broughtAt',
			'meeting.date as broughtMeetingDate',
			'brought.name as broughtCommunityName',
			'front_door_contact.anonymised_at as anonymisedAt'
		])
		.where('front_door_contact.id', '=', contactId)
		.executeTakeFirst();
	if (!row) return undefined;
	const people = (await peopleOf(db, [row.id])).get(row.id) ?? [];
	return { ...row, familyConsented: row.familyConsented === 1, people };
}

export type Contact = NonNullable<Awaited<ReturnType<typeof findContact>>>;

/**
 * A contact's details as the front-door team reads them: the read is audited (`contact.viewed`)
 * in the same transaction, as a family's details are (`family.viewed`).
 */
export async function viewContact(
	db: DB,
	contactId: number,
	reader: Actor,
	why: 'contact-page' | 'bring-to-a-mag',
	now = new Date()
): Promise<Contact | undefined> {
	return db.transaction().execute(async (trx) => {
		const contact = await findContact(trx, contactId);
		if (!contact) return undefined;
		await recordAudit(
			trx,
			{
				actorId: reader.id,
				action: 'contact.viewed',
				recordType: 'front_door_contact',
				recordId: contactId,
				ip: reader.ip,
				detail: { why }
			},
			now
		);
		return contact;
	});
}

/** The communities a contact may be placed in: every community not retired, by name. */
export async function contactCommunities(db: DB) {
	return db
		.selectFrom('community')
		.select(['id', 'name'])
		.where('retired_at', 'is', null)
		.orderBy('name')
		.execute();
}

/**
 * Contacts naming any of these people (a subject access request): the family's data though not yet
 * a case. Matched on names as typed, case and spacing aside.
 */
export async function contactsNaming(db: DB, names: string[]) {
	const wanted = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))];
	if (wanted.length === 0) return [];
	const ids = await db
		.selectFrom('front_door_contact_person')
		.select('contact_id')
		.distinct()
		.where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['name'])]), 'in', wanted))
		.execute();
	if (ids.length === 0) return [];
	const contactIds = ids.map((r) => r.contact_id);
	const contacts = await db
		.selectFrom('front_door_contact')
		.selectAll()
		.where('id', 'in', contactIds)
		.orderBy('id')
		.execute();
	const people = await db
		.selectFrom('front_door_contact_person')
		.selectAll()
		.where('contact_id', 'in', contactIds)
		.orderBy('contact_id')
		.orderBy('position')
		.execute();
	return contacts.map((c) => ({ ...c, people: people.filter((p) => p.contact_id === c.id) }));
}
