import { error, redirect } from '@sveltejs/kit';
import type { TwoFactorRole } from './config';
import type { SessionUser } from './auth/session';

/**
 * Who may do what. Every load, action and endpoint calls one of these for itself: a layout that
 * hides a link protects nothing (SvelteKit's docs and Lucia's guide both say so).
 */

export function requireUser(locals: App.Locals): SessionUser {
	if (!locals.user || !locals.session?.twoFactorVerified) redirect(303, '/sign-in');
	return locals.user;
}

/** Administrators manage accounts and read the audit log; they do not read family data. */
export function requireAdministrator(locals: App.Locals): SessionUser {
	const user = requireUser(locals);
	if (!user.isAdministrator) error(403, 'Only administrators can do this');
	return user;
}

/** The audit log is for administrators and the data protection officer (who sees nothing else). */
export function requireAuditReader(locals: App.Locals): SessionUser {
	const user = requireUser(locals);
	if (!user.isAdministrator && !user.isDataProtectionOfficer)
		error(403, 'Only administrators and the data protection officer can read the audit log');
	return user;
}

export function rolesOf(user: SessionUser): TwoFactorRole[] {
	const roles: TwoFactorRole[] = [...user.communityRoles];
	// The data protection officer reads who saw which family: held to the administrators' standard.
	if (user.isAdministrator || user.isDataProtectionOfficer) roles.push('administrator');
	return roles;
}

export function twoFactorRequired(user: SessionUser, requiredFor: TwoFactorRole[]): boolean {
	return rolesOf(user).some((role) => requiredFor.includes(role));
}

export interface NavigationItem {
	href: string;
	label: string;
}

/** The links each role sees. Showing a link grants nothing: each page checks for itself. */
export function navigationFor(user: SessionUser): NavigationItem[] {
	const items: NavigationItem[] = [{ href: '/', label: 'Home' }];
	if (user.communityRoles.length > 0) {
		items.push({ href: '/communities', label: 'My communities' });
		items.push({ href: '/submissions', label: 'My submissions' });
	}
	if (user.isManager || user.communityRoles.some((r) => r === 'chair' || r === 'coordinator'))
		items.push({ href: '/reports', label: 'Reports' });
	// Anyone can own an action, even after leaving a MAG: their list is always a click away.
	items.push({ href: '/actions', label: 'My actions' });
	if (user.isAdministrator) {
		items.push({ href: '/admin/users', label: 'Users' });
	}
	if (user.isAdministrator || user.isDataProtectionOfficer)
		items.push({ href: '/admin/audit', label: 'Audit log' });
	items.push({ href: '/account', label: 'Your account' });
	return items;
}

/** A plain-words name for the person's main role, shown beside their name. */
export function roleLabel(user: SessionUser): string {
	if (user.communityRoles.includes('chair')) return 'Chair (head of locality)';
	if (user.communityRoles.includes('coordinator')) return 'MAG coordinator';
	if (user.isAdministrator) return 'Administrator';
	if (user.isDataProtectionOfficer) return 'Data protection officer';
	if (user.isManager) return 'Early help manager';
	if (user.communityRoles.includes('member')) return 'Practitioner';
	return 'No community role yet';
}
