import { appDatabase } from '$lib/server/platform/app-database';
import { actionList } from '$lib/server/actions/action-list';
import { actionListDocument } from '$lib/server/meeting/minutes-pdf';
import { renderPdf } from '$lib/server/http/pdf';
import {
	chosenAgency,
	downloadHeaders,
	downloadName,
	requireConcludedMeeting
} from '../../published';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { meeting } = await requireConcludedMeeting(locals, params.id);
	const { db } = appDatabase();
	const agency = chosenAgency(url, (await actionList(db, meeting.id)).agencies);
	const { actions } = await actionList(db, meeting.id, agency ?? undefined);
	const pdf = await renderPdf(actionListDocument(meeting, actions, agency));
	return new Response(pdf, {
		headers: downloadHeaders('application/pdf', downloadName('actions', meeting, agency, 'pdf'))
	});
};
