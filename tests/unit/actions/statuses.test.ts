import { describe, expect, it } from 'vitest';
import { afterOwnerUpdate, isOpen } from '$lib/server/actions/statuses';

describe('where an action stands', () => {
	it.each([
		['open', true],
		['in-progress', true],
		['done', false],
		['cannot-be-done', false],
		['closed', false]
	] as const)('%s is still to be delivered: %s', (status, open) => {
		expect(isOpen(status)).toBe(open);
	});

	const now = new Date('2027-05-20T10:00:00Z');
	it.each([
		['progress', 'in-progress', null],
		['done', 'done', now.toISOString()],
		['cannot-be-done', 'cannot-be-done', now.toISOString()]
	] as const)("the owner's %s update leaves it %s, finished at %s", (kind, status, completedAt) => {
		expect(afterOwnerUpdate(kind, now)).toEqual({ status, completedAt });
	});
});
