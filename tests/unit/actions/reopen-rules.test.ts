import { describe, expect, it } from 'vitest';
import { REOPEN_WITHIN_DAYS } from '$lib/domain/limits';
import { readReopenReason, reopenDeadline, reopenRefusal } from '$lib/server/actions/reopen-rules';

const doneAt = '2027-05-01T10:00:00.000Z';
const day = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(new Date(doneAt).getTime() + days * day);
const owner = 7;
const base = {
	status: 'done' as const,
	completedAt: doneAt,
	ownerId: owner,
	userId: owner,
	role: null,
	now: at(3)
};

describe('reopening an action marked done', () => {
	it('lets its owner reopen it within the window', () => {
		expect(reopenRefusal(base)).toBeNull();
	});

	it("lets the MAG's chair reopen someone else's action", () => {
		expect(reopenRefusal({ ...base, userId: 9, role: 'chair' })).toBeNull();
	});

	it.each(['coordinator', 'member', null] as const)('refuses anyone else (role %s)', (role) => {
		expect(reopenRefusal({ ...base, userId: 9, role })).toMatch(/owner or the MAG's chair/);
	});

	it(`is open for ${REOPEN_WITHIN_DAYS} days and refused after`, () => {
		expect(REOPEN_WITHIN_DAYS).toBe(14);
		expect(reopenRefusal({ ...base, now: at(14) })).toBeNull();
		expect(reopenRefusal({ ...base, now: new Date(at(14).getTime() + 1) })).toMatch(
			/more than 14 days ago/
		);
		expect(reopenDeadline(doneAt)).toEqual(at(14));
	});

	it.each(['open', 'in-progress', 'cannot-be-done', 'closed'] as const)(
		'refuses an action that is %s',
		(status) => {
			expect(reopenRefusal({ ...base, status })).toMatch(/Only an action marked done/);
		}
	);

	it('refuses a done action with no date it was done', () => {
		expect(reopenRefusal({ ...base, completedAt: null })).toMatch(/can no longer be reopened/);
	});

	it('requires a reason', () => {
		expect(readReopenReason(null).error).toBe('Enter why the action is being reopened');
		expect(readReopenReason('   ').error).toBeDefined();
		expect(readReopenReason('  Family moved back ')).toEqual({ reason: 'Family moved back' });
	});
});
