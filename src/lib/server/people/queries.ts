import type { DB } from '../platform/db';

/**
 * Named pieces of the queries about who is in a community's MAG, in the way of Kysely's reusable
 * helpers, so that every register, list and mailing finds the same people.
 */

/**
 * The community's members with an account that works (not disabled), each with their agency
 * (left joined: a person may have none). Callers select what they show and order it as it reads.
 */
export function membersWithAccount(db: DB, communityId: number) {
	return db
		.selectFrom('community_membership')
		.innerJoin('user', 'user.id', 'community_membership.user_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.where('community_membership.community_id', '=', communityId)
		.where('user.disabled_at', 'is', null);
}
