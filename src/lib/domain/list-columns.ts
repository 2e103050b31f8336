import type { SortColumn } from '../list-sort';

/**
 * The columns each long list may be sorted by, in the words of its headings; the first is the
 * list's own order when the address names none.
 */

export const FOLLOW_UP_COLUMNS = [
	{ key: 'due', label: 'Due' },
	{ key: 'owner', label: 'Owner' },
	{ key: 'status', label: 'Status' }
] as const satisfies readonly SortColumn[];

export const CASE_COLUMNS = [
	{ key: 'reference', label: 'Reference' },
	{ key: 'initials', label: 'Initials' },
	{ key: 'status', label: 'Status' },
	{ key: 'lead', label: 'Lead professional' },
	{ key: 'review', label: 'Next review' }
] as const satisfies readonly SortColumn[];

/** My submissions: the latest brought first. */
export const SUBMISSION_COLUMNS = [
	{ key: 'submitted', label: 'Submitted', descendingFirst: true },
	{ key: 'meeting', label: 'Meeting', descendingFirst: true },
	{ key: 'status', label: 'Status' }
] as const satisfies readonly SortColumn[];

export const USER_COLUMNS = [
	{ key: 'name', label: 'Name' },
	{ key: 'email', label: 'Email address' },
	{ key: 'agency', label: 'Agency' },
	{ key: 'status', label: 'Status' }
] as const satisfies readonly SortColumn[];

export type ColumnKey<T extends readonly SortColumn[]> = T[number]['key'];
