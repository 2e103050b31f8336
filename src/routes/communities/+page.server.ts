import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { listCommunitiesOf } from '$lib/server/people/communities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const communities = await listCommunitiesOf(appDatabase().db, user.id);
	return { communities };
};
