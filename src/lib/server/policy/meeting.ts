import type { DB } from '../platform/db';
import { appDatabase } from '../platform/app-database';
import { membershipRole, runsTheMeeting } from '../people/communities';
import { findMeeting } from '../agenda/meetings';
import { submissionWindow } from '../agenda/submission-rules';
import { todayInEngland } from '$lib/dates';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * A meeting is for the members of its community's MAG; chairs and coordinators (the organisers)
 * run it. Membership is checked before the meeting's existence is told.
 */
export async function requireMeetingMember(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const meetingId = recordId(id);
	const { db } = appDatabase();
	const meeting = (await findMeeting(db, meetingId)) ?? notFound();
	const role = await membershipRole(db, user.id, meeting.communityId);
	if (!role) refuse('Only members of this MAG can see its meetings');
	return { user, meeting, role, organiser: runsTheMeeting(role) };
}

const ORGANISER_ONLY = {
	meeting: 'Only the chair or a coordinator can change a meeting',
	agenda: 'Only the chair or a coordinator can build the agenda',
	register: 'Only the chair or a coordinator takes the register',
	room: 'Only the chair or a coordinator can do this'
} as const;

/** Changing a meeting, its agenda, its register or what is recorded in the room. */
export async function requireMeetingOrganiser(
	locals: App.Locals,
	id: string,
	what: keyof typeof ORGANISER_ONLY
) {
	const access = await requireMeetingMember(locals, id);
	if (!access.organiser) refuse(ORGANISER_ONLY[what]);
	return access;
}

/** The chair alone checks consent at the gate (docs/domain.md: the consent gate). */
export async function requireMeetingChair(locals: App.Locals, id: string) {
	const access = await requireMeetingMember(locals, id);
	if (access.role !== 'chair') refuse('Only the chair opens the consent gate');
	return access;
}

/** Members see the agenda once it is published; organisers also while they build it. */
export async function requireAgendaReader(locals: App.Locals, id: string) {
	const access = await requireMeetingMember(locals, id);
	const building =
		access.organiser &&
		(access.meeting.status === 'scheduled' || access.meeting.status === 'agenda-open');
	const published = ['agenda-published', 'in-progress', 'concluded'].includes(
		access.meeting.status
	);
	if (!building && !published) refuse('The agenda for this meeting has not been published yet');
	return { ...access, building };
}

/**
 * The minutes, action list and their downloads: for members of the meeting's MAG, once the meeting
 * has concluded.
 */
export async function requireConcludedMeeting(locals: App.Locals, id: string) {
	const access = await requireMeetingMember(locals, id);
	if (access.meeting.status !== 'concluded')
		refuse('The minutes and action list are published when the meeting concludes');
	return access;
}

/** The chair of the MAG alone corrects its published minutes, and marks them approved. */
export async function requireMinutesChair(locals: App.Locals, id: string) {
	const access = await requireConcludedMeeting(locals, id);
	if (access.role !== 'chair')
		refuse('Only the chair of this MAG can correct or approve its minutes');
	return access;
}

/** Members submit until the deadline; the chair may add a late item until the agenda is out. */
export async function requireSubmissionWindow(locals: App.Locals, id: string) {
	const access = await requireMeetingMember(locals, id);
	const window = submissionWindow(access.meeting, access.role === 'chair', todayInEngland());
	if (!window.open) refuse(window.reason);
	return { ...access, late: window.late };
}

/** A review is brought by the lead professional of an open case with no review already waiting. */
export function requireReviewableCase<T>(chosen: T | undefined): T {
	if (!chosen) refuse('You can review only an open case you lead that has no review waiting');
	return chosen;
}

/**
 * Where someone stands in the room, from the register (which is the chair's: docs/domain.md,
 * "Confidentiality"). Only someone recorded present who has agreed the confidentiality statement
 * may be shown a family there.
 * - `in-the-room`: recorded present (or admitted by the chair) and agreed;
 * - `present`: recorded present, not yet agreed;
 * - `not-admitted`: absent, sent apologies or a substitute, or not on the register: asks the chair.
 */
export type RoomPresence = 'in-the-room' | 'present' | 'not-admitted';

export async function roomPresence(
	db: DB,
	meetingId: number,
	userId: number
): Promise<RoomPresence> {
	const row = await db
		.selectFrom('attendance')
		.select(['status', 'confirmed_at as confirmedAt'])
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (row?.status !== 'present') return 'not-admitted';
	return row.confirmedAt ? 'in-the-room' : 'present';
}

/** Whether this person is in the meeting and has agreed the confidentiality statement. */
export async function hasConfirmed(db: DB, meetingId: number, userId: number): Promise<boolean> {
	return (await roomPresence(db, meetingId, userId)) === 'in-the-room';
}

/**
 * Who may agree the statement on their own device: someone the register has present. The chair
 * and coordinators keep the register, so one of them agreeing with no entry yet is recorded
 * present by doing so; everyone else not recorded present asks the chair to admit them, and
 * agreeing never changes their attendance.
 */
export function mayAgreeOnOwnDevice(presence: RoomPresence, organiser: boolean): boolean {
	return presence !== 'not-admitted' || organiser;
}
