import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import { listCommunitiesOf } from '$lib/server/communities';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const communities = await listCommunitiesOf(appDatabase().db, user.id);
	return {
		name: user.name,
		isAdministrator: user.isAdministrator,
		communities: communities.map((c) => ({
			id: c.id,
			name: c.name,
			localityName: c.localityName,
			role: c.role
		}))
	};
};
