import type { CommunityRole } from '../platform/schema';

/** The rules about people's accounts and roles that need no database. */

export type AccountStatus = 'active' | 'invited' | 'disabled';

/** Disabled, else active once a password is set, else still invited. */
export function accountStatus(user: {
	disabled_at: string | null;
	password_hash: string | null;
	/** True when the person signs in by single sign-on (a row in single_sign_on_identity). */
	hasSingleSignOn?: boolean;
}): AccountStatus {
	if (user.disabled_at) return 'disabled';
	return user.password_hash || user.hasSingleSignOn ? 'active' : 'invited';
}

export interface UserChanges {
	name: string;
	jobTitle: string | null;
	agencyId: number;
	isAdministrator: boolean;
	/** Left out: unchanged. */
	isDataProtectionOfficer?: boolean;
	/** Left out: unchanged. */
	isManager?: boolean;
	/** Left out: unchanged. */
	isFrontDoor?: boolean;
	/** community id → role; a community not listed means no membership. */
	memberships: Map<number, CommunityRole>;
}

/** A person's roles and agency as they stand before an administrator's changes. */
export interface RolesBefore {
	memberships: Map<number, CommunityRole>;
	isAdministrator: boolean;
	isDataProtectionOfficer: boolean;
	isManager: boolean;
	isFrontDoor: boolean;
	agencyId: number | null;
}

/**
 * What an administrator's changes do to a person's roles, as the audit log records it: a change of
 * any role (administrator, data protection officer, manager, or a community role) is
 * `user.roles-changed`, anything else `user.updated`; the detail names only what changed.
 */
export function changeOfRoles(before: RolesBefore, changes: UserChanges) {
	const was = before.memberships;
	const roleChanges = [...new Set([...was.keys(), ...changes.memberships.keys()])]
		.filter((id) => was.get(id) !== changes.memberships.get(id))
		.map((id) => ({
			communityId: id,
			from: was.get(id) ?? null,
			to: changes.memberships.get(id) ?? null
		}));
	const adminChanged = before.isAdministrator !== changes.isAdministrator;
	const dpoChanged =
		changes.isDataProtectionOfficer !== undefined &&
		before.isDataProtectionOfficer !== changes.isDataProtectionOfficer;
	const managerChanged = changes.isManager !== undefined && before.isManager !== changes.isManager;
	const frontDoorChanged =
		changes.isFrontDoor !== undefined && before.isFrontDoor !== changes.isFrontDoor;
	return {
		action:
			roleChanges.length > 0 || adminChanged || dpoChanged || managerChanged || frontDoorChanged
				? ('user.roles-changed' as const)
				: ('user.updated' as const),
		detail: {
			...(adminChanged ? { administrator: changes.isAdministrator } : {}),
			...(dpoChanged ? { dataProtectionOfficer: changes.isDataProtectionOfficer } : {}),
			...(managerChanged ? { manager: changes.isManager } : {}),
			...(frontDoorChanged ? { frontDoor: changes.isFrontDoor } : {}),
			...(roleChanges.length > 0 ? { communities: roleChanges } : {}),
			...(before.agencyId !== changes.agencyId ? { agencyId: changes.agencyId } : {})
		}
	};
}
