import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { sendNotices } from '../people/notices';
import { dueWording } from '../../due-wording';
import { reassignedMessage, reviewChange } from './follow-up-rules';
import { historyEntry, latestUpdates } from './history';
import { actionsWithReference, isDueForReview } from './queries';
import { referenceOf } from './reference';
import type { ReviewDecision } from './review-form';
import type { BulkReviewDecision } from './bulk-review-form';

/**
 * The actions review at the start of a meeting: the community's overdue actions from its other
 * meetings, and for each the decision to extend, reassign or close it (docs/domain.md: overdue
 * actions are reviewed at the start of the next meeting).
 */

/** The meeting whose actions review is under way. */
export interface ReviewMeeting {
	id: number;
	communityId: number;
	date: string;
}

/** The actions for the review (queries.ts, isDueForReview), most overdue first. */
export async function actionsForReview(
	db: DB,
	meeting: ReviewMeeting,
	today: string,
	now = new Date()
) {
	const rows = await actionsWithReference(db)
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.select(['action.status', 'action.meeting_id as meetingId', 'meeting.date as meetingDate'])
		.where(isDueForReview(meeting, today))
		.orderBy('action.due_date')
		.orderBy('action.id')
		.execute();
	const latest = await latestUpdates(
		db,
		rows.map((row) => row.id)
	);
	return rows.map((row) => ({
		id: row.id,
		reference: referenceOf(row),
		description: row.description,
		status: row.status,
		ownerName: row.ownerName,
		ownerAgency: row.ownerAgency,
		dueDate: row.dueDate,
		due: dueWording(row.dueDate, now),
		meetingDate: row.meetingDate,
		latestUpdate: latest.get(row.id) ?? null
	}));
}

/** The decisions this meeting's actions review has recorded so far, in the order taken. */
export async function reviewedAtMeeting(db: DB, meetingId: number) {
	const rows = await actionsWithReference(db)
		.innerJoin('action_update', 'action_update.action_id', 'action.id')
		.select([
			'action_update.id as updateId',
			'action_update.kind',
			'action_update.note',
			'action_update.previous_owner as previousOwner',
			'action_update.new_due_date as newDueDate'
		])
		.where('action_update.meeting_id', '=', meetingId)
		.orderBy('action_update.id')
		.execute();
	return rows.map((row) => ({
		id: row.updateId,
		actionId: row.id,
		reference: referenceOf(row),
		description: row.description,
		kind: row.kind as ReviewDecision['kind'],
		note: row.note,
		previousOwner: row.previousOwner,
		ownerName: row.ownerName,
		ownerAgency: row.ownerAgency,
		newDueDate: row.newDueDate
	}));
}

/**
 * Records the review's decision on one overdue action (follow-up-rules.ts, reviewChange). One
 * transaction: the action, its history (with the meeting that decided) and the audit entry; a new
 * owner with an account is told. Refused (nothing written) unless the action is still due for
 * this review, so two people deciding at once cannot both win. The same person's post repeated
 * (the same `formKey`) is not a second decision: it writes nothing and answers true, as the first
 * did, rather than "already reviewed".
 */
export async function recordReviewDecision(
	db: DB,
	meeting: ReviewMeeting,
	actionId: number,
	decision: ReviewDecision,
	actor: Actor,
	today: string,
	now = new Date(),
	formKey: string | null = null
): Promise<boolean> {
	const key = { token: formKey, userId: actor.id, form: `review-decision:${actionId}` };
	return db.transaction().execute(async (trx) => {
		if (await earlierAnswer<true>(trx, key)) return true;
		const [action] = await dueForReview(trx, meeting, [actionId], today);
		if (!action) return false;
		await applyReviewDecision(trx, meeting, action, decision, actor, now);
		await rememberAnswer(trx, key, true, now);
		return true;
	});
}

/** The selected actions still due for this review, with what a decision on each needs. */
function dueForReview(db: DB, meeting: ReviewMeeting, actionIds: number[], today: string) {
	return actionsWithReference(db)
		.innerJoin('community', 'community.id', 'action.community_id')
		.select(['community.name as communityName'])
		.where('action.id', 'in', actionIds)
		.where(isDueForReview(meeting, today))
		.orderBy('action.due_date')
		.orderBy('action.id')
		.execute();
}

type ActionDueForReview = Awaited<ReturnType<typeof dueForReview>>[number];

/**
 * One action's decision, inside the caller's transaction: the action changed, its history (with
 * the meeting that decided), a notice to a new owner with an account, and the audit entry.
 */
async function applyReviewDecision(
	trx: DB,
	meeting: ReviewMeeting,
	action: ActionDueForReview,
	decision: ReviewDecision,
	actor: Actor,
	now: Date
) {
	const change = reviewChange(decision, action, now);
	await trx.updateTable('action').set(change.set).where('id', '=', action.id).execute();
	await trx
		.insertInto('action_update')
		.values(
			historyEntry(action.id, decision.kind, actor, now, {
				meetingId: meeting.id,
				...change.history
			})
		)
		.execute();
	if (decision.kind === 'reassigned' && decision.owner.id !== null)
		await sendNotices(
			trx,
			[
				{
					userId: decision.owner.id,
					message: reassignedMessage(
						{ communityName: action.communityName, reference: referenceOf(action) },
						decision.dueDate
					),
					link: `/actions/${action.id}`
				}
			],
			now
		);
	await recordAudit(
		trx,
		{
			actorId: actor.id,
			action: `action.${decision.kind}`,
			recordType: 'action',
			recordId: action.id,
			ip: actor.ip,
			detail: { meetingId: meeting.id, ...change.detail }
		},
		now
	);
}

/**
 * The same decision on several overdue actions (bulk-review-form.ts), in one transaction, each
 * written and audited exactly as a decision on it alone would be. All or nothing: when any of them
 * has been decided already or is no longer overdue, nothing is written and their references are
 * answered, so the chair sees the list as it now stands and decides again. The same post repeated
 * (the same `formKey`) is answered as the first was and writes nothing.
 */
export async function recordBulkReviewDecision(
	db: DB,
	meeting: ReviewMeeting,
	actionIds: number[],
	decision: BulkReviewDecision,
	actor: Actor,
	today: string,
	now = new Date(),
	formKey: string | null = null
): Promise<{ decided: number } | { stale: number }> {
	const key = { token: formKey, userId: actor.id, form: 'review-decision:bulk' };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<{ decided: number }>(trx, key);
		if (earlier) return earlier;
		const actions = await dueForReview(trx, meeting, actionIds, today);
		if (actions.length !== actionIds.length) return { stale: actionIds.length - actions.length };
		for (const action of actions)
			await applyReviewDecision(trx, meeting, action, decision, actor, now);
		const answer = { decided: actions.length };
		await rememberAnswer(trx, key, answer, now);
		return answer;
	});
}
