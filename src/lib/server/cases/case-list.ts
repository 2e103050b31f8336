import { CASE_STATUSES } from '$lib/domain/cases';
import type { CaseStatus } from '../platform/schema';
import { CASE_COLUMNS, type ColumnKey } from '$lib/domain/list-columns';
import { sortOf } from '$lib/list-sort';
import { pageOf } from '../http/paging';

/** A row of the case list: references, initials and status only, never names of the family. */
export interface CaseListRow {
	id: number;
	reference: string;
	initials: string;
	status: CaseStatus;
	leadProfessionalName: string | null;
	nextReviewDate: string | null;
}

export type CaseSort = ColumnKey<typeof CASE_COLUMNS>;

export interface CaseListQuery {
	text: string;
	status: CaseStatus | null;
	sort: CaseSort;
	descending: boolean;
	page: number;
}

/** What the address asks of the case list; anything not a real option is read as the default. */
export function caseListQuery(url: URL, page: number): CaseListQuery {
	const params = url.searchParams;
	const status = params.get('status');
	return {
		text: (params.get('text') ?? '').trim().slice(0, 100),
		status: status && status in CASE_STATUSES ? (status as CaseStatus) : null,
		...sortOf(params, CASE_COLUMNS),
		page
	};
}

const sortKeys: Record<CaseSort, (row: CaseListRow) => string> = {
	reference: (row) => row.reference,
	initials: (row) => row.initials,
	status: (row) => CASE_STATUSES[row.status],
	lead: (row) => row.leadProfessionalName ?? '',
	// Not booked sorts after every date.
	review: (row) => row.nextReviewDate ?? '9999'
};

/** The case list searched (reference or initials, any case), filtered, sorted and paged. */
export function caseListPage(rows: readonly CaseListRow[], query: CaseListQuery) {
	const words = query.text.toLowerCase();
	const key = sortKeys[query.sort];
	const matching = rows
		.filter(
			(row) =>
				(!words ||
					row.reference.toLowerCase().includes(words) ||
					row.initials.toLowerCase().includes(words)) &&
				(!query.status || row.status === query.status)
		)
		.sort(
			(a, b) =>
				(query.descending ? -1 : 1) * key(a).localeCompare(key(b)) ||
				a.reference.localeCompare(b.reference)
		);
	return pageOf(matching, query.page);
}
