import { describe, expect, it } from 'vitest';
import { firstMeetingAfter, yearOfMeetings } from '../../../db/seed/meetings';
import { historyDates, meetingTimes } from '../../../db/generate/meetings';
import { isoToDays } from '../../../db/generate/days';
import { mulberry32 } from '../../../db/generate/random';

const gaps = (dates: string[]) => dates.slice(1).map((d, i) => isoToDays(d) - isoToDays(dates[i]!));

describe("the demo's meetings", () => {
	it('starts on the Tuesday after the fortnight from the day the seed runs', () => {
		// 2027-03-01 is a Monday: a fortnight on is Monday 15 March, the Tuesday after it the 16th.
		expect(firstMeetingAfter(new Date('2027-03-01T12:00:00'))).toBe('2027-03-16');
		// From a Tuesday, the Tuesday a week after the fortnight.
		expect(firstMeetingAfter(new Date('2027-03-02T12:00:00'))).toBe('2027-03-23');
	});

	it('holds a year of six-weekly meetings, the last before the same day a year on', () => {
		const dates = yearOfMeetings('2027-03-16');
		expect(dates[0]).toBe('2027-03-16');
		expect(dates).toHaveLength(9);
		expect(dates.at(-1)! < '2028-03-16').toBe(true);
		for (const gap of gaps(dates)) expect(gap).toBe(42);
	});
});

describe('a generated history', () => {
	it('meets every six weeks, oldest first, ending six weeks before the first meeting to come', () => {
		const dates = historyDates('2027-03-16', '2026-03-16');
		expect(dates.at(-1)).toBe('2027-02-02');
		expect(dates[0]! >= '2026-03-16').toBe(true);
		expect(isoToDays(dates[0]!) - 42 < isoToDays('2026-03-16')).toBe(true);
		for (const gap of gaps(dates)) expect(gap).toBe(42);
		expect(historyDates('2027-03-16', '2027-03-01')).toEqual([]);
	});

	it('starts each meeting at 09:30 to 09:35 in England, winter and summer, and ends 20 minutes early to 40 late', () => {
		const rng = mulberry32(3);
		const clock = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			hour: '2-digit',
			minute: '2-digit'
		});
		for (const date of ['2027-01-12', '2027-07-13']) {
			for (let n = 0; n < 200; n++) {
				const { startedAt, concludedAt } = meetingTimes(rng, date);
				const start = clock.format(new Date(startedAt));
				expect(start >= '09:30' && start <= '09:35', start).toBe(true);
				const minutes = (concludedAt - startedAt) / 60_000;
				expect(minutes).toBeGreaterThanOrEqual(100);
				expect(minutes).toBeLessThanOrEqual(160);
			}
		}
	});
});
