import { describe, expect, it } from 'vitest';
import { checkOrder, orderWithMove, placeInPart, type AgendaLine } from '$lib/domain/agenda-order';

// An agenda: two items in part 1, a stuck review and two others in part 3, one issue in part 4.
const line = (id: number, part: AgendaLine['part'], position: number, stuck = false) => ({
	id,
	part,
	stuck,
	position
});
const agenda: AgendaLine[] = [
	line(1, 1, 1),
	line(2, 1, 2),
	line(3, 3, 1, true),
	line(4, 3, 2),
	line(5, 3, 3),
	line(6, 4, 1)
];

describe('the order rules for reordering an agenda', () => {
	it('takes an order that keeps the parts 1 to 4 and stuck reviews first', () => {
		const check = checkOrder(agenda, [2, 1, 3, 5, 4, 6]);
		expect(check.ok && check.order.map((l) => l.id)).toEqual([2, 1, 3, 5, 4, 6]);
	});

	it.each([
		['an item moved into another part', [1, 3, 2, 4, 5, 6], 'stays in its own part'],
		['a part moved ahead of an earlier one', [6, 1, 2, 3, 4, 5], 'stays in its own part'],
		['a review put ahead of a stuck one', [1, 2, 4, 3, 5, 6], 'stuck reviews are taken first'],
		['an item left out', [1, 2, 3, 4, 5], 'the agenda has changed'],
		['an item twice', [1, 2, 3, 4, 5, 6, 6], 'the agenda has changed'],
		[
			'an item not on the agenda (waiting, or another meeting’s)',
			[1, 2, 3, 4, 5, 99],
			'15 family items'
		]
	])('refuses %s', (_, proposed, reason) => {
		const check = checkOrder(agenda, proposed);
		expect(check.ok).toBe(false);
		expect(!check.ok && check.reason).toContain(reason);
		expect(!check.ok && check.reason).toMatch(/^Nothing was moved/);
	});

	it('moves an item a place up or down within its group, and no further', () => {
		expect(orderWithMove(agenda, 2, 'up')).toEqual([2, 1, 3, 4, 5, 6]);
		expect(orderWithMove(agenda, 4, 'down')).toEqual([1, 2, 3, 5, 4, 6]);
		// Past the top of its part, or above the stuck review: it stays where it was.
		expect(orderWithMove(agenda, 1, 'up')).toEqual([1, 2, 3, 4, 5, 6]);
		expect(orderWithMove(agenda, 4, 'up')).toEqual([1, 2, 3, 4, 5, 6]);
		expect(orderWithMove(agenda, 6, 'down')).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('moves an item to a position in its part, counted from 1', () => {
		expect(orderWithMove(agenda, 5, { position: 2 })).toEqual([1, 2, 3, 5, 4, 6]);
		expect(orderWithMove(agenda, 1, { position: 2 })).toEqual([2, 1, 3, 4, 5, 6]);
		// A position past the end of its part is its last place, never the next part.
		expect(orderWithMove(agenda, 1, { position: 9 })).toEqual([2, 1, 3, 4, 5, 6]);
		// Above the stuck review is an order the rules refuse.
		expect(checkOrder(agenda, orderWithMove(agenda, 5, { position: 1 })).ok).toBe(false);
	});

	it('says where an item stands in its part', () => {
		expect(placeInPart(agenda, 5)).toEqual({ part: 3, position: 3, of: 3 });
		expect(placeInPart(agenda, 99)).toBeNull();
	});
});
