import { listAddress } from './list-address';

/**
 * Sorting a list by a column, the same way on every list: `sort` names the column and `dir` the
 * direction (`asc` or `desc`; left out, the column's own first direction). Older addresses used
 * `order=desc` (case records): it is still read.
 */
export interface SortState<K extends string = string> {
	sort: K;
	descending: boolean;
}

export interface SortColumn<K extends string = string> {
	key: K;
	label: string;
	/** Sorted newest or largest first when first chosen (a date you want the latest of). */
	descendingFirst?: boolean;
}

/** The sort asked for in the address; a column that is not one of these is the first one. */
export function sortOf<K extends string>(
	params: URLSearchParams,
	columns: readonly SortColumn<K>[]
): SortState<K> {
	const column = columns.find((c) => c.key === params.get('sort')) ?? columns[0]!;
	const dir = params.get('dir') ?? params.get('order');
	const descending =
		dir === 'desc' ? true : dir === 'asc' ? false : Boolean(column.descendingFirst);
	return { sort: column.key, descending };
}

/** A column heading's link: sort by it; if already, the other way round. Back to page 1. */
export function sortAddress(url: URL, state: SortState, column: SortColumn): string {
	const first = Boolean(column.descendingFirst);
	const descending = state.sort === column.key ? !state.descending : first;
	return listAddress(url, {
		sort: column.key,
		dir: descending === first ? null : descending ? 'desc' : 'asc',
		order: null,
		page: null
	});
}

/** What a column heading tells a screen reader about the sort. */
export function ariaSort(state: SortState, key: string): 'ascending' | 'descending' | 'none' {
	if (state.sort !== key) return 'none';
	return state.descending ? 'descending' : 'ascending';
}
