import { describe, expect, it } from 'vitest';
import {
	ageBandOf,
	monthBounds,
	namesIn,
	outcomeShares,
	practitionersSupported,
	withoutNames
} from '$lib/server/front-door/contact-rules';

describe('the monthly report’s shares', () => {
	it('gives the source’s 58, 29 and 13 per cent for its counts, adding up to 100', () => {
		const shares = outcomeShares({ advice: 1160, liaison: 580, referred: 260 });
		expect(shares.map((s) => [s.outcome, s.count, s.percent])).toEqual([
			['advice', 1160, 58],
			['liaison', 580, 29],
			['referred', 260, 13],
			['brought-to-mag', 0, 0]
		]);
	});

	it.each([
		[{ advice: 1, liaison: 1, referred: 1 }, [34, 33, 33, 0]],
		[{ advice: 2, liaison: 1 }, [67, 33, 0, 0]],
		[{ advice: 17, liaison: 9, referred: 4 }, [57, 30, 13, 0]]
	])('rounds %o by largest remainder to %o', (counts, percents) => {
		const shares = outcomeShares(counts);
		expect(shares.map((s) => s.percent)).toEqual(percents);
		expect(shares.reduce((sum, s) => sum + s.percent, 0)).toBe(100);
	});

	it('gives nought for every outcome in a month with no contacts', () => {
		expect(outcomeShares({}).map((s) => s.percent)).toEqual([0, 0, 0, 0]);
	});

	it('counts each practitioner once, however they were typed, and no family member', () => {
		expect(
			practitionersSupported([
				{ kind: 'practitioner', name: 'Claire Benton', agency: 'Leominster Primary' },
				{ kind: 'practitioner', name: ' claire  benton', agency: 'leominster primary' },
				{ kind: 'practitioner', name: 'Claire Benton', agency: 'Health visiting' },
				{ kind: 'family-member', name: 'Jo Marsh', agency: null }
			])
		).toBe(2);
	});

	it('takes a month as England has it: November starts at midnight GMT, July at 23:00 UTC', () => {
		expect(monthBounds('2026-11')).toEqual({
			from: '2026-11-01T00:00:00.000Z',
			to: '2026-12-01T00:00:00.000Z'
		});
		expect(monthBounds('2026-07').from).toBe('2026-06-30T23:00:00.000Z');
	});
});

describe('the family anonymised for a request for advice', () => {
	const names = ['Mason Clarke', 'Jo-Anne Clarke'];

	it('puts each word of the family’s names as its initial', () => {
		expect(
			withoutNames('Mason is not going to school; clarke family moved. Masonry fine.', names)
		).toBe('M. is not going to school; C. family moved. Masonry fine.');
	});

	it('finds the family’s names left in a text, and nothing else', () => {
		expect(namesIn('Worried about Mason and Jo-Anne', names)).toEqual(['Mason', 'Jo', 'Anne']);
		expect(namesIn('Worried about a boy of 10', names)).toEqual([]);
	});

	it.each([
		['2016-04-11', '2026-12-03', '5 to 10'],
		['2025-01-01', '2026-12-03', 'Under 2'],
		['2027-02-01', '2026-12-03', 'Unborn'],
		[null, '2026-12-03', '']
	])('gives a child born %s, on %s, the age band %s', (born, today, band) => {
		expect(ageBandOf(born, today)).toBe(band);
	});
});
