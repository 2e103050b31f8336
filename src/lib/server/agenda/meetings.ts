import type { DB } from '../platform/db';
import type { MeetingStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';

export type { Actor };
import { subtractWorkingDays } from '../../calendar/working-days';
import { queueAgendaPublishedMail } from '../mail/notifications';
import { sendNotices } from '../people/notices';
import { MEETING_DEFAULTS } from '../../domain/meeting';

export async function closureDays(db: DB): Promise<Set<string>> {
	const rows = await db.selectFrom('closure_day').select('date').execute();
	return new Set(rows.map((row) => row.date));
}

export interface MeetingPlan {
	communityId: number;
	dates: string[];
	startTime: string;
	lengthMinutes: number;
	venue: string | null;
	onlineLink: string | null;
	deadlineWorkingDays: number;
}

/** Schedules one meeting or a whole series in one transaction: all of them, or none. */
export async function scheduleMeetings(
	db: DB,
	plan: MeetingPlan,
	actor: Actor,
	now = new Date()
): Promise<number[]> {
	const closures = await closureDays(db);
	return db.transaction().execute(async (trx) => {
		const ids: number[] = [];
		for (const date of plan.dates) {
			const row = await trx
				.insertInto('meeting')
				.values({
					community_id: plan.communityId,
					date,
					start_time: plan.startTime,
					length_minutes: plan.lengthMinutes,
					venue: plan.venue,
					online_link: plan.onlineLink,
					submission_deadline: subtractWorkingDays(date, plan.deadlineWorkingDays, closures),
					status: 'scheduled',
					created_by: actor.id,
					created_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			ids.push(row.id);
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.scheduled',
				recordType: 'community',
				recordId: plan.communityId,
				ip: actor.ip,
				detail: { dates: plan.dates }
			},
			now
		);
		return ids;
	});
}

const meetingColumns = [
	'meeting.id',
	'meeting.community_id as communityId',
	'meeting.date',
	'meeting.start_time as startTime',
	'meeting.length_minutes as lengthMinutes',
	'meeting.venue',
	'meeting.online_link as onlineLink',
	'meeting.submission_deadline as submissionDeadline',
	'meeting.status',
	'meeting.started_at as startedAt',
	'meeting.concluded_at as concludedAt',
	'meeting.current_item_id as currentItemId',
	'meeting.current_item_started_at as currentItemStartedAt'
] as const;

export async function listMeetings(db: DB, communityId: number, today: string) {
	const meetings = await db
		.selectFrom('meeting')
		.select(meetingColumns)
		.where('meeting.community_id', '=', communityId)
		.orderBy('meeting.date')
		.execute();
	return {
		upcoming: meetings.filter((m) => m.date >= today && m.status !== 'cancelled'),
		past: meetings.filter((m) => m.date < today || m.status === 'cancelled').reverse()
	};
}

export async function findMeeting(db: DB, meetingId: number) {
	return db
		.selectFrom('meeting')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.select([...meetingColumns, 'community.name as communityName'])
		.where('meeting.id', '=', meetingId)
		.executeTakeFirst();
}

/** The meeting after this one, for items moved off a cancelled meeting. */
async function nextMeeting(db: DB, communityId: number, after: string, exceptId: number) {
	return db
		.selectFrom('meeting')
		.select(['id', 'date'])
		.where('community_id', '=', communityId)
		.where('date', '>', after)
		.where('id', '!=', exceptId)
		.where('status', 'in', ['scheduled', 'agenda-open'])
		.orderBy('date')
		.limit(1)
		.executeTakeFirst();
}

/** The order a meeting moves through. Cancelling is possible until it starts. */
const nextStatus: Partial<Record<MeetingStatus, MeetingStatus>> = {
	scheduled: 'agenda-open',
	'agenda-open': 'agenda-published',
	'agenda-published': 'in-progress',
	'in-progress': 'concluded'
};

export async function advanceMeeting(
	db: DB,
	meetingId: number,
	from: MeetingStatus,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	const to = nextStatus[from];
	if (!to) return false;
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('meeting')
			.set({ status: to })
			.where('id', '=', meetingId)
			.where('status', '=', from)
			.executeTakeFirst();
		if (result.numUpdatedRows !== 1n) return false;
		if (to === 'agenda-published') await queueAgendaPublishedMail(trx, meetingId, now);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: `meeting.${to}`,
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
		return true;
	});
}

