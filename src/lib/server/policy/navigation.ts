import type { SessionUser } from '../auth/session';

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
	if (user.isFrontDoor) items.push({ href: '/front-door', label: 'Front door' });
	// Anyone can own an action, even after leaving a MAG: their list is always a click away.
	items.push({ href: '/actions', label: 'My actions' });
	if (user.isAdministrator) {
		items.push({ href: '/admin/council', label: 'Council' });
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
	if (user.isFrontDoor) return 'Front door';
	if (user.communityRoles.includes('member')) return 'Practitioner';
	return 'No community role yet';
}
