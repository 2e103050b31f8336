import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import { membershipRole, runsTheMeeting } from '$lib/server/communities';
import { findMeeting } from '$lib/server/meetings';

/** A meeting is for the members of its community's MAG; chairs and coordinators run it. */
export async function requireMeetingMember(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const meetingId = Number(id);
	if (!Number.isInteger(meetingId)) error(404, 'Not found');
	const { db } = appDatabase();
	const meeting = await findMeeting(db, meetingId);
	if (!meeting) error(404, 'Not found');
	const role = await membershipRole(db, user.id, meeting.communityId);
	if (!role) error(403, 'Only members of this MAG can see its meetings');
	return { user, meeting, role, organiser: runsTheMeeting(role) };
}