async function notifySubmitters(db: DB, meetingId: number, message: string, now: Date) {
	const submitters = await db
		.selectFrom('submission')
		.select('submitted_by')
		.distinct()
		.where('meeting_id', '=', meetingId)
		.where('status', '!=', 'withdrawn')
		.execute();
	await sendNotices(
		db,
		submitters.map((s) => ({ userId: s.submitted_by, message, link: `/meetings/${meetingId}` })),
		now
	);
}

export type MeetingChange = { ok: true } | { ok: false; reason: string };

/** Moves a meeting to another date; its items go with it and their submitters are told. */
export async function moveMeeting(
	db: DB,
	meetingId: number,
	change: { date: string; startTime: string },
	actor: Actor,
	describe: (date: string) => string,
	now = new Date()
): Promise<MeetingChange> {
	const closures = await closureDays(db);
	return db.transaction().execute(async (trx) => {
		const meeting = await trx
			.selectFrom('meeting')
			.select(['id', 'date', 'status', 'submission_deadline'])
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		if (!['scheduled', 'agenda-open', 'agenda-published'].includes(meeting.status)) {
			return {
				ok: false,
				reason: 'A meeting that has started, ended or been cancelled cannot be moved'
			};
		}
		await trx
			.updateTable('meeting')
			.set({
				date: change.date,
				start_time: change.startTime,
				submission_deadline: subtractWorkingDays(
					change.date,
					MEETING_DEFAULTS.deadlineWorkingDays,
					closures
				)
			})
			.where('id', '=', meetingId)
			.execute();
		await notifySubmitters(
			trx,
			meetingId,
			`The MAG meeting your item is for has moved from ${describe(meeting.date)} to ${describe(change.date)}.`,
			now
		);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.moved',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip,
				detail: { from: meeting.date, to: change.date }
			},
			now
		);
		return { ok: true };
	});
}

/** Cancels a meeting; its items move to the community's next meeting and their submitters are told. */
export async function cancelMeeting(
	db: DB,
	meetingId: number,
	actor: Actor,
	describe: (date: string) => string,
	now = new Date()
): Promise<MeetingChange> {
	return db.transaction().execute(async (trx) => {
		const meeting = await trx
			.selectFrom('meeting')
			.select(['id', 'date', 'status', 'community_id'])
			.where('id', '=', meetingId)
			.executeTakeFirstOrThrow();
		if (!['scheduled', 'agenda-open', 'agenda-published'].includes(meeting.status)) {
			return {
				ok: false,
				reason: 'A meeting that has started, ended or been cancelled cannot be cancelled'
			};
		}
		const items = await trx
			.selectFrom('submission')
			.select('id')
			.where('meeting_id', '=', meetingId)
			.where('status', 'in', ['submitted', 'accepted', 'deferred'])
			.execute();
		const next = await nextMeeting(trx, meeting.community_id, meeting.date, meetingId);
		if (items.length > 0 && !next) {
			return {
				ok: false,
				reason: 'Schedule the next meeting first, so this meeting’s items have somewhere to go'
			};
		}
		await trx
			.updateTable('meeting')
			.set({ status: 'cancelled' })
			.where('id', '=', meetingId)
			.execute();
		if (next && items.length > 0) {
			await notifySubmitters(
				trx,
				meetingId,
				`The MAG meeting on ${describe(meeting.date)} is cancelled. Your item has moved to the meeting on ${describe(next.date)}.`,
				now
			);
			await trx
				.updateTable('submission')
				.set({ meeting_id: next.id, position: null, updated_at: now.toISOString() })
				.where(
					'id',
					'in',
					items.map((i) => i.id)
				)
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.cancelled',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip,
				detail: { movedItems: items.length, toMeeting: next?.id ?? null }
			},
			now
		);
		return { ok: true };
	});
}

export async function listClosureDays(db: DB) {
	return db.selectFrom('closure_day').select(['date', 'reason']).orderBy('date').execute();
}

/**
 * Adds a day the council is closed. Deadlines already set are left as they are: the chair sees
 * them on each meeting and can move a meeting if one falls badly.
 */
export async function addClosureDay(
	db: DB,
	date: string,
	reason: string,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.insertInto('closure_day')
			.values({ date, reason, added_by: actor.id, added_at: now.toISOString() })
			.onConflict((oc) => oc.column('date').doNothing())
			.executeTakeFirst();
		if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'closure-day.added',
				recordType: 'closure_day',
				recordId: date,
				ip: actor.ip,
				detail: { reason }
			},
			now
		);
		return true;
	});
}

export async function removeClosureDay(db: DB, date: string, actor: Actor, now = new Date()) {
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('closure_day').where('date', '=', date).execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'closure-day.removed',
				recordType: 'closure_day',
				recordId: date,
				ip: actor.ip
			},
			now
		);
	});
}
