import { describe, expect, it } from 'vitest';
import { readScore, trendSummary } from '../../../src/lib/server/cases/need-trend-rules';

describe('a need’s score and trend', () => {
	it('reads a whole number from 0 to 10 and refuses anything else with a message', () => {
		expect(readScore(' 7 ', 1)).toEqual({ ok: true, score: 7 });
		expect(readScore('0', 1)).toEqual({ ok: true, score: 0 });
		expect(readScore('', 2)).toEqual({
			ok: false,
			message: 'Enter a score from 0 to 10 for need 2'
		});
		expect(readScore('11', 1)).toEqual({
			ok: false,
			message: 'The score for need 1 must be from 0 to 10'
		});
		expect(readScore('6.5', 1).ok).toBe(false);
	});
	it('says how the scores moved, first to last', () => {
		expect(trendSummary([4, 6, 7])).toBe('4 → 6 → 7, improving');
		expect(trendSummary([6, 3])).toBe('6 → 3, getting worse');
		expect(trendSummary([5, 8, 5])).toBe('5 → 8 → 5, no change');
		expect(trendSummary([5])).toBe('5, first score');
		expect(trendSummary([])).toBe('not scored yet');
	});
});
