import { error } from '@sveltejs/kit';
import { fileSlug } from '$lib/server/http/csv';

export { requireConcludedMeeting } from '$lib/server/policy/meeting';

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

export { downloadHeaders } from '$lib/server/http/download';
