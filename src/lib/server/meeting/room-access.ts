import { error, redirect } from '@sveltejs/kit';
import {
	requireMeetingChair,
	requireMeetingMember,
	requireMeetingOrganiser
} from '../policy/meeting';
import { roomStage } from './stages';

/**
 * The room (and its presentation view) is open while the meeting runs; afterwards its minutes and
 * action list stand. Who may do what in it is the policy's: any member, the chair or a
 * coordinator, or the chair alone.
 */
export async function requireRoom(
	locals: App.Locals,
	id: string,
	who: 'member' | 'organiser' | 'chair' = 'member'
) {
	const access =
		who === 'chair'
			? await requireMeetingChair(locals, id)
			: who === 'organiser'
				? await requireMeetingOrganiser(locals, id, 'room')
				: await requireMeetingMember(locals, id);
	const stage = roomStage(access.meeting.status);
	if (stage === 'concluded') redirect(303, `/meetings/${access.meeting.id}/minutes`);
	if (stage === 'not-started')
		error(409, 'This meeting has not started: the chair starts it from the meeting page');
	return access;
}
