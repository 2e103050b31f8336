import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { textField } from '$lib/server/http/forms';
import { advanceMeeting, cancelMeeting, moveMeeting } from '$lib/server/agenda/meetings';
import { startMeeting } from '$lib/server/meeting/room';
import { announceMeetingChange } from '$lib/server/platform/live';
import { listMeetingSubmissions } from '$lib/server/agenda/item-lists';
import { submissionWindow } from '$lib/server/agenda/submission-rules';
import { formatMeetingDate, readDateInput, todayInEngland } from '$lib/dates';
import { requireMeetingMember, requireMeetingOrganiser } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { user, meeting, role, organiser } = await requireMeetingMember(locals, params.id);
	const items = await listMeetingSubmissions(appDatabase().db, meeting.id);
	const window = submissionWindow(meeting, role === 'chair', todayInEngland());
	return {
		meeting,
		organiser,
		agendaPublished: ['agenda-published', 'in-progress', 'concluded'].includes(meeting.status),
		agendaVisible:
			['agenda-published', 'in-progress', 'concluded'].includes(meeting.status) ||
			(organiser && meeting.status === 'agenda-open'),
		canSubmit: window.open,
		submitNote: window.open
			? window.late
				? 'The deadline has passed: items you add now are marked late.'
				: null
			: window.reason,
		// Chairs and coordinators see every item for the meeting; others only their own.
		items: items
			.filter((item) => organiser || item.submittedBy === user.id)
			.map((item) => ({
				id: item.id,
				part: item.part,
				label: item.label,
				status: item.status,
				late: item.late,
				agencyName: item.agencyName,
				submitterName: item.submitterName
			}))
	};
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
		const form = await request.formData();
		const values = {
			day: textField(form, 'newDate-day'),
			month: textField(form, 'newDate-month'),
			year: textField(form, 'newDate-year')
		};
		const date = readDateInput(values.day, values.month, values.year);
		if (!date.ok)
			return fail(400, {
				moveValues: values,
				errors: { newDate: date.message.replace('the date', 'the new date') }
			});
		if (date.date < todayInEngland())
			return fail(400, {
				moveValues: values,
				errors: { newDate: 'The new date must be today or in the future' }
			});
		const result = await moveMeeting(
			appDatabase().db,
			meeting.id,
			{ date: date.date, startTime: meeting.startTime },
			{ id: user.id, ip: getClientAddress() },
			formatMeetingDate
		);
		if (!result.ok) return fail(409, { actionError: result.reason });
		return {
			changed: `The meeting has moved to ${formatMeetingDate(date.date)}. Everyone with an item has been told.`
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
