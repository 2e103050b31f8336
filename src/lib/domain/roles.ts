import type { CommunityRole } from '../server/platform/schema';

/** How each community role is named on screen. */
export const roleNames: Record<CommunityRole, string> = {
	chair: 'Chair',
	coordinator: 'Coordinator',
	member: 'Member'
};
