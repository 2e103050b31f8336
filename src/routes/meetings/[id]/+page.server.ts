import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { advanceMeeting, cancelMeeting, moveMeeting } from '$lib/server/agenda/meetings';
import { startMeeting } from '$lib/server/meeting/room';
import { announceMeetingChange } from '$lib/server/platform/live';
import { meetingPageFor } from '$lib/server/meeting/meeting-page';
import { readNewMeetingDate } from '$lib/server/meeting/meeting-date-form';
import { formatMeetingDate, todayInEngland } from '$lib/dates';
import { requireMeetingMember, requireMeetingOrganiser } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, meeting, role, organiser } = await requireMeetingMember(locals, params.id);
	return meetingPageFor(
		appDatabase().db,
		meeting,
		{ id: user.id, role, organiser },
		todayInEngland()
	);
};

async function organiserOnly(locals: App.Locals, id: string) {
	return requireMeetingOrganiser(locals, id, 'meeting');
}

export const actions: Actions = {
	openAgenda: async ({ locals, params, getClientAddress }) => {
		const { user, meeting } = await organiserOnly(locals, params.id);
		const ok = await advanceMeeting(appDatabase().db, meeting.id, 'scheduled', {
			id: user.id,
			ip: getClientAddress()
		});
		if (!ok) return fail(409, { actionError: 'The agenda is already open' });
		return { changed: 'The agenda is open: members can now add items.' };
	},

	start: async ({ locals, params, getClientAddress }) => {
		const { user, meeting } = await organiserOnly(locals, params.id);
		const ok = await startMeeting(appDatabase().db, meeting.id, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!ok)
			return fail(409, { actionError: 'The meeting can start only once its agenda is published' });
		announceMeetingChange(meeting.id);
		redirect(303, `/meetings/${meeting.id}/room`);
	},

	move: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await organiserOnly(locals, params.id);
		const read = readNewMeetingDate(await request.formData(), todayInEngland());
		if (!('date' in read)) return fail(400, { moveValues: read.values, errors: read.errors });
		const result = await moveMeeting(
			appDatabase().db,
			meeting.id,
			{ date: read.date, startTime: meeting.startTime },
			{ id: user.id, ip: getClientAddress() },
			formatMeetingDate
		);
		if (!result.ok) return fail(409, { actionError: result.reason });
		return {
			changed: `The meeting has moved to ${formatMeetingDate(read.date)}. Everyone with an item has been told.`
		};
	},

	cancel: async ({ locals, params, getClientAddress }) => {
		const { user, meeting } = await organiserOnly(locals, params.id);
		const result = await cancelMeeting(
			appDatabase().db,
			meeting.id,
			{ id: user.id, ip: getClientAddress() },
			formatMeetingDate
		);
		if (!result.ok) return fail(409, { actionError: result.reason });
		return {
			changed:
				'The meeting is cancelled. Its items have moved to the next meeting and their submitters have been told.'
		};
	}
};
