import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { downloadHeaders } from '$lib/server/http/download';
import { exportPeopleCsv } from '$lib/server/people/import';
import { todayInEngland } from '$lib/dates';
import type { RequestHandler } from './$types';

/**
 * Everyone with a working account and their roles, in the columns the import reads (README,
 * "Adding people in bulk"): edit it and upload it again, or keep it. Audited (`people.exported`).
 */
export const GET: RequestHandler = async ({ locals, getClientAddress }) => {
	const admin = requireAdministrator(locals);
	const csv = await exportPeopleCsv(appDatabase().db, { id: admin.id, ip: getClientAddress() });
	return new Response(csv, {
		headers: downloadHeaders('text/csv; charset=utf-8', `people-${todayInEngland()}.csv`)
	});
};
