import { actionListDocument } from '$lib/server/meeting/minutes-pdf';
import { renderPdf } from '$lib/server/http/pdf';
import { downloadHeaders, downloadName, publishedActions } from '../../published';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { meeting, agency, actions } = await publishedActions(locals, params.id, url);
	const pdf = await renderPdf(actionListDocument(meeting, actions, agency));
	return new Response(pdf, {
		headers: downloadHeaders('application/pdf', downloadName('actions', meeting, agency, 'pdf'))
	});
};
