import { describe, expect, it } from 'vitest';
import { freeTextProblem, tooLongProblem, type FreeTextRule } from '$lib/server/http/forms';

describe('the checks every free-text field goes through', () => {
	const rule: FreeTextRule = { missing: 'Enter the name', limit: 10, label: 'Name' };
	it.each<[string, FreeTextRule, string, string | null]>([
		['empty, when required', rule, '', 'Enter the name'],
		['empty, when it may be left out', { limit: 10, label: 'Name' }, '', null],
		['exactly at the limit', rule, 'a'.repeat(10), null],
		['one over the limit', rule, 'a'.repeat(11), 'Name must be 10 characters or fewer'],
		['an identifier, not screened', rule, '07700900123', 'Name must be 10 characters or fewer'],
		[
			'an identifier, screened',
			{ ...rule, limit: 100, screen: { what: 'Actions' } },
			'Ring 07700 900123',
			'Actions must be anonymous: remove the phone number (07700 900123).'
		],
		[
			'too long and an identifier: the length first',
			{ ...rule, screen: { what: 'Actions' } },
			'Ring 07700 900123',
			'Name must be 10 characters or fewer'
		],
		[
			'a meeting date in work text',
			{ ...rule, limit: 100, screen: { what: 'Actions', today: '2026-05-11' } },
			'TAC on 12/05/2026',
			null
		],
		[
			'the same date in an anonymous item',
			{ ...rule, limit: 100, screen: { what: 'Advice requests' } },
			'TAC on 12/05/2026',
			expect.stringContaining('remove the full date (12/05/2026)') as unknown as string
		]
	])('%s', (_, rule, value, problem) => {
		expect(freeTextProblem(value, rule)).toEqual(problem);
	});

	it('words the limit the GOV.UK way', () => {
		expect(tooLongProblem('a'.repeat(301), 300, 'The reason')).toBe(
			'The reason must be 300 characters or fewer'
		);
		expect(tooLongProblem('a'.repeat(300), 300, 'The reason')).toBeNull();
	});
});
