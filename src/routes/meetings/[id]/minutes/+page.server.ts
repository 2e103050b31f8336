import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { meetingMinutes } from '$lib/server/meeting/minutes';
import { requireConcludedMeeting } from '../published';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { user, meeting } = await requireConcludedMeeting(locals, params.id);
	const minutes = await meetingMinutes(appDatabase().db, meeting.id, {
		id: user.id,
		ip: getClientAddress()
	});
	if (!minutes) error(404, 'Not found');
	return { minutes };
};
