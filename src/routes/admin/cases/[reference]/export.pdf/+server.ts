import { renderPdf } from '$lib/server/http/pdf';
import { subjectAccessDocument } from '$lib/server/records/subject-access-pdf';
import { caseExportFor, downloadHeaders } from '../export';
import type { RequestHandler } from './$types';

/** The same record as the JSON, in words, for the family to read. */
export const GET: RequestHandler = async ({ locals, params, getClientAddress }) => {
	const record = await caseExportFor(locals, params.reference, getClientAddress(), 'pdf');
	const pdf = await renderPdf(subjectAccessDocument(record));
	return new Response(pdf, {
		headers: downloadHeaders('application/pdf', record.case.reference, 'pdf')
	});
};
