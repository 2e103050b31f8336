import type { DB } from '../platform/db';
import type { Actor } from '../audit/log';
import type { ActionUpdateKind, CannotBeDoneReason } from '../platform/schema';

/**
 * Every change to an action is kept as its history (who, when, what): the owner's updates, the
 * review's decisions and the chair's reminders.
 */

/** A row in an action's history; every writer fills in only what its kind needs. */
export function historyEntry(
	actionId: number,
	kind: ActionUpdateKind,
	actor: Actor,
	now: Date,
	fields: {
		note?: string;
		reason?: CannotBeDoneReason;
		previousDueDate?: string;
		newDueDate?: string;
		previousOwner?: string;
		meetingId?: number;
	} = {}
) {
	return {
		action_id: actionId,
		kind,
		note: fields.note ?? '',
		reason: fields.reason ?? null,
		previous_due_date: fields.previousDueDate ?? null,
		new_due_date: fields.newDueDate ?? null,
		previous_owner: fields.previousOwner ?? null,
		meeting_id: fields.meetingId ?? null,
		recorded_by: actor.id,
		recorded_at: now.toISOString()
	};
}

/** An action's history, newest first: who recorded what, when. */
export async function actionHistory(db: DB, actionId: number) {
	return db
		.selectFrom('action_update')
		.innerJoin('user', 'user.id', 'action_update.recorded_by')
		.select([
			'action_update.id',
			'action_update.kind',
			'action_update.note',
			'action_update.reason',
			'action_update.previous_due_date as previousDueDate',
			'action_update.new_due_date as newDueDate',
			'action_update.previous_owner as previousOwner',
			'action_update.meeting_id as meetingId',
			'user.name as recordedByName',
			'action_update.recorded_at as recordedAt'
		])
		.where('action_update.action_id', '=', actionId)
		.orderBy('action_update.id', 'desc')
		.execute();
}

export type LatestUpdate = {
	kind: ActionUpdateKind;
	note: string;
	recordedAt: string;
	recordedByName: string;
};

/**
 * The latest update on each action (reminders are not updates on the work, so they are left out),
 * in one query whatever the number of actions.
 */
export async function latestUpdates(
	db: DB,
	actionIds: number[]
): Promise<Map<number, LatestUpdate>> {
	if (actionIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('action_update')
		.innerJoin('user', 'user.id', 'action_update.recorded_by')
		.select([
			'action_update.action_id as actionId',
			'action_update.kind',
			'action_update.note',
			'action_update.recorded_at as recordedAt',
			'user.name as recordedByName'
		])
		.where('action_update.id', 'in', (qb) =>
			qb
				.selectFrom('action_update')
				.select((eb) => eb.fn.max('id').as('id'))
				.where('action_id', 'in', actionIds)
				.where('kind', '!=', 'reminder')
				.groupBy('action_id')
		)
		.execute();
	return new Map(rows.map(({ actionId, ...update }) => [actionId, update]));
}
