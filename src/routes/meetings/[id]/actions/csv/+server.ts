import { toCsv } from '$lib/server/http/csv';
import { downloadHeaders, downloadName, publishedActions } from '../../published';
import type { RequestHandler } from './$types';

/** The action list (or one agency's extract) for a spreadsheet: dates as YYYY-MM-DD so they sort. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { meeting, agency, actions } = await publishedActions(locals, params.id, url);
	const csv = toCsv([
		['Reference', 'What', 'Owner', 'Agency', 'Due date'],
		...actions.map((a) => [a.reference, a.description, a.ownerName, a.ownerAgency, a.dueDate])
	]);
	// A byte-order mark, so spreadsheet programs read the file as UTF-8 (curly quotes, accents).
	return new Response(`\uFEFF${csv}`, {
		headers: downloadHeaders(
			'text/csv; charset=utf-8',
			downloadName('actions', meeting, agency, 'csv')
		)
	});
};
