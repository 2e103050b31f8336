import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { meetingMinutes } from '$lib/server/meeting/minutes';
import { minutesDocument } from '$lib/server/meeting/minutes-pdf';
import { renderPdf } from '$lib/server/http/pdf';
import { downloadHeaders, downloadName, requireConcludedMeeting } from '../../published';
import type { RequestHandler } from './$types';

/** The minutes as a PDF, with family details only where the reader may see them (as on the page). */
export const GET: RequestHandler = async ({ locals, params, getClientAddress }) => {
	const { user, meeting } = await requireConcludedMeeting(locals, params.id);
	const minutes = await meetingMinutes(appDatabase().db, meeting.id, {
		id: user.id,
		ip: getClientAddress()
	});
	if (!minutes) error(404, 'Not found');
	const pdf = await renderPdf(minutesDocument(minutes));
	return new Response(pdf, {
		headers: downloadHeaders('application/pdf', downloadName('minutes', meeting, null, 'pdf'))
	});
};
