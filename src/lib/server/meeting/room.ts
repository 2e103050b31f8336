import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { buildAgenda } from '../agenda/agenda';
import { listMeetings } from '../agenda/meetings';
import { queueActionListMail } from '../mail/notifications';
import { isDueForReview } from '../actions/queries';
import { todayInEngland } from '../../dates';

/**
 * Running a published agenda: the chair starts the meeting, takes the items in order (and can go
 * back), and concludes it when every item has an outcome or has been deferred. A meeting with
 * overdue actions to review starts on the actions review, with no item on screen
 * (room-start-and-close.ts); otherwise on its first item.
 */
export async function startMeeting(
	db: DB,
	meetingId: number,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const meeting = await trx
			.selectFrom('meeting')
			.select(['id', 'community_id as communityId'])
			.where('id', '=', meetingId)
			.executeTakeFirst();
		if (!meeting) return false;
		const toReview = await trx
			.selectFrom('action')
			.select('action.id')
			.where(isDueForReview(meeting, todayInEngland(now)))
			.limit(1)
			.executeTakeFirst();
		const first = toReview
			? undefined
			: await trx
					.selectFrom('submission')
					.select('id')
					.where('meeting_id', '=', meetingId)
					.where('status', '=', 'accepted')
					.orderBy('part')
					.orderBy('position')
					.orderBy('id')
					.executeTakeFirst();
		const result = await trx
			.updateTable('meeting')
			.set({
				status: 'in-progress',
				started_at: now.toISOString(),
				current_item_id: first?.id ?? null,
				current_item_started_at: first ? now.toISOString() : null
			})
			.where('id', '=', meetingId)
			.where('status', '=', 'agenda-published')
			.executeTakeFirst();
		if (result.numUpdatedRows !== 1n) return false;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.in-progress',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
		return true;
	});
}

/** The chair moves everyone's screen to an item (forward or back). */
export async function takeItem(
	db: DB,
	meetingId: number,
	submissionId: number,
	now = new Date()
): Promise<boolean> {
	if (!(await itemOnAgenda(db, meetingId, submissionId))) return false;
	const result = await db
		.updateTable('meeting')
		.set({ current_item_id: submissionId, current_item_started_at: now.toISOString() })
		.where('id', '=', meetingId)
		.where('status', '=', 'in-progress')
		.where((eb) =>
			eb.or([eb('current_item_id', 'is', null), eb('current_item_id', '!=', submissionId)])
		)
		.executeTakeFirst();
	return result.numUpdatedRows === 1n;
}

/** An item the room's forms may act on: accepted onto this meeting's agenda. */
export async function itemOnAgenda(db: DB, meetingId: number, submissionId: number) {
	return db
		.selectFrom('submission')
		.select(['id', 'part', 'status'])
		.where('id', '=', submissionId)
		.where('meeting_id', '=', meetingId)
		.where('status', '=', 'accepted')
		.executeTakeFirst();
}

/** The community's meetings after this one still to come, soonest first: where items go next. */
export async function laterMeetings(
	db: DB,
	meeting: { communityId: number; date: string },
	today: string
) {
	const { upcoming } = await listMeetings(db, meeting.communityId, today);
	return upcoming.filter((m) => m.date > meeting.date).map((m) => ({ id: m.id, date: m.date }));
}

/** The agenda as it stands in the room: each accepted item with whether its outcome is in. */
export async function roomAgenda(db: DB, meetingId: number, lengthMinutes: number) {
	const agenda = await buildAgenda(db, meetingId, lengthMinutes);
	const outcomes = await db
		.selectFrom('outcome')
		.select(['submission_id as submissionId', 'kind', 'taken_as_advice as takenAsAdvice'])
		.where('meeting_id', '=', meetingId)
		.execute();
	const done = new Map(outcomes.map((o) => [o.submissionId, o]));
	return {
		...agenda,
		accepted: agenda.accepted.map((item) => ({
			...item,
			outcomeKind: done.get(item.id)?.kind ?? null,
			takenAsAdvice: done.get(item.id)?.takenAsAdvice === 1
		}))
	};
}

/** Items still without an outcome: the meeting cannot conclude while there are any. */
export async function itemsWithoutOutcome(db: DB, meetingId: number) {
	return db
		.selectFrom('submission')
		.leftJoin('outcome', 'outcome.submission_id', 'submission.id')
		.select('submission.id')
		.where('submission.meeting_id', '=', meetingId)
		.where('submission.status', '=', 'accepted')
		.where('outcome.submission_id', 'is', null)
		.execute();
}

export async function concludeMeeting(
	db: DB,
	meetingId: number,
	actor: Actor,
	now = new Date()
): Promise<{ ok: true } | { ok: false; missing: number }> {
	return db.transaction().execute(async (trx) => {
		const missing = await itemsWithoutOutcome(trx, meetingId);
		if (missing.length > 0) return { ok: false, missing: missing.length } as const;
		const result = await trx
			.updateTable('meeting')
			.set({
				status: 'concluded',
				concluded_at: now.toISOString(),
				current_item_id: null,
				current_item_started_at: null
			})
			.where('id', '=', meetingId)
			.where('status', '=', 'in-progress')
			.executeTakeFirst();
		if (result.numUpdatedRows !== 1n) return { ok: false, missing: 0 } as const;
		await queueActionListMail(trx, meetingId, now);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.concluded',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
		return { ok: true } as const;
	});
}
