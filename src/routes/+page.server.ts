import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { listCommunitiesOf } from '$lib/server/people/communities';
import { markNoticesRead, unreadNotices } from '$lib/server/people/notices';
import { setUpGaps } from '$lib/server/council/gaps';
import { todayInEngland } from '$lib/dates';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const { db } = appDatabase();
	const communities = await listCommunitiesOf(db, user.id);
	// Shown once, here: moved and cancelled meetings, and what happened to the person's items.
	const notices = await unreadNotices(db, user.id);
	await markNoticesRead(db, user.id);
	return {
		notices: notices.map((n) => ({ id: n.id, message: n.message, link: n.link })),
		name: user.name,
		isAdministrator: user.isAdministrator,
		// What a working MAG still lacks: for administrators only (names of places, no family data).
		setUpGaps: user.isAdministrator ? await setUpGaps(db, todayInEngland()) : [],
		isDataProtectionOfficer: user.isDataProtectionOfficer,
		communities: communities.map((c) => ({
			id: c.id,
			name: c.name,
			localityName: c.localityName,
			role: c.role
		}))
	};
};
