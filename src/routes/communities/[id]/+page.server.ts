import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import { findCommunity, membershipRole, runsTheMeeting } from '$lib/server/communities';
import { todayInEngland } from '$lib/dates';
import { listMeetings } from '$lib/server/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const user = requireUser(locals);
	const communityId = Number(params.id);
	if (!Number.isInteger(communityId)) error(404, 'Not found');
	const { db } = appDatabase();
	const role = await membershipRole(db, user.id, communityId);
	// Members of a community's MAG see it; administrators see who is in it (no family data here).
	if (!role && !user.isAdministrator) error(403, 'Only members of this MAG can see it');
	const community = await findCommunity(db, communityId);
	if (!community) error(404, 'Not found');
	const meetings = role ? await listMeetings(db, communityId, todayInEngland()) : null;
	return { community, role, canSchedule: runsTheMeeting(role), meetings };
};
