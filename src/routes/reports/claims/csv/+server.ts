import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { toCsv } from '$lib/server/http/csv';
import { downloadHeaders } from '$lib/server/http/download';
import { claimsCsvRows, claimsFileName, claimsReport } from '$lib/server/reports/claims';
import { readReportRequest } from '$lib/server/reports/request';
import type { RequestHandler } from './$types';

/** The claims report as a CSV file for the council's return: references and initials only. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { db } = appDatabase();
	const request = await readReportRequest(db, locals, url);
	if (!request.filter) error(400, Object.values(request.errors ?? {}).join('. '));
	const { period, today } = request.filter;
	const report = await claimsReport(db, request.area, period);
	const csv = toCsv(claimsCsvRows(report, { areaName: request.area.name, period, today }));
	return new Response(`\uFEFF${csv}`, {
		headers: downloadHeaders('text/csv; charset=utf-8', claimsFileName(request.area.name, period))
	});
};
