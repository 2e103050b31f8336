import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { meetingCalendar } from '$lib/server/calendar/calendar';
import { config } from '$lib/server/platform/config';
import { requireMeetingMember } from '$lib/server/policy/meeting';
import type { RequestHandler } from './$types';

/** One meeting as an .ics file to add to a calendar, for the members of its MAG. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const { meeting } = await requireMeetingMember(locals, params.id);
	const body = await meetingCalendar(appDatabase().db, meeting.id, {
		origin: url.origin,
		name: config.serviceName
	});
	if (!body) error(404, 'This meeting was cancelled');
	const community = meeting.communityName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${community}-mag-${meeting.date}.ics"`,
			'Cache-Control': 'no-store'
		}
	});
};
