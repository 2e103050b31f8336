import { appDatabase } from '$lib/server/platform/app-database';
import { readReportRequest } from '$lib/server/reports/request';
import { claimsReport } from '$lib/server/reports/claims';
import type { PageServerLoad } from './$types';

/** Chairs, coordinators and managers (reports' policy); families by reference and initials only. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = appDatabase();
	const request = await readReportRequest(db, locals, url);
	return {
		areaName: request.area.name,
		period: request.filter?.period ?? null,
		choices: request.choices,
		values: request.values,
		errors: request.errors,
		query: request.query,
		claims: request.filter ? await claimsReport(db, request.area, request.filter.period) : null
	};
};
