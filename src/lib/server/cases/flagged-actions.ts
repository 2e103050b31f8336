import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { OPEN_STATUSES } from '../actions/statuses';
import type { FlagDecision } from './consent-form';

/**
 * When the family withdraws consent, the case's open actions wait for the chair's decision: close
 * each (with a reason) or keep it.
 */

/**
 * Flags the case's open actions not already waiting for a decision; call it inside the
 * withdrawal's transaction. Returns the actions flagged.
 */
export async function flagOpenActions(db: DB, caseId: number, stamp: string): Promise<number[]> {
	const open = await db
		.selectFrom('action')
		.select('id')
		.where('case_id', '=', caseId)
		.where('status', 'in', OPEN_STATUSES)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('action_flag')
						.select('action_flag.id')
						.whereRef('action_flag.action_id', '=', 'action.id')
						.where('action_flag.decision', 'is', null)
				)
			)
		)
		.execute();
	for (const action of open)
		await db
			.insertInto('action_flag')
			.values({
				action_id: action.id,
				case_id: caseId,
				reason: 'consent withdrawn',
				flagged_at: stamp
			})
			.execute();
	return open.map((action) => action.id);
}

/**
 * The chair's decision on an action flagged when consent was withdrawn: close it (with a reason)
 * or keep it. False if the flag is not on this case or already decided.
 */
export async function decideFlaggedAction(
	db: DB,
	caseId: number,
	flagId: number,
	decision: FlagDecision,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const flag = await trx
			.selectFrom('action_flag')
			.innerJoin('family_case', 'family_case.id', 'action_flag.case_id')
			.select(['action_flag.action_id as actionId', 'family_case.reference'])
			.where('action_flag.id', '=', flagId)
			.where('action_flag.case_id', '=', caseId)
			.where('action_flag.decision', 'is', null)
			.executeTakeFirst();
		if (!flag) return false;
		const stamp = now.toISOString();
		await trx
			.updateTable('action_flag')
			.set({
				decision: decision.kind,
				decision_reason: decision.kind === 'closed' ? decision.reason : null,
				decided_by: actor.id,
				decided_at: stamp
			})
			.where('id', '=', flagId)
			.execute();
		if (decision.kind === 'closed')
			await trx
				.updateTable('action')
				.set({ status: 'closed' })
				.where('id', '=', flag.actionId)
				.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: decision.kind === 'closed' ? 'action.closed' : 'action.kept',
				recordType: 'action',
				recordId: flag.actionId,
				ip: actor.ip,
				detail: {
					reference: flag.reference,
					why: 'consent withdrawn',
					reason: decision.kind === 'closed' ? decision.reason : null
				}
			},
			now
		);
		return true;
	});
}
