import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { fileSlug, toCsv } from '$lib/server/http/csv';
import { downloadHeaders } from '$lib/server/http/download';
import { reportCsvRows } from '$lib/server/reports/report';
import { makeReport, readReportRequest } from '$lib/server/reports/request';
import type { RequestHandler } from './$types';

/** The report's figures as a CSV file, with the same small-number rule as the page. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { db } = appDatabase();
	const request = await readReportRequest(db, locals, url);
	if (!request.filter) error(400, Object.values(request.errors ?? {}).join('. '));
	const report = await makeReport(db, params.report, request.filter);
	const { period, today } = request.filter;
	const name = fileSlug(`${report.title} ${request.area.name} ${period.from} to ${period.to}`);
	const csv = toCsv(reportCsvRows(report, { areaName: request.area.name, period, today }));
	// A byte-order mark, so spreadsheet programs read the file as UTF-8 (curly quotes).
	return new Response(`\uFEFF${csv}`, {
		headers: downloadHeaders('text/csv; charset=utf-8', `${name}.csv`)
	});
};
