import { differenceInYears } from 'date-fns';
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { readFamily, type ItemFamily } from '../meeting/consent-gate';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { mayUpdateAction } from '../policy/actions';
import { needUpdates } from '../meeting/outcomes';
import { historyEntry } from './history';
import { afterOwnerUpdate, isOpen } from './statuses';
import type { OwnerUpdate } from './update-form';

/**
 * Between meetings: the owner of an action says how it is going (in progress, done, or cannot be
 * done and why), and every change to an action is kept as its history (who, when, what).
 */

export type UpdateResult = 'recorded' | 'not-found' | 'not-allowed' | 'finished';

/**
 * Records the owner's update: the action's status changes and the update joins its history, in one
 * transaction with its audit entry. Only the owner or the community's chair or coordinator may;
 * an action already done, not possible or closed takes no more updates. A post repeating one
 * already recorded (the same `formKey`) records nothing and answers 'recorded' again, even though
 * the first may have finished the action.
 */
export async function recordOwnerUpdate(
	db: DB,
	actionId: number,
	update: OwnerUpdate,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<UpdateResult> {
	const key = { token: formKey, userId: actor.id, form: `action-update:${actionId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<UpdateResult>(trx, key);
		if (earlier) return earlier;
		const action = await trx
			.selectFrom('action')
			.select(['id', 'status', 'owner_id as ownerId', 'community_id as communityId'])
			.where('id', '=', actionId)
			.executeTakeFirst();
		if (!action) return 'not-found';
		if (!(await mayUpdateAction(trx, action, actor.id))) return 'not-allowed';
		if (!isOpen(action.status)) return 'finished';
		const { status, completedAt } = afterOwnerUpdate(update.kind, now);
		await trx
			.updateTable('action')
			.set({ status, completed_at: completedAt })
			.where('id', '=', actionId)
			.execute();
		await trx
			.insertInto('action_update')
			.values(
				historyEntry(actionId, update.kind, actor, now, {
					note: update.note,
					...(update.kind === 'cannot-be-done' ? { reason: update.reason } : {})
				})
			)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: `action.${update.kind}`,
				recordType: 'action',
				recordId: actionId,
				ip: actor.ip,
				detail: {
					onBehalfOfOwner: action.ownerId !== actor.id,
					...(update.kind === 'cannot-be-done' ? { reason: update.reason } : {})
				}
			},
			now
		);
		await rememberAnswer(trx, key, 'recorded', now);
		return 'recorded';
	});
}

/**
 * The family's case summary for the action's owner: names, ages, needs and the support agreed
 * for each at the meeting. Every read is audited (readFamily), why: "action owner".
 */
export async function familySummaryForOwner(
	db: DB,
	family: ItemFamily,
	reader: Actor,
	today: string
) {
	const { members, needs } = await readFamily(db, family, { ...reader, why: 'action owner' });
	const agreed = new Map(
		(await needUpdates(db, family.submissionId)).map((update) => [update.needId, update])
	);
	const todayDate = new Date(`${today}T12:00:00Z`);
	return {
		reference: family.reference,
		initials: family.initials,
		members: members.map((member) => ({
			id: member.id,
			name: member.name,
			age: differenceInYears(todayDate, new Date(`${member.dateOfBirth}T12:00:00Z`)),
			relationship: member.relationship,
			setting: member.setting
		})),
		needs: needs.map((need) => ({
			id: need.id,
			forName: members.find((m) => m.id === need.memberId)?.name ?? '',
			description: need.description,
			support: agreed.get(need.id)?.support ?? null
		}))
	};
}
