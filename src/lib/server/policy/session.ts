import { redirect } from '@sveltejs/kit';
import type { TwoFactorRole } from '../platform/config';
import type { SessionUser } from '../auth/session';

/**
 * Who may do what lives in this folder, one file per subject. Every load, action and endpoint asks
 * it for itself: a layout that hides a link protects nothing (SvelteKit's docs and Lucia's guide
 * both say so).
 */
export function requireUser(locals: App.Locals): SessionUser {
	if (!locals.user || !locals.session?.twoFactorVerified) redirect(303, '/sign-in');
	return locals.user;
}

export function rolesOf(user: SessionUser): TwoFactorRole[] {
	const roles: TwoFactorRole[] = [...user.communityRoles];
	// The data protection officer reads who saw which family: held to the administrators' standard.
	if (user.isAdministrator || user.isDataProtectionOfficer) roles.push('administrator');
	// The front door reads families' names as a MAG's members do: held to the members' standard.
	if (user.isFrontDoor && !roles.includes('member')) roles.push('member');
	return roles;
}

export function twoFactorRequired(user: SessionUser, requiredFor: TwoFactorRole[]): boolean {
	return rolesOf(user).some((role) => requiredFor.includes(role));
}
