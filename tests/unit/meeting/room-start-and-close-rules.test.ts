import { describe, expect, it } from 'vitest';
import {
	stillOpenAtConclusion,
	takeRefusal,
	takeRefusalMessage
} from '$lib/server/meeting/room-rules';

describe('taking the first item while overdue actions wait for the review', () => {
	it('refuses the first item while actions are undecided, saying how many', () => {
		const refusal = takeRefusal({ undecided: 3, reviewLater: false }, 0);
		expect(refusal).toEqual({ reason: 'actions-undecided', undecided: 3 });
		expect(takeRefusalMessage(refusal!)).toBe(
			'3 overdue actions are still undecided: review them first, or choose to review them later'
		);
	});

	it('words a single undecided action in the singular', () => {
		expect(takeRefusalMessage({ reason: 'actions-undecided', undecided: 1 })).toMatch(
			/^1 overdue action is still undecided: review it first/
		);
	});

	it.each([
		['every action decided', { undecided: 0, reviewLater: false }, 0],
		['the chair chose to review them later', { undecided: 4, reviewLater: true }, 0],
		['an item already taken', { undecided: 4, reviewLater: false }, 1]
	])('lets the chair take an item with %s', (_, review, taken) => {
		expect(takeRefusal(review, taken)).toBeNull();
	});
});

describe('what the conclude confirmation lists as still open', () => {
	it('lists nothing when everything is done', () => {
		expect(
			stillOpenAtConclusion({ itemsNotTaken: 0, actionsUndecided: 0, attendanceNotRecorded: 0 })
		).toEqual([]);
	});

	it('lists each open thing with its count', () => {
		expect(
			stillOpenAtConclusion({ itemsNotTaken: 2, actionsUndecided: 1, attendanceNotRecorded: 5 })
		).toEqual([
			'2 agenda items not taken',
			'1 overdue action undecided',
			'Attendance not recorded for 5 people'
		]);
	});
});
