import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/app-database';
import { listUsers } from '$lib/server/users';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	return { users: await listUsers(appDatabase().db) };
};
