import { describe, expect, it } from 'vitest';
import {
	claimStanding,
	indicatorMetOn,
	problemMetOn,
	sustainedBy
} from '$lib/server/outcomes/claims-rules';

const achievedOnly = { id: 1, measure: 'achieved' as const, sustainMonths: null };
const sixMonths = { id: 2, measure: 'sustained' as const, sustainMonths: 6 };
const period = { from: '2027-04-01', to: '2028-03-31' };

describe('when an indicator is met', () => {
	it('an "achieved" indicator is met on its first evidence', () => {
		expect(
			indicatorMetOn(
				achievedOnly,
				[
					{ indicatorId: 1, status: 'achieved', date: '2027-06-02' },
					{ indicatorId: 1, status: 'achieved', date: '2027-05-01' }
				],
				'2028-01-01'
			)
		).toBe('2027-05-01');
	});

	it('evidence after the period is not counted', () => {
		expect(
			indicatorMetOn(
				achievedOnly,
				[{ indicatorId: 1, status: 'achieved', date: '2028-05-01' }],
				'2028-03-31'
			)
		).toBeNull();
	});

	it.each([
		['sustained six months later', '2027-11-01', '2027-11-01'],
		['sustained too soon', '2027-10-31', null]
	])('a "sustained" indicator: %s', (_, sustainedOn, expected) => {
		const evidence = [
			{ indicatorId: 2, status: 'achieved' as const, date: '2027-05-01' },
			{ indicatorId: 2, status: 'sustained' as const, date: sustainedOn }
		];
		expect(indicatorMetOn(sixMonths, evidence, '2028-03-31')).toBe(expected);
	});

	it('a sustain period counts calendar months', () => {
		expect(sustainedBy('2027-08-31', 6)).toBe('2028-02-29');
	});

	it('a problem is met by the earliest of its indicators', () => {
		const evidence = [
			{ indicatorId: 1, status: 'achieved' as const, date: '2027-09-01' },
			{ indicatorId: 2, status: 'achieved' as const, date: '2027-01-01' },
			{ indicatorId: 2, status: 'sustained' as const, date: '2027-07-01' }
		];
		expect(problemMetOn([achievedOnly, sixMonths], evidence, '2028-03-31')).toBe('2027-07-01');
	});
});

describe('where a family stands for a period', () => {
	const problems = [
		{ id: 10, indicators: [achievedOnly] },
		{ id: 20, indicators: [sixMonths] }
	];

	it('meets the plan when every problem is met, on the latest date', () => {
		const evidence = [
			{ indicatorId: 1, status: 'achieved' as const, date: '2027-05-01' },
			{ indicatorId: 2, status: 'achieved' as const, date: '2027-04-10' },
			{ indicatorId: 2, status: 'sustained' as const, date: '2027-10-10' }
		];
		expect(claimStanding(problems, evidence, period)).toEqual({
			kind: 'meets',
			metOn: '2027-10-10'
		});
	});

	it('met before the period is not claimed again', () => {
		const evidence = [
			{ indicatorId: 1, status: 'achieved' as const, date: '2026-05-01' },
			{ indicatorId: 2, status: 'achieved' as const, date: '2026-01-10' },
			{ indicatorId: 2, status: 'sustained' as const, date: '2026-08-10' }
		];
		expect(claimStanding(problems, evidence, period).kind).toBe('met-before');
	});

	it('is close when one problem is still to be met (achieved, not yet sustained)', () => {
		const evidence = [
			{ indicatorId: 1, status: 'achieved' as const, date: '2027-05-01' },
			{ indicatorId: 2, status: 'achieved' as const, date: '2028-01-10' }
		];
		expect(claimStanding(problems, evidence, period)).toEqual({
			kind: 'close',
			missingProblemId: 20
		});
	});

	it('is not yet close with two problems to go, nor with no evidence or no problems', () => {
		expect(claimStanding(problems, [], period).kind).toBe('not-yet');
		expect(claimStanding([{ id: 10, indicators: [achievedOnly] }], [], period).kind).toBe(
			'not-yet'
		);
		expect(claimStanding([], [], period).kind).toBe('not-yet');
	});
});
