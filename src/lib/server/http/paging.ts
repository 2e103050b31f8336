/**
 * Long lists are shown 50 rows a page (GOV.UK pagination): a council's five years of history put
 * hundreds of rows on one person's list, which no one can read on a phone or a projector.
 */
export const PAGE_SIZE = 50;

export interface Paged<T> {
	rows: T[];
	/** The page shown, 1 to pageCount (a page past the end shows the last). */
	page: number;
	pageCount: number;
	total: number;
	/** The rows shown, counted from 1 ("Showing 51–100 of 748"); 0 and 0 when there are none. */
	from: number;
	to: number;
}

/** The page asked for in the address: a whole number from 1; anything else is page 1. */
export function requestedPage(url: URL): number {
	const value = url.searchParams.get('page') ?? '';
	return /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : 1;
}

/** One page of a list, the page clamped to the pages there are. */
export function pageOf<T>(items: readonly T[], requested: number, size = PAGE_SIZE): Paged<T> {
	const total = items.length;
	const pageCount = Math.max(1, Math.ceil(total / size));
	const page = Math.min(Math.max(1, Math.floor(requested)), pageCount);
	const start = (page - 1) * size;
	const rows = items.slice(start, start + size);
	return {
		rows,
		page,
		pageCount,
		total,
		from: rows.length ? start + 1 : 0,
		to: start + rows.length
	};
}
