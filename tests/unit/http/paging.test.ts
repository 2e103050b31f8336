import { describe, expect, it } from 'vitest';
import { pagedRows, pageOf, pageWindow, requestedPage } from '$lib/server/http/paging';

describe('a page of a long list', () => {
	const items = Array.from({ length: 120 }, (_, i) => i + 1);

	it('is 50 rows, counted from 1', () => {
		expect(pageOf(items, 1)).toMatchObject({ page: 1, pageCount: 3, total: 120, from: 1, to: 50 });
		expect(pageOf(items, 3)).toMatchObject({ page: 3, from: 101, to: 120 });
		expect(pageOf(items, 3).rows).toHaveLength(20);
	});

	it('is clamped to the pages there are', () => {
		expect(pageOf(items, 0).page).toBe(1);
		expect(pageOf(items, 99).page).toBe(3);
		expect(pageOf([], 5)).toEqual({ rows: [], page: 1, pageCount: 1, total: 0, from: 0, to: 0 });
	});

	it.each([
		['', 1],
		['2', 2],
		['0', 1],
		['-3', 1],
		['2.5', 1],
		['abc', 1],
		['99999999999', 1]
	])('the address ?page=%s asks for page %i', (value, page) => {
		expect(requestedPage(new URL(`http://localhost/actions?page=${value}`))).toBe(page);
	});
});

describe('a page window for a list paged by the database', () => {
	it('gives the LIMIT and OFFSET of the page asked for', () => {
		expect(pageWindow(748, 2)).toEqual({
			page: 2,
			pageCount: 15,
			total: 748,
			offset: 50,
			limit: 50
		});
	});

	it('clamps a page past the end to the last, and an empty list to page 1', () => {
		expect(pageWindow(748, 99)).toMatchObject({ page: 15, offset: 700 });
		expect(pageWindow(0, 3)).toMatchObject({ page: 1, pageCount: 1, offset: 0 });
		expect(pageWindow(10, 0)).toMatchObject({ page: 1, offset: 0 });
	});

	it('says which rows are shown', () => {
		const last = pagedRows(
			pageWindow(748, 15),
			Array.from({ length: 48 }, (_, i) => i)
		);
		expect(last).toMatchObject({ from: 701, to: 748, total: 748, page: 15 });
		expect(pagedRows(pageWindow(0, 1), [])).toMatchObject({ from: 0, to: 0 });
	});
});
