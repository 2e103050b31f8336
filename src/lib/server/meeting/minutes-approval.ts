import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';

/**
 * Minutes are approved at the next meeting of the same MAG (docs/domain.md: minutes within ten
 * working days, agreed by the group when it next meets): its chair marks them approved while that
 * meeting is in progress. Corrections after approval are still allowed, and shown as such.
 */

interface MeetingPlace {
	id: number;
	communityId: number;
	date: string;
}

export interface NeighbourMeeting {
	id: number;
	date: string;
	status: string;
}

/** The meeting of the same MAG just after (or before) this one, not cancelled. */
function neighbourMeeting(db: DB, meeting: MeetingPlace, side: 'next' | 'previous') {
	const [beyond, order] = side === 'next' ? (['>', 'asc'] as const) : (['<', 'desc'] as const);
	return db
		.selectFrom('meeting')
		.select(['id', 'date', 'status'])
		.where('community_id', '=', meeting.communityId)
		.where('status', '!=', 'cancelled')
		.where((eb) =>
			eb.or([
				eb('date', beyond, meeting.date),
				eb.and([eb('date', '=', meeting.date), eb('id', beyond, meeting.id)])
			])
		)
		.orderBy('date', order)
		.orderBy('id', order)
		.executeTakeFirst();
}

/** The next meeting of the same MAG, not cancelled, after this one. */
export function nextMeetingOf(
	db: DB,
	meeting: MeetingPlace
): Promise<NeighbourMeeting | undefined> {
	return neighbourMeeting(db, meeting, 'next');
}

/** The concluded meeting of the same MAG before this one: the minutes this meeting approves. */
export async function previousConcludedMeetingOf(
	db: DB,
	meeting: MeetingPlace
): Promise<NeighbourMeeting | undefined> {
	const previous = await neighbourMeeting(db, meeting, 'previous');
	return previous?.status === 'concluded' ? previous : undefined;
}

export interface MinutesApproval {
	approvedAtMeetingId: number;
	approvedAtMeetingDate: string;
	approvedBy: string;
	approvedAt: string;
}

export async function findApproval(
	db: DB,
	meetingId: number
): Promise<MinutesApproval | undefined> {
	return db
		.selectFrom('minutes_approval')
		.innerJoin('meeting', 'meeting.id', 'minutes_approval.approved_at_meeting_id')
		.innerJoin('user', 'user.id', 'minutes_approval.approved_by')
		.select([
			'minutes_approval.approved_at_meeting_id as approvedAtMeetingId',
			'meeting.date as approvedAtMeetingDate',
			'user.name as approvedBy',
			'minutes_approval.approved_at as approvedAt'
		])
		.where('minutes_approval.meeting_id', '=', meetingId)
		.executeTakeFirst();
}

/**
 * Whether the minutes may be approved now: they are not yet, and the next meeting of the MAG is in
 * progress. Returns that meeting, or why not.
 */
export async function approvalWindow(
	db: DB,
	meeting: MeetingPlace
): Promise<{ open: true; at: NeighbourMeeting } | { open: false; reason: string }> {
	if (await findApproval(db, meeting.id))
		return { open: false, reason: 'These minutes have already been approved' };
	const next = await nextMeetingOf(db, meeting);
	if (next?.status !== 'in-progress')
		return {
			open: false,
			reason: 'Minutes are approved at the next meeting of this MAG, while it is in progress'
		};
	return { open: true, at: next };
}

/** Marks the minutes approved at `at`, in one transaction with its audit entry; once only. */
export async function approveMinutes(
	db: DB,
	meetingId: number,
	at: NeighbourMeeting,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const already = await trx
			.selectFrom('minutes_approval')
			.select('meeting_id')
			.where('meeting_id', '=', meetingId)
			.executeTakeFirst();
		if (already) return false;
		await trx
			.insertInto('minutes_approval')
			.values({
				meeting_id: meetingId,
				approved_at_meeting_id: at.id,
				approved_by: actor.id,
				approved_at: now.toISOString()
			})
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'minutes.approved',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip,
				detail: { approvedAtMeetingId: at.id, approvedAtMeetingDate: at.date }
			},
			now
		);
		return true;
	});
}

/** For the chair in the room: the last meeting's minutes, to approve at this one. */
export async function previousMinutes(
	db: DB,
	meeting: MeetingPlace
): Promise<{ meetingId: number; date: string; approved: boolean } | null> {
	const previous = await previousConcludedMeetingOf(db, meeting);
	if (!previous) return null;
	return {
		meetingId: previous.id,
		date: previous.date,
		approved: Boolean(await findApproval(db, previous.id))
	};
}
