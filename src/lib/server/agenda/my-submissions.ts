import { sql } from 'kysely';
import { SUBMISSION_STATUS_NAMES } from '$lib/domain/parts';
import { SUBMISSION_COLUMNS, type ColumnKey } from '$lib/domain/list-columns';
import { sortOf } from '$lib/list-sort';
import type { DB } from '../platform/db';
import type { AgendaPart, SubmissionStatus } from '../platform/schema';
import { anyColumnContains, PAGE_SIZE, pagedRows, pageWindow, requestedPage } from '../http/paging';
import { itemLine, itemSummaries } from './item-lists';

/**
 * My submissions, paged by the database: a practitioner at county scale has brought hundreds of
 * items over the years. Searched by case reference, initials or the words of the item's label,
 * filtered by status and part, sorted by when it was submitted (newest first), the meeting's date
 * or status.
 */

export type SubmissionSort = ColumnKey<typeof SUBMISSION_COLUMNS>;

export interface MySubmissionsQuery {
	page: number;
	text: string;
	status: SubmissionStatus | null;
	part: AgendaPart | null;
	sort: SubmissionSort;
	descending: boolean;
}

/** What the address asks of the list; anything not a real option is read as "all". */
export function mySubmissionsQuery(url: URL): MySubmissionsQuery {
	const params = url.searchParams;
	const status = params.get('status') ?? '';
	const part = Number(params.get('part'));
	return {
		page: requestedPage(url),
		text: (params.get('text') ?? '').trim().slice(0, 100),
		status: Object.hasOwn(SUBMISSION_STATUS_NAMES, status) ? (status as SubmissionStatus) : null,
		part: [1, 2, 3, 4].includes(part) ? (part as AgendaPart) : null,
		...sortOf(params, SUBMISSION_COLUMNS)
	};
}

const SORT_COLUMNS = {
	submitted: 'submission.created_at',
	meeting: 'meeting.date',
	status: 'submission.status'
} as const;

/** The words an item is found by: what its label is made of, and its meeting's community. */
const SEARCHED = [
	'family_case.reference',
	'family_case.initials',
	'community_issue.title',
	'advice_request.setting',
	'advice_request.age_band',
	'new_caf.way_in',
	'community.name'
];

/** One page of the items someone has submitted, and how many match in all. */
export async function mySubmissionsPage(
	db: DB,
	userId: number,
	query: MySubmissionsQuery,
	size = PAGE_SIZE
) {
	let base = itemSummaries(db).where('submission.submitted_by', '=', userId);
	if (query.status) base = base.where('submission.status', '=', query.status);
	if (query.part) base = base.where('submission.part', '=', query.part);
	if (query.text) base = base.where(anyColumnContains(SEARCHED, query.text));
	const counted = await base
		.clearSelect()
		.select(sql<number>`count(*)`.as('total'))
		.executeTakeFirstOrThrow();
	const window = pageWindow(Number(counted.total), query.page, size);
	const rows = await base
		.orderBy(SORT_COLUMNS[query.sort], query.descending ? 'desc' : 'asc')
		.orderBy('submission.created_at', 'desc')
		.orderBy('submission.id', 'desc')
		.limit(window.limit)
		.offset(window.offset)
		.execute();
	return pagedRows(window, rows.map(itemLine));
}

/** Whether the person has submitted anything at all (so an empty filter says "none match"). */
export async function hasSubmitted(db: DB, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('submission')
		.select('id')
		.where('submitted_by', '=', userId)
		.limit(1)
		.executeTakeFirst();
	return Boolean(row);
}
