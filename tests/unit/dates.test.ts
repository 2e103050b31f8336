import { describe, expect, it } from 'vitest';
import { formatInstant, formatInstantDay, todayInEngland } from '$lib/dates';

describe('instants in UK time, whatever the server’s own time zone', () => {
	it.each([
		['2027-03-03T14:05:00.000Z', '3 March 2027 at 2:05pm'],
		['2027-03-03T00:05:00.000Z', '3 March 2027 at 12:05am'],
		['2027-03-03T12:00:00.000Z', '3 March 2027 at 12:00pm'],
		// British Summer Time: an hour ahead of UTC.
		['2026-06-30T23:30:00.000Z', '1 July 2026 at 12:30am'],
		['2026-10-25T00:59:00.000Z', '25 October 2026 at 1:59am'],
		['2026-10-25T01:00:00.000Z', '25 October 2026 at 1:00am']
	])('writes %s as "%s"', (iso, words) => {
		expect(formatInstant(iso)).toBe(words);
	});

	it('takes the UK day of an instant, and today in England', () => {
		expect(formatInstantDay('2026-06-30T23:30:00.000Z')).toBe('1 July 2026');
		expect(formatInstantDay('2026-12-31T23:30:00.000Z')).toBe('31 December 2026');
		expect(todayInEngland(new Date('2026-06-30T23:30:00.000Z'))).toBe('2026-07-01');
		expect(todayInEngland(new Date('2026-12-31T23:30:00.000Z'))).toBe('2026-12-31');
	});
});
