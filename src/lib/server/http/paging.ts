import { sql, type RawBuilder, type SqlBool } from 'kysely';

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

/** Where a page sits in a list of `total` rows: the database's LIMIT and OFFSET for it. */
export interface PageWindow {
	page: number;
	pageCount: number;
	total: number;
	offset: number;
	limit: number;
}

/** The page asked for in the address: a whole number from 1; anything else is page 1. */
export function requestedPage(url: URL): number {
	const value = url.searchParams.get('page') ?? '';
	return /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : 1;
}

/** The page asked for, clamped to the pages a list of `total` rows has, and where it starts. */
export function pageWindow(total: number, requested: number, size = PAGE_SIZE): PageWindow {
	const pageCount = Math.max(1, Math.ceil(total / size));
	const page = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
	return { page, pageCount, total, offset: (page - 1) * size, limit: size };
}

/** The rows fetched for a window, with the "Showing 51–100 of 748" numbers. */
export function pagedRows<T>(window: PageWindow, rows: T[]): Paged<T> {
	return {
		rows,
		page: window.page,
		pageCount: window.pageCount,
		total: window.total,
		from: rows.length ? window.offset + 1 : 0,
		to: window.offset + rows.length
	};
}

/** One page of a list already in memory, the page clamped to the pages there are. */
export function pageOf<T>(items: readonly T[], requested: number, size = PAGE_SIZE): Paged<T> {
	const window = pageWindow(items.length, requested, size);
	return pagedRows(window, items.slice(window.offset, window.offset + window.limit));
}

/**
 * "Any of these columns contains what was typed", for a list's search box. SQLite's LIKE ignores
 * the case of English letters; the escape keeps % and _ as typed.
 */
export function anyColumnContains(columns: readonly string[], text: string): RawBuilder<SqlBool> {
	const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const tests = columns.map((column) => sql`${sql.ref(column)} like ${pattern} escape '\\'`);
	return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}
