import { describe, expect, it } from 'vitest';
import { myActionsReturn } from '$lib/list-address';

describe('going back to My actions after an update', () => {
	it.each([
		['/actions', '/actions'],
		['/actions?status=open&page=3', '/actions?status=open&page=3'],
		['/actions?text=visit&updated=4&next=5', '/actions?text=visit']
	])('keeps the list address %s', (from, back) => {
		expect(myActionsReturn(from)).toBe(back);
	});

	it.each([
		null,
		'',
		'https://evil.example/actions',
		'//evil.example/actions',
		'/actions/12',
		'/actionsx',
		'/meetings/1/actions',
		'/actions/../admin',
		'javascript:alert(1)'
	])('refuses anything else: %s', (from) => {
		expect(myActionsReturn(from)).toBeNull();
	});
});
