import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { listMySubmissions } from '$lib/server/agenda/item-lists';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const items = await listMySubmissions(appDatabase().db, user.id);
	return {
		withdrawn: url.searchParams.has('withdrawn'),
		items: items.map((i) => ({
			id: i.id,
			part: i.part,
			label: i.label,
			status: i.status,
			late: i.late,
			meetingId: i.meetingId,
			meetingDate: i.meetingDate,
			communityName: i.communityName
		}))
	};
};
