import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { actionsForReview, recordBulkReviewDecision } from '../actions/actions-review';
import { readBulkReviewForm } from '../actions/bulk-review-form';
import type { FieldErrors } from '../http/forms';
import { listRegister } from './register';
import type { RoomMeeting } from './room-decisions';
import { concludeMeeting, itemOnAgenda, itemsWithoutOutcome, takeItem } from './room';
import {
	stillOpenAtConclusion,
	takeRefusal,
	type ActionsReviewState,
	type TakeRefusal
} from './room-rules';

/**
 * The start and the end of the room: the actions review before the first item (docs/domain.md:
 * overdue actions are reviewed at the start of the meeting), decided one at a time or several at
 * once, or put off by the chair's choice to review them later; and concluding, which first shows
 * what is still open and concludes only once the chair confirms.
 */

/** How the actions review stands: actions still undecided, and whether the chair put it off. */
export async function actionsReviewState(
	db: DB,
	meeting: RoomMeeting,
	today: string
): Promise<ActionsReviewState> {
	// Decided actions leave the review (extended past today, or closed): what is left is undecided.
	const undecided = (await actionsForReview(db, meeting, today)).length;
	return { undecided, reviewLater: await reviewLaterChosen(db, meeting.id) };
}

/** The chair chose to review this meeting's overdue actions later. */
export async function reviewLaterChosen(db: DB, meetingId: number): Promise<boolean> {
	const later = await db
		.selectFrom('actions_review_later')
		.select('meeting_id')
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return Boolean(later);
}

/** Whether an item has been taken yet: one is on screen, or one has its outcome. */
async function itemsTakenSoFar(db: DB, meetingId: number): Promise<number> {
	const meeting = await db
		.selectFrom('meeting')
		.select('current_item_id')
		.where('id', '=', meetingId)
		.executeTakeFirstOrThrow();
	const outcomes = await db
		.selectFrom('outcome')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirstOrThrow();
	return (meeting.current_item_id === null ? 0 : 1) + Number(outcomes.n);
}

export type TakeAnswer =
	| { done: true }
	| { done: false; refused: 'not-on-agenda' }
	| { done: false; refused: TakeRefusal };

/**
 * The chair moves everyone's screen to an item on this agenda (forward or back); the first item
 * waits for the actions review (room-rules.ts, `takeRefusal`).
 */
export async function takeItemAfterReview(
	db: DB,
	meeting: RoomMeeting,
	itemId: number,
	today: string
): Promise<TakeAnswer> {
	if (!(await itemOnAgenda(db, meeting.id, itemId)))
		return { done: false, refused: 'not-on-agenda' };
	const refusal = takeRefusal(
		await actionsReviewState(db, meeting, today),
		await itemsTakenSoFar(db, meeting.id)
	);
	if (refusal) return { done: false, refused: refusal };
	await takeItem(db, meeting.id, itemId);
	return { done: true };
}

/**
 * The chair chooses to review the overdue actions later: recorded once for the meeting, with who
 * and when, and audited; the first item may then be taken. Choosing again changes nothing.
 */
export async function reviewActionsLater(
	db: DB,
	meetingId: number,
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const chosen = await trx
			.insertInto('actions_review_later')
			.values({ meeting_id: meetingId, chosen_by: actor.id, chosen_at: now.toISOString() })
			.onConflict((oc) => oc.column('meeting_id').doNothing())
			.executeTakeFirst();
		if (chosen.numInsertedOrUpdatedRows !== 1n) return;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.actions-review-later',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
	});
}

/**
 * The actions review's decision on the selected actions (bulk-review-form.ts): sent back with
 * errors by their fields and nothing written, or all of them decided in one transaction.
 */
export async function reviewSelectedActions(
	db: DB,
	meeting: RoomMeeting,
	form: FormData,
	actor: Actor,
	today: string,
	formKey: string | null
): Promise<
	| { done: false; values: Record<string, string>; errors: FieldErrors }
	| { done: false; stale: number }
	| { done: true; decided: number; kind: 'extended' | 'closed' }
> {
	const read = readBulkReviewForm(form, today);
	if (!read.input) return { done: false, values: read.values, errors: read.errors };
	const result = await recordBulkReviewDecision(
		db,
		meeting,
		read.actionIds,
		read.input,
		actor,
		today,
		new Date(),
		formKey
	);
	return 'stale' in result
		? { done: false, stale: result.stale }
		: { done: true, decided: result.decided, kind: read.input.kind };
}

/** What is still open as the chair asks to conclude, one line each (room-rules.ts). */
export async function stillOpenInRoom(db: DB, meeting: RoomMeeting, today: string) {
	const { members } = await listRegister(db, meeting.id, meeting.communityId);
	return stillOpenAtConclusion({
		itemsNotTaken: (await itemsWithoutOutcome(db, meeting.id)).length,
		actionsUndecided: (await actionsReviewState(db, meeting, today)).undecided,
		attendanceNotRecorded: members.filter((m) => m.status === null).length
	});
}

/**
 * Concluding: asked first, it answers what is still open and changes nothing; confirmed, it
 * concludes (room.ts, `concludeMeeting`: refused while an item has no outcome).
 */
export async function concludeWhenConfirmed(
	db: DB,
	meeting: RoomMeeting,
	confirmed: boolean,
	actor: Actor,
	today: string
): Promise<
	| { concluded: true }
	| { concluded: false; confirm: string[]; itemsWithoutOutcome: number }
	| { concluded: false; itemsWithoutOutcome: number }
> {
	const missing = (await itemsWithoutOutcome(db, meeting.id)).length;
	if (!confirmed)
		return {
			concluded: false,
			confirm: await stillOpenInRoom(db, meeting, today),
			itemsWithoutOutcome: missing
		};
	const result = await concludeMeeting(db, meeting.id, actor);
	return result.ok
		? { concluded: true }
		: { concluded: false, itemsWithoutOutcome: result.missing };
}
