import { appDatabase } from '$lib/server/platform/app-database';
import { todayInEngland } from '$lib/dates';
import { listMeetings } from '$lib/server/agenda/meetings';
import { requireCommunityReader } from '$lib/server/policy/community';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { role, community, mayOrganise } = await requireCommunityReader(locals, params.id);
	const meetings = role
		? await listMeetings(appDatabase().db, community.id, todayInEngland())
		: null;
	return { community, role, canSchedule: mayOrganise, meetings };
};
