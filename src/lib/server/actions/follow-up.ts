import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { remindOwnerByEmail } from '../mail/notifications';
import { sendNotices } from '../people/notices';
import {
	completionRate,
	reminderMessage,
	reminderNote,
	type AgencyFigures
} from './follow-up-rules';
import { historyEntry } from './history';
import { actionsWithReference } from './queries';
import { referenceOf } from './reference';
import { isOpen } from './statuses';

/**
 * The chair's follow-up: each agency's figures and reminders to owners (the board's list of open
 * actions is follow-up-list.ts). The rules (completion rate, what a reminder says) are in follow-up-rules.ts; the actions review at the next meeting in actions-review.ts.
 */

/**
 * Each agency's actions in a community, counted by the database (GROUP BY) rather than by loading
 * every action: owned (all of them), completed (done), open (open or in progress), cannot be done,
 * closed at a review, and overdue (open and due before today).
 */
export async function agencyFigures(
	db: DB,
	communityId: number,
	today: string
): Promise<AgencyFigures[]> {
	const rows = await db
		.selectFrom('action')
		.select([
			'owner_agency as agency',
			sql<number>`count(*)`.as('owned'),
			sql<number>`count(*) filter (where status = 'done')`.as('completed'),
			sql<number>`count(*) filter (where status in ('open', 'in-progress'))`.as('open'),
			sql<number>`count(*) filter (where status = 'cannot-be-done')`.as('cannotBeDone'),
			sql<number>`count(*) filter (where status = 'closed')`.as('closed'),
			sql<number>`count(*) filter (where status in ('open', 'in-progress') and due_date < ${today})`.as(
				'overdue'
			)
		])
		.where('community_id', '=', communityId)
		.groupBy('owner_agency')
		.orderBy('owner_agency')
		.execute();
	return rows.map((row) => ({ ...row, completionRate: completionRate(row) }));
}

export type ReminderResult =
	| { reminded: false }
	| { reminded: true; notified: boolean; ownerId: number | null; reference: string };

/**
 * Reminds an action's owner. All of a reminder happens here, in one transaction: an in-app notice
 * and an email to the owner when they have an account (follow-up-rules.ts, reminderMessage), a
 * "reminder" entry in the action's history, and the audit entry. Only an open or in-progress
 * action is reminded. Callers check who may send one (the chair or a coordinator of the action's
 * community). A post repeating one already sent (the same `formKey`) sends nothing and answers as
 * the first did: the owner is not reminded twice by one click.
 */
export async function remindOwner(
	db: DB,
	actionId: number,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<ReminderResult> {
	const key = { token: formKey, userId: actor.id, form: `reminder:${actionId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<ReminderResult>(trx, key);
		if (earlier) return earlier;
		const action = await actionsWithReference(trx)
			.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
			.innerJoin('community', 'community.id', 'action.community_id')
			.leftJoin('user as owner', 'owner.id', 'action.owner_id')
			.select([
				'action.status',
				'action.owner_id as ownerId',
				'owner.disabled_at as ownerDisabledAt',
				'meeting.date as meetingDate',
				'community.name as communityName'
			])
			.where('action.id', '=', actionId)
			.executeTakeFirst();
		if (!action || !isOpen(action.status)) return { reminded: false } as const;
		const reference = referenceOf(action);
		const notified = action.ownerId !== null && action.ownerDisabledAt === null;
		// The email goes through the outbox in this same transaction: no reminder, no email.
		if (notified) await remindOwnerByEmail(trx, actionId, now);
		if (notified)
			await sendNotices(
				trx,
				[
					{
						userId: action.ownerId!,
						message: reminderMessage({ ...action, reference }, now),
						link: `/actions/${actionId}`
					}
				],
				now
			);
		await trx
			.insertInto('action_update')
			.values(historyEntry(actionId, 'reminder', actor, now, { note: reminderNote(notified) }))
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'action.reminder-sent',
				recordType: 'action',
				recordId: actionId,
				ip: actor.ip,
				detail: { notified }
			},
			now
		);
		const result = { reminded: true, notified, ownerId: action.ownerId, reference } as const;
		await rememberAnswer(trx, key, result, now);
		return result;
	});
}

export type CommunityReminder =
	| { found: false }
	| { found: true; description: string; ownerName: string; result: ReminderResult };

/**
 * The follow-up board's reminder button: reminds the owner of one of this community's actions
 * (remindOwner). An action of another community, or none, is not found.
 */
export async function remindOwnerInCommunity(
	db: DB,
	communityId: number,
	actionId: number,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<CommunityReminder> {
	const action = await db
		.selectFrom('action')
		.select(['id', 'owner_name as ownerName', 'description'])
		.where('id', '=', Number.isInteger(actionId) ? actionId : 0)
		.where('community_id', '=', communityId)
		.executeTakeFirst();
	if (!action) return { found: false };
	return {
		found: true,
		description: action.description,
		ownerName: action.ownerName,
		result: await remindOwner(db, action.id, actor, now, formKey)
	};
}
