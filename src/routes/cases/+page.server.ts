import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { casesOf } from '$lib/server/cases/case-record';
import type { PageServerLoad } from './$types';

/** The cases someone works on: references, initials and status only, never names. */
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return { cases: await casesOf(appDatabase().db, user.id) };
};
