import type { CommunityRole } from '../server/platform/schema';

/** How each community role is named on screen. */
export const roleNames: Record<CommunityRole, string> = {
	chair: 'Chair',
	coordinator: 'Coordinator',
	member: 'Member'
};

/** The roles the Users list can be filtered by: the council-wide ones, then a community role. */
export const USER_ROLE_FILTERS = {
	administrator: 'Administrator',
	dpo: 'Data protection officer',
	manager: 'Early help manager',
	'front-door': 'Front door',
	chair: 'Chair of a MAG',
	coordinator: 'Coordinator of a MAG',
	member: 'Member of a MAG'
} as const;
export type UserRoleFilter = keyof typeof USER_ROLE_FILTERS;

/** Whether someone may sign in: invited people have not yet set a password. */
export const ACCOUNT_STATUS_NAMES = {
	active: 'Active',
	invited: 'Invited',
	disabled: 'Disabled'
} as const;
