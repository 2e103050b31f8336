import { describe, expect, it } from 'vitest';
import { ariaSort, sortAddress, sortOf } from '$lib/list-sort';
import { SUBMISSION_COLUMNS, FOLLOW_UP_COLUMNS } from '$lib/domain/list-columns';

const params = (query: string) => new URL(`http://localhost/list${query}`).searchParams;

describe('the sort of a list, from its address', () => {
	it.each([
		['', 'submitted', true],
		['?sort=meeting', 'meeting', true],
		['?sort=status', 'status', false],
		['?sort=status&dir=desc', 'status', true],
		['?sort=submitted&dir=asc', 'submitted', false],
		// The case list's older addresses said order=desc.
		['?sort=status&order=desc', 'status', true],
		['?sort=nonsense', 'submitted', true]
	])('%s sorts by %s, descending %s', (query, sort, descending) => {
		expect(sortOf(params(query), SUBMISSION_COLUMNS)).toEqual({ sort, descending });
	});

	it('a heading sorts by its column first, then the other way round, back on page 1', () => {
		const url = new URL('http://localhost/board?text=x&page=3');
		const owner = FOLLOW_UP_COLUMNS[1];
		expect(sortAddress(url, { sort: 'due', descending: false }, owner)).toBe('?text=x&sort=owner');
		expect(sortAddress(url, { sort: 'owner', descending: false }, owner)).toBe(
			'?text=x&sort=owner&dir=desc'
		);
		const submitted = SUBMISSION_COLUMNS[0];
		expect(sortAddress(url, { sort: 'submitted', descending: true }, submitted)).toBe(
			'?text=x&sort=submitted&dir=asc'
		);
	});

	it('tells a screen reader which column sorts the list and which way', () => {
		expect(ariaSort({ sort: 'due', descending: true }, 'due')).toBe('descending');
		expect(ariaSort({ sort: 'due', descending: false }, 'due')).toBe('ascending');
		expect(ariaSort({ sort: 'due', descending: false }, 'owner')).toBe('none');
	});
});
