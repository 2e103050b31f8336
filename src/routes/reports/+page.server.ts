import { appDatabase } from '$lib/server/platform/app-database';
import { REPORTS } from '$lib/server/reports';
import { readReportRequest } from '$lib/server/reports/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const request = await readReportRequest(appDatabase().db, locals, url);
	return {
		areaName: request.area.name,
		choices: request.choices,
		values: request.values,
		errors: request.errors,
		query: request.query,
		reports: Object.entries(REPORTS).map(([slug, { title, summary }]) => ({ slug, title, summary }))
	};
};
