import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireCommunityOrganiser } from '$lib/server/policy/community';
import { previewMeetings, scheduleFromForm } from '$lib/server/agenda/meeting-plan';
import type { Actions, PageServerLoad } from './$types';
import { meetingSettingsOf } from '$lib/server/council/structure-view';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { community } = await requireCommunityOrganiser(locals, params.id, 'schedule');
	// The form starts from the community's MAG settings (Council → the community).
	return {
		community: { id: community.id, name: community.name },
		defaults: await meetingSettingsOf(appDatabase().db, community.id)
	};
};

export const actions: Actions = {
	preview: async ({ locals, params, request }) => {
		const { community } = await requireCommunityOrganiser(locals, params.id, 'schedule');
		const answer = await previewMeetings(appDatabase().db, community.id, await request.formData());
		if (!answer.ok) return fail(400, answer.data);
		return { values: answer.values, preview: answer.preview };
	},

	schedule: async ({ locals, params, request, getClientAddress }) => {
		const { user, community } = await requireCommunityOrganiser(locals, params.id, 'schedule');
		const form = await request.formData();
		const actor = { id: user.id, ip: getClientAddress() };
		const answer = await scheduleFromForm(appDatabase().db, community.id, form, actor);
		if (!answer.ok) return fail(400, answer.data);
		redirect(303, `/communities/${community.id}?scheduled=${answer.scheduled}`);
	}
};
