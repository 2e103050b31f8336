import { caseExportFor, downloadHeaders } from '../export';
import type { RequestHandler } from './$types';

/** Everything held about the family, as stored, with the audit entries about it. */
export const GET: RequestHandler = async ({ locals, params, getClientAddress }) => {
	const record = await caseExportFor(locals, params.reference, getClientAddress(), 'json');
	return new Response(JSON.stringify(record, null, 2), {
		headers: downloadHeaders('application/json', record.case.reference, 'json')
	});
};
