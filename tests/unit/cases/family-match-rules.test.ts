import { describe, expect, it } from 'vitest';
import {
	isReturnWithinLimit,
	matchKnownFamilies,
	normaliseName
} from '$lib/server/cases/family-match-rules';

describe('normalising names for a match', () => {
	it.each([
		['Amy O’Brien', 'amy obrien'],
		["  O'BRIEN,  Amy ", 'amy obrien'],
		['Zoë Smith-Jones', 'jones smith zoe'],
		['', '']
	])('%s → %s', (name, normal) => {
		expect(normaliseName(name)).toBe(normal);
	});
});

describe('a return within 12 months of closing', () => {
	it.each([
		['2026-01-10', '2027-01-10', true],
		['2026-01-10', '2027-01-11', false],
		['2026-01-10', '2026-03-01', true],
		[null, '2026-03-01', false]
	] as const)('closed %s, referred %s: %s', (closedOn, referredOn, flagged) => {
		expect(isReturnWithinLimit(closedOn, referredOn)).toBe(flagged);
	});
});

describe('matching a new referral to families known before', () => {
	const known = [
		{
			caseId: 1,
			reference: 'C-001',
			closedOn: '2026-02-01',
			people: [
				{ name: 'Amy OBrien', dateOfBirth: '2015-04-02' },
				{ name: 'Sam OBrien', dateOfBirth: '2012-09-30' }
			]
		},
		{
			caseId: 2,
			reference: 'C-002',
			closedOn: '2024-05-01',
			people: [{ name: 'Amy OBrien', dateOfBirth: '2015-04-02' }]
		},
		{
			caseId: 3,
			reference: 'C-003',
			closedOn: null,
			people: [{ name: 'Amy OBrien', dateOfBirth: '2016-04-02' }]
		}
	];

	it('finds the same people by name and date of birth, most in common first, and flags a recent return', () => {
		const matches = matchKnownFamilies(
			[
				{ name: "o'brien amy", dateOfBirth: '2015-04-02' },
				{ name: 'Sam O’Brien', dateOfBirth: '2012-09-30' }
			],
			known,
			'2026-11-01'
		);
		expect(matches.map((m) => [m.reference, m.matchedPeople, m.returnedWithinLimit])).toEqual([
			['C-001', 2, true],
			['C-002', 1, false]
		]);
	});

	it('does not match on a name alone or a different date of birth', () => {
		expect(
			matchKnownFamilies([{ name: 'Amy OBrien', dateOfBirth: null }], known, '2026-11-01')
		).toEqual([]);
		expect(
			matchKnownFamilies([{ name: 'Amy OBrien', dateOfBirth: '2015-04-03' }], known, '2026-11-01')
		).toEqual([]);
	});
});
