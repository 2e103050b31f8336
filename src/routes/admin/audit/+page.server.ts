import { requireAdministrator } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import { listAudit } from '$lib/server/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdministrator(locals);
	const before = Number(url.searchParams.get('before'));
	const page = await listAudit(appDatabase().db, {
		beforeId: Number.isInteger(before) && before > 0 ? before : undefined
	});
	return page;
};
