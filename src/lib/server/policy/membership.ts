import type { SessionUser } from '../auth/session';
import type { CommunityRole } from '../platform/schema';
import { appDatabase } from '../platform/app-database';
import { findCommunity, membershipRole, runsTheMeeting } from '../people/communities';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * Who is in a community's MAG (`/communities/ID/members`, and people in bulk under Users).
 *
 * Being in a MAG is what today's consent covers (README, "Who sees what"), so adding someone
 * widens who may come to see its families. Administrators give and take away every role. The
 * MAG's chair and coordinators keep its list of members: they add people as members and take
 * members out. Only an administrator makes someone a chair or a coordinator, or changes or removes
 * one, because those roles see every family on the agenda and the case records.
 */
export function rolesManagedBy(
	user: Pick<SessionUser, 'isAdministrator'>,
	role: CommunityRole | null
): CommunityRole[] {
	if (user.isAdministrator) return ['chair', 'coordinator', 'member'];
	if (runsTheMeeting(role)) return ['member'];
	return [];
}

/** The members page: administrators, and the MAG's chair and coordinators. */
export async function requireMembershipManager(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const communityId = recordId(id);
	const { db } = appDatabase();
	const roles = rolesManagedBy(user, await membershipRole(db, user.id, communityId));
	if (roles.length === 0)
		refuse('Only administrators and this MAG’s chair and coordinators can change who is in it');
	const community = (await findCommunity(db, communityId)) ?? notFound();
	return { user, community, roles };
}

/** Whether one person's role may go from one to the other (null: not in the MAG). */
export function mayChangeRole(
	roles: CommunityRole[],
	from: CommunityRole | null,
	to: CommunityRole | null
): boolean {
	return (from === null || roles.includes(from)) && (to === null || roles.includes(to));
}

export function requireRoleChange(
	roles: CommunityRole[],
	from: CommunityRole | null,
	to: CommunityRole | null
): void {
	if (!mayChangeRole(roles, from, to))
		refuse('Only administrators can give, change or take away the chair and coordinator roles');
}
