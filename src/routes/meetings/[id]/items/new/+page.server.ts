import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/app-database';
import { readItemForm } from '$lib/server/item-form';
import { AGE_BANDS, createSubmission, submissionWindow } from '$lib/server/submissions';
import { todayInEngland } from '$lib/dates';
import { requireMeetingMember } from '../../meeting-access';
import type { Actions, PageServerLoad } from './$types';

const partsByName = { advice: 1, 'community-issue': 4 } as const;

function partFrom(url: URL): 1 | 4 | null {
	const name = url.searchParams.get('part');
	return name && name in partsByName ? partsByName[name as keyof typeof partsByName] : null;
}

async function requireOpenWindow(locals: App.Locals, id: string) {
	const access = await requireMeetingMember(locals, id);
	const window = submissionWindow(access.meeting, access.role === 'chair', todayInEngland());
	if (!window.open) error(403, window.reason);
	return { ...access, late: window.late };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { meeting, late } = await requireOpenWindow(locals, params.id);
	return {
		meeting: { id: meeting.id, date: meeting.date, communityName: meeting.communityName },
		part: partFrom(url),
		late,
		ageBands: AGE_BANDS
	};
};

export const actions: Actions = {
	submit: async ({ locals, params, url, request, getClientAddress }) => {
		const { user, meeting, late } = await requireOpenWindow(locals, params.id);
		const part = partFrom(url);
		if (!part) error(400, 'Choose a part of the agenda');
		const { values, errors, content } = readItemForm(await request.formData(), part);
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		const { db } = appDatabase();
		const agency = await db
			.selectFrom('user')
			.select('agency_id')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		const id = await createSubmission(
			db,
			{ meetingId: meeting.id, submittedBy: user.id, agencyId: agency.agency_id, late, content },
			getClientAddress()
		);
		redirect(303, `/items/${id}?submitted=1`);
	}
};
