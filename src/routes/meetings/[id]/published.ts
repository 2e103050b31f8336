import { error } from '@sveltejs/kit';
import { fileSlug } from '$lib/server/csv';
import { requireMeetingMember } from './meeting-access';

/**
 * The minutes, action list and their downloads: for members of the meeting's MAG, once the meeting
 * has concluded. Every load and endpoint calls this itself.
 */
export async function requireConcludedMeeting(locals: App.Locals, id: string) {
	const access = await requireMeetingMember(locals, id);
	if (access.meeting.status !== 'concluded')
		error(403, 'The minutes and action list are published when the meeting concludes');
	return access;
}

/** `?agency=Name` picks one agency's extract; an agency that owns no actions here is not found. */
export function chosenAgency(url: URL, agencies: string[]): string | null {
	const agency = url.searchParams.get('agency');
	if (agency === null || agency === '') return null;
	if (!agencies.includes(agency)) error(404, 'No actions from this meeting belong to that agency');
	return agency;
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

export { downloadHeaders } from '$lib/server/download';
