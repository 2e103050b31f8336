import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { REPORTS } from '$lib/server/reports';
import { makeReport, readReportRequest } from '$lib/server/reports/request';
import { KEEP_MINUTES } from '$lib/server/reports/cache';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = appDatabase();
	const request = await readReportRequest(db, locals, url);
	if (!REPORTS[params.report]) error(404, 'There is no such report');
	return {
		slug: params.report,
		title: REPORTS[params.report]!.title,
		areaName: request.area.name,
		period: request.filter?.period ?? null,
		choices: request.choices,
		values: request.values,
		errors: request.errors,
		query: request.query,
		report: request.filter ? await makeReport(db, params.report, request.filter) : null,
		keepMinutes: KEEP_MINUTES
	};
};
