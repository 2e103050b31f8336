import type { DB } from '../platform/db';
import type { Actor } from '../audit/log';
import type { FieldErrors } from '../http/forms';
import { decideItem, readDeferralReason } from '../agenda/agenda';
import { withdrawSubmission } from '../agenda/submissions';
import { addAction } from '../actions/actions';
import { hasConfirmed } from '../policy/meeting';
import { formatMeetingDate } from '../../dates';
import { checkConsentGate, familyOfItem, gateState } from './consent-gate';
import { readOutcomeForm } from './outcome-form';
import { saveOutcome } from './outcomes';
import { listRegister } from './register';
import { itemOnAgenda, laterMeetings } from './room';
import {
	actionCase,
	outcomeRefusal,
	withdrawalRefusal,
	type OutcomeRefusal,
	type WithdrawalRefusal
} from './room-rules';
import { readActionForm } from '../actions/action-form';
import { readActionReviewForm } from '../actions/review-form';
import { recordReviewDecision } from '../actions/actions-review';

/**
 * What the chair and coordinators decide in the room about the item on screen, each from its form:
 * checking consent at the gate, deferring or withdrawing it, recording its outcome
 * and its actions, and the actions review. Each answers what was done, or why it was not; nothing
 * is written when it was not.
 */
export interface RoomMeeting {
	id: number;
	communityId: number;
	date: string;
}

export type RoomRefusal =
	| 'not-on-agenda'
	| 'chair-not-agreed'
	| 'no-later-meeting'
	| OutcomeRefusal
	| WithdrawalRefusal
	| 'already-reviewed';

type Refused = { done: false; refused: RoomRefusal };
/**
 * A form sent back: what was typed, and a message by each field at fault; `conflict` when someone
 * else saved the same thing first.
 */
type SentBack = {
	done: false;
	values: Record<string, string>;
	errors: FieldErrors;
	conflict?: true;
};

const refused = (refusal: RoomRefusal): Refused => ({ done: false, refused: refusal });

/** An item on this agenda with its family (parts 2 and 3) and the state of its gate here. */
async function itemAtTheGate(db: DB, meetingId: number, itemId: number) {
	const item = await itemOnAgenda(db, meetingId, itemId);
	if (!item) return undefined;
	const family = await familyOfItem(db, item.id);
	const gate = family ? (await gateState(db, meetingId, item.id)).state : null;
	return { item, family, gate };
}

/**
 * The chair checks the consent on file and opens the gate, or it stays shut with the reason. The
 * chair sees the consent (which names the parents) only once they have agreed the statement.
 */
export async function openGateInRoom(
	db: DB,
	meeting: RoomMeeting,
	itemId: number,
	chair: Actor,
	today: string
): Promise<Refused | { done: true; opened: true } | { done: true; opened: false; reason: string }> {
	if (!(await hasConfirmed(db, meeting.id, chair.id))) return refused('chair-not-agreed');
	if (!(await itemOnAgenda(db, meeting.id, itemId))) return refused('not-on-agenda');
	const result = await checkConsentGate(db, meeting, itemId, chair, today);
	return { done: true, ...result };
}

/** Defers the item to the community's next meeting, with the chair's reason. */
export async function deferFromRoom(
	db: DB,
	meeting: RoomMeeting,
	itemId: number,
	form: FormData,
	actor: Actor,
	today: string
): Promise<Refused | { done: false; errors: FieldErrors } | { done: true; toMeetingDate: string }> {
	if (!(await itemOnAgenda(db, meeting.id, itemId))) return refused('not-on-agenda');
	const why = readDeferralReason(form);
	if (!why.ok) return { done: false, errors: { deferReason: why.error } };
	const next = (await laterMeetings(db, meeting, today))[0];
	if (!next) return refused('no-later-meeting');
	const toMeetingDate = formatMeetingDate(next.date);
	await decideItem(
		db,
		meeting.id,
		itemId,
		{ kind: 'defer', toMeetingId: next.id, toMeetingDate, reason: why.reason },
		actor
	);
	return { done: true, toMeetingDate };
}

/** Withdraws a family item whose gate has not opened (see `withdrawalRefusal`). */
export async function withdrawFromRoom(
	db: DB,
	meetingId: number,
	itemId: number,
	actor: Actor
): Promise<Refused | { done: true }> {
	const item = await itemOnAgenda(db, meetingId, itemId);
	if (!item) return refused('not-on-agenda');
	const gate = await gateState(db, meetingId, item.id);
	const refusal = withdrawalRefusal(item.part, gate.state);
	if (refusal) return refused(refusal);
	await withdrawSubmission(db, item.id, actor.id, actor.ip);
	return { done: true };
}

