import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { membershipRole } from '../people/communities';
import { historyEntry } from './history';
import { mayReopen, reopenRefusal } from './reopen-rules';

export type ReopenResult =
	| { result: 'reopened' }
	| { result: 'not-found' }
	| { result: 'not-allowed' }
	| { result: 'refused'; message: string };

/**
 * Reopens an action marked done: it goes back to in progress if its owner had reported progress
 * before, otherwise to open; the reason joins its history; audited; one transaction. Only its owner
 * or its MAG's chair, and only within REOPEN_WITHIN_DAYS of it being marked done.
 */
export async function reopenAction(
	db: DB,
	actionId: number,
	reason: string,
	actor: Actor,
	now = new Date()
): Promise<ReopenResult> {
	return db.transaction().execute(async (trx) => {
		const action = await trx
			.selectFrom('action')
			.select([
				'id',
				'status',
				'completed_at as completedAt',
				'owner_id as ownerId',
				'community_id as communityId'
			])
			.where('id', '=', actionId)
			.executeTakeFirst();
		if (!action) return { result: 'not-found' };
		const role = await membershipRole(trx, actor.id, action.communityId);
		if (!mayReopen(action.ownerId, actor.id, role)) return { result: 'not-allowed' };
		const refusal = reopenRefusal({ ...action, userId: actor.id, role, now });
		if (refusal) return { result: 'refused', message: refusal };
		const progressed = await trx
			.selectFrom('action_update')
			.select('id')
			.where('action_id', '=', actionId)
			.where('kind', '=', 'progress')
			.executeTakeFirst();
		const status = progressed ? 'in-progress' : 'open';
		await trx
			.updateTable('action')
			.set({ status, completed_at: null })
			.where('id', '=', actionId)
			.execute();
		await trx
			.insertInto('action_update')
			.values(historyEntry(actionId, 'reopened', actor, now, { note: reason }))
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'action.reopened',
				recordType: 'action',
				recordId: actionId,
				ip: actor.ip,
				detail: { onBehalfOfOwner: action.ownerId !== actor.id, status, reason }
			},
			now
		);
		return { result: 'reopened' };
	});
}
