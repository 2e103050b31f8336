import type { DB } from '../platform/db';
import type { CommunityRole } from '../platform/schema';
import { membersWithAccount } from './queries';

export async function listCommunitiesOf(db: DB, userId: number) {
	return db
		.selectFrom('community_membership')
		.innerJoin('community', 'community.id', 'community_membership.community_id')
		.innerJoin('locality', 'locality.id', 'community.locality_id')
		.select([
			'community.id',
			'community.name',
			'locality.name as localityName',
			'community_membership.role'
		])
		.where('community_membership.user_id', '=', userId)
		.orderBy('locality.name')
		.orderBy('community.name')
		.execute();
}

export async function membershipRole(
	db: DB,
	userId: number,
	communityId: number
): Promise<CommunityRole | null> {
	const row = await db
		.selectFrom('community_membership')
		.select('role')
		.where('user_id', '=', userId)
		.where('community_id', '=', communityId)
		.executeTakeFirst();
	return row?.role ?? null;
}

/** The community and who is in its MAG, by agency. No family data lives here. */
export async function findCommunity(db: DB, communityId: number) {
	const community = await db
		.selectFrom('community')
		.innerJoin('locality', 'locality.id', 'community.locality_id')
		.select(['community.id', 'community.name', 'locality.name as localityName'])
		.where('community.id', '=', communityId)
		.executeTakeFirst();
	if (!community) return undefined;
	const members = await membersWithAccount(db, communityId)
		.select([
			'user.id',
			'user.name',
			'user.job_title as jobTitle',
			'agency.name as agencyName',
			'community_membership.role'
		])
		.orderBy('agency.name')
		.orderBy('user.name')
		.execute();
	return { ...community, members };
}

/** Chairs and coordinators run a community's MAG: they schedule meetings and build agendas. */
export function runsTheMeeting(role: CommunityRole | null): boolean {
	return role === 'chair' || role === 'coordinator';
}