/**
 * Records the item's outcome from the room's form, when `outcomeRefusal` allows it: through the
 * open gate by someone who agreed the statement, or anonymously as advice (`asAdvice`). The form
 * carries the version it was drawn with: when someone else saved in between, nothing is written
 * and what was typed is sent back.
 */
export async function saveOutcomeFromRoom(
	db: DB,
	meeting: RoomMeeting,
	itemId: number,
	form: FormData,
	actor: Actor,
	today: string
): Promise<Refused | SentBack | { done: true; version: number }> {
	const onAgenda = await itemAtTheGate(db, meeting.id, itemId);
	if (!onAgenda) return refused('not-on-agenda');
	const { item, family, gate } = onAgenda;
	const asAdvice = form.get('asAdvice') === 'yes';
	const refusal = outcomeRefusal({
		familyItem: Boolean(family),
		gate,
		asAdvice,
		agreed: await hasConfirmed(db, meeting.id, actor.id)
	});
	if (refusal) return refused(refusal);
	const later = await laterMeetings(db, meeting, today);
	const needs = family
		? await db.selectFrom('need').select('id').where('case_id', '=', family.caseId).execute()
		: [];
	const { members } = await listRegister(db, meeting.id, meeting.communityId);
	const read = await readOutcomeForm(db, form, {
		meetingId: meeting.id,
		communityId: meeting.communityId,
		today,
		asAdvice,
		part: item.part,
		needIds: needs.map((n) => n.id),
		leadProfessionalChoices: members.map((m) => m.userId),
		reviewMeetingIds: later.map((m) => m.id)
	});
	if (!read.input) return { done: false, values: read.values, errors: read.errors };
	const result = await saveOutcome(
		db,
		{
			submissionId: item.id,
			meetingId: meeting.id,
			meetingDate: meeting.date,
			communityId: meeting.communityId,
			caseId: family && !asAdvice ? family.caseId : null
		},
		read.input,
		Number(form.get('version') ?? 0),
		actor
	);
	if (!result.saved)
		return {
			done: false,
			values: read.values,
			conflict: true,
			errors: {
				note: 'Someone else saved this item’s outcome while you were editing it. Your text is kept here: check their version (reload the page) and save again'
			}
		};
	return { done: true, version: result.version };
}

/**
 * Adds an action agreed for the item on screen; it follows the case only as `actionCase` says.
 * The same post sent twice (the page's form key) adds it once.
 */
export async function addActionInRoom(
	db: DB,
	meeting: RoomMeeting,
	itemId: number,
	form: FormData,
	actor: Actor,
	today: string,
	formKey: string | null
): Promise<Refused | SentBack | { done: true; actionId: number }> {
	const onAgenda = await itemAtTheGate(db, meeting.id, itemId);
	if (!onAgenda) return refused('not-on-agenda');
	const { item, family, gate } = onAgenda;
	const read = await readActionForm(db, form, {
		meetingId: meeting.id,
		communityId: meeting.communityId,
		today
	});
	if (!read.input) return { done: false, values: read.values, errors: read.errors };
	const actionId = await addAction(
		db,
		{
			communityId: meeting.communityId,
			meetingId: meeting.id,
			submissionId: item.id,
			caseId: actionCase(family, gate)
		},
		read.input,
		actor,
		new Date(),
		formKey
	);
	return { done: true, actionId };
}

/**
 * The actions review's decision on one overdue action: extended, reassigned or closed. Refused
 * when it has been decided already or is no longer overdue; the same post sent twice is one.
 */
export async function reviewOverdueAction(
	db: DB,
	meeting: RoomMeeting,
	actionId: number,
	form: FormData,
	actor: Actor,
	today: string,
	formKey: string | null
): Promise<Refused | SentBack | { done: true }> {
	const read = await readActionReviewForm(db, form, actionId, {
		meetingId: meeting.id,
		communityId: meeting.communityId,
		today
	});
	if (!read.input) return { done: false, values: read.values, errors: read.errors };
	const recorded = await recordReviewDecision(
		db,
		meeting,
		actionId,
		read.input,
		actor,
		today,
		new Date(),
		formKey
	);
	return recorded ? { done: true } : refused('already-reviewed');
}
