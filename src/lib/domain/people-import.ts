import type { CommunityRole } from '../server/platform/schema';

/**
 * Adding people in bulk (README, "Adding people in bulk"): the file's columns and limits, written
 * once so the page, the reader and the export agree.
 */

/** The columns of a people file, in the order the export writes them. */
export const PEOPLE_COLUMNS = ['Name', 'Email', 'Job title', 'Agency', 'Communities'] as const;

export type PeopleColumn = 'name' | 'email' | 'jobTitle' | 'agency' | 'communities';

/**
 * The largest file taken. The confirm step sends the file back (as base64, a third larger) inside
 * a form, and the server takes forms of up to 1 MB (BODY_SIZE_LIMIT): 500 KB leaves room. At about
 * 100 characters a person that is some 5,000 people, the most rows taken.
 */
export const PEOPLE_FILE_MAX_BYTES = 500 * 1024;
export const PEOPLE_FILE_MAX_ROWS = 5000;

/** Said when a file is over PEOPLE_FILE_MAX_BYTES: by the server, and by the page before sending. */
export const FILE_TOO_LARGE = `The selected file must be smaller than ${PEOPLE_FILE_MAX_BYTES / 1024} KB: split it into smaller files`;

/** Said when a file is not text in UTF-8 (a workbook, or CSV saved in another encoding). */
export const NOT_CSV =
	'The selected file must be a CSV file saved as UTF-8 (in Excel, save it as ‘CSV UTF-8’)';

/** The word after a community's name that takes the person out of its MAG. */
export const REMOVE_ROLE = 'remove';

export type RoleInFile = CommunityRole | typeof REMOVE_ROLE;

export const ROLES_IN_FILE: RoleInFile[] = ['chair', 'coordinator', 'member', REMOVE_ROLE];

/** "1 person", "3 people". */
export function people(count: number): string {
	return `${count.toLocaleString('en-GB')} ${count === 1 ? 'person' : 'people'}`;
}

/** "1 row", "5,000 rows". */
export function rows(count: number): string {
	return `${count.toLocaleString('en-GB')} ${count === 1 ? 'row' : 'rows'}`;
}

/** How a change to a role reads in the preview: "Joins Bromyard as a member". */
export function roleChangeWords(change: {
	community: string;
	from: CommunityRole | null;
	to: CommunityRole | null;
}): string {
	const { community, from, to } = change;
	if (from === null) return `Joins ${community} as ${withArticle(to ?? 'member')}`;
	if (to === null) return `Leaves ${community} (was ${withArticle(from)})`;
	return `Role in ${community} changes from ${from} to ${to}`;
}

/** How a change to a person's details reads: "Job title changes from ‘A’ to ‘B’". */
export function detailChangeWords(change: {
	field: 'name' | 'jobTitle' | 'agency';
	from: string | null;
	to: string;
}): string {
	const label = { name: 'Name', jobTitle: 'Job title', agency: 'Agency' }[change.field];
	return change.from === null
		? `${label} becomes ‘${change.to}’ (none before)`
		: `${label} changes from ‘${change.from}’ to ‘${change.to}’`;
}

function withArticle(role: CommunityRole): string {
	return roleAs(role, 1);
}

/** A role as it follows "as" or "is now": "a member", "chair", "coordinators". */
export function roleAs(role: CommunityRole, count: number): string {
	if (count !== 1) return `${role}s`;
	return role === 'chair' ? 'chair' : `a ${role}`;
}
