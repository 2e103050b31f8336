import { error } from '@sveltejs/kit';
import { actionList } from '$lib/server/actions/action-list';
import { fileSlug } from '$lib/server/http/csv';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireConcludedMeeting } from '$lib/server/policy/meeting';

export { requireConcludedMeeting };

/** `?agency=Name` picks one agency's extract; an agency that owns no actions here is not found. */
export function chosenAgency(url: URL, agencies: string[]): string | null {
	const agency = url.searchParams.get('agency');
	if (agency === null || agency === '') return null;
	if (!agencies.includes(agency)) error(404, 'No actions from this meeting belong to that agency');
	return agency;
}

/**
 * A concluded meeting's action list, for its members: all of it, or the one agency's extract the
 * address asks for (`?agency=`), with the agencies that own actions here.
 */
export async function publishedActions(locals: App.Locals, meetingId: string, url: URL) {
	const { meeting } = await requireConcludedMeeting(locals, meetingId);
	const { db } = appDatabase();
	const { agencies } = await actionList(db, meeting.id);
	const agency = chosenAgency(url, agencies);
	const { actions } = await actionList(db, meeting.id, agency ?? undefined);
	return { meeting, agencies, agency, actions };
}

/** e.g. "actions-kington-and-weobley-2027-11-09-youth-service.pdf" */
export function downloadName(
	kind: 'minutes' | 'actions',
	meeting: { communityName: string; date: string },
	agency: string | null,
	extension: 'csv' | 'pdf'
): string {
	const parts = [kind, fileSlug(meeting.communityName), meeting.date];
	if (agency) parts.push(fileSlug(agency));
	return `${parts.join('-')}.${extension}`;
}

export { downloadHeaders } from '$lib/server/http/download';
