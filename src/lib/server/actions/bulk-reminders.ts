import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { enqueueMail } from '../mail/outbox';
import { sendNotices } from '../people/notices';
import { mailSettings } from '../mail/config';
import { remindOwnerByEmail } from '../mail/notifications';
import { historyEntry } from './history';
import { actionsWithReference } from './queries';
import { referenceOf } from './reference';
import { OPEN_STATUSES } from './statuses';
import { bulkReminderPlan, REMINDER_GAP_MS, type BulkReminderPlan } from './bulk-reminder-rules';
import { reminderMessage, reminderNote } from './follow-up-rules';

/**
 * The follow-up board's reminders, for one action (its row's "Send a reminder") or several ("Send
 * reminders to the owners of selected actions"): one email per owner through the outbox listing
 * their selected actions by reference only, an in-app notice per action, a "reminder" entry in
 * each action's history and an audit entry, all in one transaction. Only this community's open
 * actions are reminded; one reminded within the last day is left out (bulk-reminder-rules.ts), so
 * a double click or a retried post reminds the owner once. Callers check who may send them (the
 * chair or a coordinator of the community).
 */
export async function remindOwnersOfSelected(
	db: DB,
	communityId: number,
	actionIds: number[],
	actor: Actor,
	now = new Date()
): Promise<BulkReminderPlan> {
	const ids = actionIds.filter((id) => Number.isInteger(id) && id > 0);
	if (ids.length === 0) return { owners: [], recentlyReminded: [], noAccount: [], notOpen: 0 };
	return db.transaction().execute(async (trx) => {
		const rows = await actionsWithReference(trx)
			.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
			.innerJoin('community', 'community.id', 'action.community_id')
			.leftJoin('user as owner', 'owner.id', 'action.owner_id')
			.select([
				'meeting.date as meetingDate',
				'community.name as communityName',
				sql<number | null>`case when owner.disabled_at is null then action.owner_id end`.as(
					'ownerId'
				),
				'owner.email as ownerEmail',
				'owner.name as ownerAccountName'
			])
			.where('action.community_id', '=', communityId)
			.where('action.status', 'in', OPEN_STATUSES)
			.where('action.id', 'in', ids)
			.orderBy('action.due_date')
			.orderBy('action.id')
			.execute();
		const since = new Date(now.getTime() - REMINDER_GAP_MS).toISOString();
		const recent = await trx
			.selectFrom('action_update')
			.select(['action_id as actionId', sql<string>`max(recorded_at)`.as('at')])
			.where('kind', '=', 'reminder')
			.where('recorded_at', '>', since)
			.where(
				'action_id',
				'in',
				rows.map((row) => row.id)
			)
			.groupBy('action_id')
			.execute();
		const plan = bulkReminderPlan(
			rows.map((row) => ({
				id: row.id,
				reference: referenceOf(row),
				ownerId: row.ownerId,
				ownerName: row.ownerName
			})),
			new Map(recent.map((r) => [r.actionId, r.at])),
			now,
			new Set(ids).size
		);
		const { origin } = mailSettings();
		for (const owner of plan.owners) {
			// One action: the email about it (its due date in words); several: one email listing them.
			if (owner.actionIds.length === 1) {
				await remindOwnerByEmail(trx, owner.actionIds[0]!, now);
				continue;
			}
			const row = rows.find((r) => r.ownerId === owner.ownerId)!;
			await enqueueMail(
				trx,
				{
					kind: 'reminder-from-chair',
					to: row.ownerEmail!,
					userId: owner.ownerId,
					subject: `Reminder: ${owner.references.length} ${owner.references.length === 1 ? 'action' : 'actions'} from your MAG`,
					text: [
						`Hello ${row.ownerAccountName},`,
						'',
						'Your MAG chair asks you to update these actions:',
						...owner.references.map((reference) => `- ${reference}`),
						'',
						`See them at ${origin}/actions`
					].join('\n')
				},
				now
			);
		}
		const reminded = new Set(plan.owners.flatMap((owner) => owner.actionIds));
		await sendNotices(
			trx,
			rows
				.filter((row) => reminded.has(row.id))
				.map((row) => ({
					userId: row.ownerId!,
					message: reminderMessage({ ...row, reference: referenceOf(row) }, now),
					link: `/actions/${row.id}`
				})),
			now
		);
		for (const row of rows) {
			if (!reminded.has(row.id) && row.ownerId !== null) continue;
			await trx
				.insertInto('action_update')
				.values(
					historyEntry(row.id, 'reminder', actor, now, { note: reminderNote(row.ownerId !== null) })
				)
				.execute();
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: 'action.reminder-sent',
					recordType: 'action',
					recordId: row.id,
					ip: actor.ip,
					detail: { notified: row.ownerId !== null, bulk: true }
				},
				now
			);
		}
		return plan;
	});
}
