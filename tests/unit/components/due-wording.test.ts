import { describe, expect, it } from 'vitest';
import { daysUntilDue, dueGroup, dueWording } from '$lib/due-wording';

/** Instants are UTC: in summer, 23:30 UTC is already the next day in England. */
describe('the due date in words', () => {
	it.each([
		// [now (UTC instant), due date, words]
		['2027-05-11T09:00:00Z', '2027-05-11', 'due today'],
		['2027-05-11T09:00:00Z', '2027-05-12', 'due tomorrow'],
		['2027-05-11T09:00:00Z', '2027-05-14', 'due in 3 days'],
		['2027-05-11T09:00:00Z', '2027-05-24', 'due in 13 days'],
		['2027-05-11T09:00:00Z', '2027-05-25', 'due in 2 weeks'],
		['2027-05-11T09:00:00Z', '2027-05-31', 'due in 2 weeks'],
		['2027-05-11T09:00:00Z', '2027-06-01', 'due in 3 weeks'],
		['2027-05-11T09:00:00Z', '2027-05-10', '1 day overdue'],
		['2027-05-11T09:00:00Z', '2027-05-08', '3 days overdue'],
		['2027-05-11T09:00:00Z', '2027-04-27', '2 weeks overdue'],
		['2027-05-11T09:00:00Z', '2027-04-28', '13 days overdue'],
		// Month ends: 31 January to 1 March is 29 days in 2027 (no leap day).
		['2027-01-31T12:00:00Z', '2027-03-01', 'due in 4 weeks'],
		['2027-01-31T12:00:00Z', '2027-02-01', 'due tomorrow'],
		['2027-03-01T12:00:00Z', '2027-02-28', '1 day overdue'],
		['2027-03-01T12:00:00Z', '2027-01-31', '4 weeks overdue'],
		['2026-12-31T12:00:00Z', '2027-01-01', 'due tomorrow'],
		// The leap day of 2028: 28 February to 1 March is two days.
		['2028-02-28T12:00:00Z', '2028-02-29', 'due tomorrow'],
		['2028-02-28T12:00:00Z', '2028-03-01', 'due in 2 days'],
		['2028-02-29T12:00:00Z', '2028-02-29', 'due today'],
		['2028-03-01T12:00:00Z', '2028-02-29', '1 day overdue'],
		['2028-01-31T12:00:00Z', '2028-03-01', 'due in 4 weeks'],
		// Clocks go forward at 01:00 UTC on Sunday 29 March 2026 (a 23-hour day).
		['2026-03-28T12:00:00Z', '2026-03-29', 'due tomorrow'],
		['2026-03-28T23:30:00Z', '2026-03-30', 'due in 2 days'],
		['2026-03-29T00:30:00Z', '2026-03-29', 'due today'],
		['2026-03-29T22:30:00Z', '2026-03-29', 'due today'],
		// 23:30 UTC on the 29th is 00:30 on the 30th in England (summer time).
		['2026-03-29T23:30:00Z', '2026-03-29', '1 day overdue'],
		['2026-03-29T23:30:00Z', '2026-03-30', 'due today'],
		['2026-03-30T12:00:00Z', '2026-03-28', '2 days overdue'],
		// Clocks go back at 01:00 UTC on Sunday 25 October 2026 (a 25-hour day).
		['2026-10-24T12:00:00Z', '2026-10-25', 'due tomorrow'],
		['2026-10-24T23:30:00Z', '2026-10-25', 'due today'],
		['2026-10-25T23:30:00Z', '2026-10-25', 'due today'],
		['2026-10-25T23:30:00Z', '2026-10-26', 'due tomorrow'],
		['2026-10-26T00:30:00Z', '2026-10-25', '1 day overdue'],
		['2026-10-24T12:00:00Z', '2026-10-26', 'due in 2 days'],
		['2026-10-26T12:00:00Z', '2026-10-24', '2 days overdue']
	])('at %s, an action due %s is "%s"', (now, due, words) => {
		expect(dueWording(due, new Date(now))).toBe(words);
	});
});

describe('grouping on My actions', () => {
	const now = new Date('2027-05-11T09:00:00Z');
	it.each([
		['2027-05-10', 'open', 'overdue'],
		['2027-05-10', 'in-progress', 'overdue'],
		['2027-05-11', 'open', 'soon'],
		['2027-05-12', 'open', 'soon'],
		// The fourteenth day ahead is still "in the next 14 days"; the fifteenth is later.
		['2027-05-25', 'open', 'soon'],
		['2027-05-26', 'open', 'later'],
		['2027-05-10', 'done', 'done'],
		['2027-06-30', 'cannot-be-done', 'done'],
		['2027-05-12', 'closed', 'done']
	])('due %s, %s: %s', (due, status, group) => {
		expect(dueGroup(due, status, now)).toBe(group);
	});

	it('counts days in England, not UTC, the night the clocks go back', () => {
		// 23:30 UTC on 24 October 2026 is 00:30 on 25 October in England.
		expect(daysUntilDue('2026-11-08', new Date('2026-10-24T23:30:00Z'))).toBe(14);
		expect(dueGroup('2026-11-08', 'open', new Date('2026-10-24T23:30:00Z'))).toBe('soon');
		expect(dueGroup('2026-11-08', 'open', new Date('2026-10-24T22:30:00Z'))).toBe('later');
	});
});
