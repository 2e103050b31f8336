import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { insertSubmission, type AdviceRequest } from '../agenda/submissions';
import { saveCafDraft } from '../agenda/caf-drafts';
import { boxesOf } from '../http/date-boxes';

/**
 * Bringing a contact to a MAG: to a community's next meeting still taking items, as an anonymous
 * advice request (part 1, the family not named) or, when the family agreed, as a new CAF (part 2)
 * started as a draft for the worker to finish on the new CAF form. The contact records where it
 * went, and its outcome becomes "Brought to a MAG".
 */

export interface OpenMeeting {
	meetingId: number;
	date: string;
	communityId: number;
	communityName: string;
}

/** Each community's next meeting still taking items today (the agenda open, the deadline ahead). */
export async function nextOpenMeetings(db: DB, today: string): Promise<OpenMeeting[]> {
	const rows = await db
		.selectFrom('meeting')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.select([
			'meeting.id as meetingId',
			'meeting.date',
			'community.id as communityId',
			'community.name as communityName'
		])
		.where('meeting.status', '=', 'agenda-open')
		.where('meeting.submission_deadline', '>=', today)
		.where('community.retired_at', 'is', null)
		.orderBy('community.name')
		.orderBy('meeting.date')
		.execute();
	const seen = new Set<number>();
	return rows.filter((row) => !seen.has(row.communityId) && seen.add(row.communityId));
}

export type BringAnswer =
	{ ok: true; submissionId: number } | { ok: false; reason: 'already-brought' | 'meeting-closed' };

async function stillOpen(db: DB, meetingId: number, today: string) {
	const meeting = await db
		.selectFrom('meeting')
		.select(['id'])
		.where('id', '=', meetingId)
		.where('status', '=', 'agenda-open')
		.where('submission_deadline', '>=', today)
		.executeTakeFirst();
	return meeting !== undefined;
}

async function markBrought(
	db: DB,
	actor: Actor,
	contactId: number,
	link: { meetingId: number; part: 1 | 2; submissionId: number | null },
	now: Date
) {
	const updated = await db
		.updateTable('front_door_contact')
		.set({
			outcome: 'brought-to-mag',
			brought_meeting_id: link.meetingId,
			brought_submission_id: link.submissionId,
			brought_part: link.part,
			brought_at: now.toISOString()
		})
		.where('id', '=', contactId)
		.where('brought_at', 'is', null)
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) === 0) return false;
	await recordAudit(
		db,
		{
			actorId: actor.id,
			action: 'contact.brought-to-mag',
			recordType: 'front_door_contact',
			recordId: contactId,
			ip: actor.ip,
			detail: { meetingId: link.meetingId, part: link.part, submissionId: link.submissionId }
		},
		now
	);
	return true;
}

/**
 * The contact as an anonymous advice request (screened by the form) at this meeting: the item,
 * its audit entry and the contact's link to it, in one transaction. A contact already brought, or
 * a meeting no longer taking items, changes nothing.
 */
export async function bringAsAdvice(
	db: DB,
	actor: Actor,
	contactId: number,
	meetingId: number,
	advice: AdviceRequest,
	today: string,
	now = new Date()
): Promise<BringAnswer> {
	const agency = await db
		.selectFrom('user')
		.select('agency_id')
		.where('id', '=', actor.id)
		.executeTakeFirstOrThrow();
	return db.transaction().execute(async (trx): Promise<BringAnswer> => {
		if (!(await stillOpen(trx, meetingId, today))) return { ok: false, reason: 'meeting-closed' };
		// One connection runs one transaction at a time: nothing can bring it between here and the end.
		if (await alreadyBrought(trx, contactId)) return { ok: false, reason: 'already-brought' };
		const submission = await insertSubmission(
			trx,
			{ meetingId, part: 1, submittedBy: actor.id, agencyId: agency.agency_id, late: false },
			{ actor, detail: { part: 1, meetingId, late: false, fromContact: contactId } },
			now
		);
		await trx
			.insertInto('advice_request')
			.values({
				submission_id: submission.id,
				age_band: advice.ageBand,
				setting: advice.setting,
				worry: advice.worry,
				asked_for: advice.askedFor
			})
			.execute();
		await markBrought(
			trx,
			actor,
			contactId,
			{ meetingId, part: 1, submissionId: submission.id },
			now
		);
		return { ok: true, submissionId: submission.id };
	});
}

async function alreadyBrought(db: DB, contactId: number) {
	const row = await db
		.selectFrom('front_door_contact')
		.select('brought_at')
		.where('id', '=', contactId)
		.executeTakeFirstOrThrow();
	return row.brought_at !== null;
}

/** A new CAF's form fields prefilled from the contact: the family's names and dates of birth. */
export function cafFieldsFrom(people: { name: string; dateOfBirth: string | null }[]) {
	const fields: Record<string, string> = { memberRows: String(Math.max(2, people.length)) };
	people.forEach((person, index) => {
		const row = index + 1;
		fields[`member-${row}-name`] = person.name;
		if (person.dateOfBirth) {
			const boxes = boxesOf(person.dateOfBirth);
			fields[`member-${row}-dob-day`] = boxes.day;
			fields[`member-${row}-dob-month`] = boxes.month;
			fields[`member-${row}-dob-year`] = boxes.year;
		}
	});
	return fields;
}

/**
 * With the family's agreement, a new CAF started from the contact: a draft for the worker (the
 * family's names and dates of birth; consent and needs are theirs to record on the form) and the
 * contact's link to the meeting. The draft is saved by caf-drafts.ts in its own transaction; the
 * contact is marked after, and a contact already brought removes nothing (the worker keeps the
 * draft, theirs alone, which retention removes if left).
 */
export async function startCafFromContact(
	db: DB,
	actor: Actor,
	contact: {
		id: number;
		familyConsented: boolean;
		people: { name: string; dateOfBirth: string | null }[];
	},
	meetingId: number,
	today: string,
	now = new Date()
): Promise<
	| { ok: true; draftId: number }
	| { ok: false; reason: 'no-consent' | 'meeting-closed' | 'already-brought' }
> {
	if (!contact.familyConsented || contact.people.length === 0)
		return { ok: false, reason: 'no-consent' };
	if (!(await stillOpen(db, meetingId, today))) return { ok: false, reason: 'meeting-closed' };
	const marked = await db
		.transaction()
		.execute((trx) =>
			markBrought(trx, actor, contact.id, { meetingId, part: 2, submissionId: null }, now)
		);
	if (!marked) return { ok: false, reason: 'already-brought' };
	const draftId = await saveCafDraft(
		db,
		actor,
		null,
		{ label: contact.people[0]!.name, fields: cafFieldsFrom(contact.people) },
		now
	);
	return { ok: true, draftId };
}
