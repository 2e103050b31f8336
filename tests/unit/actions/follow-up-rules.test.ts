import { describe, expect, it } from 'vitest';
import {
	boardOf,
	completionRate,
	reassignedMessage,
	reminderMessage,
	reminderNote,
	reviewChange,
	type BoardRow
} from '$lib/server/actions/follow-up-rules';

describe("an agency's completion rate", () => {
	it.each([
		[{ completed: 2, open: 3, cannotBeDone: 1 }, 33],
		[{ completed: 4, open: 2, cannotBeDone: 0 }, 67],
		[{ completed: 1, open: 0, cannotBeDone: 0 }, 100],
		[{ completed: 0, open: 0, cannotBeDone: 0 }, null]
	])('%j → %s', (counts, rate) => {
		expect(completionRate(counts)).toBe(rate);
	});
});

describe('the follow-up board, without a database', () => {
	const row = (over: Partial<BoardRow>): BoardRow => ({
		id: 1,
		reference: 'LED-2027-0001',
		description: 'Visit the family',
		status: 'open',
		dueDate: '2027-07-01',
		meetingId: 1,
		meetingDate: '2027-05-11',
		latestUpdate: null,
		ownerId: 5,
		ownerName: 'Bea',
		ownerAgency: 'Police',
		...over
	});

	it('puts the agencies and owners with the most overdue first, then by name', () => {
		const board = boardOf(
			[
				row({ id: 1, ownerAgency: 'Health', ownerName: 'Abe' }),
				row({ id: 2, ownerAgency: 'Police', ownerName: 'Bea' }),
				row({ id: 3, ownerAgency: 'Police', ownerName: 'Cy', dueDate: '2027-06-01' }),
				row({ id: 4, ownerAgency: 'Youth', ownerName: 'Di', dueDate: '2027-06-21' }),
				row({ id: 5, ownerAgency: 'Youth', ownerName: 'Di', dueDate: '2027-06-22' })
			],
			'2027-06-22',
			new Date('2027-06-22T09:00:00Z')
		);
		expect(
			board.map((agency) => [
				agency.agency,
				agency.overdue,
				agency.owners.map((owner) => [owner.name, owner.overdue])
			])
		).toEqual([
			[
				'Police',
				1,
				[
					['Cy', 1],
					['Bea', 0]
				]
			],
			['Youth', 1, [['Di', 1]]],
			['Health', 0, [['Abe', 0]]]
		]);
		// Due today is not overdue; each owner's actions keep the order given.
		expect(board[1]!.owners[0]!.actions.map((a) => [a.id, a.overdue, a.due])).toEqual([
			[4, true, '1 day overdue'],
			[5, false, 'due today']
		]);
	});

	it('tells people outside the system apart by name, and says who has no account', () => {
		const board = boardOf(
			[
				row({ id: 1, ownerName: 'Ann Lee', ownerId: null }),
				row({ id: 2, ownerName: 'Ann Lee', ownerId: null }),
				row({ id: 3, ownerName: 'Bea' })
			],
			'2027-06-22',
			new Date('2027-06-22T09:00:00Z')
		);
		expect(board[0]!.owners.map((o) => [o.name, o.hasAccount, o.actions.length])).toEqual([
			['Ann Lee', false, 2],
			['Bea', true, 1]
		]);
	});
});

describe('what a reminder says', () => {
	it('carries the reference and the due date in words, never a name', () => {
		expect(
			reminderMessage(
				{
					communityName: 'Ledbury',
					reference: 'LED-2027-0001',
					meetingDate: '2027-05-11',
					dueDate: '2027-06-01'
				},
				new Date('2027-06-22T09:00:00Z')
			)
		).toBe(
			'Reminder from the Ledbury MAG: your action for LED-2027-0001, agreed on 11 May 2027, is 3 weeks overdue.'
		);
	});

	it("says in the action's history whether the owner could be told", () => {
		expect(reminderNote(true)).toBe('A notice was sent to the owner in the app and by email');
		expect(reminderNote(false)).toContain('contact them directly');
	});

	it("tells a new owner of their action by the case's reference", () => {
		expect(
			reassignedMessage({ communityName: 'Ledbury', reference: 'LED-2027-0001' }, '2027-07-20')
		).toBe('The Ledbury MAG has given you an action for LED-2027-0001, due 20 July 2027.');
	});
});

describe('what a review decision changes', () => {
	const action = { dueDate: '2027-06-01', ownerName: 'Bea', ownerAgency: 'Police' };
	const now = new Date('2027-06-22T09:00:00Z');

	it('extended: a new due date, both dates in the history and the audit', () => {
		expect(reviewChange({ kind: 'extended', dueDate: '2027-07-20' }, action, now)).toEqual({
			set: { due_date: '2027-07-20' },
			history: { previousDueDate: '2027-06-01', newDueDate: '2027-07-20' },
			detail: { previousDueDate: '2027-06-01', newDueDate: '2027-07-20' }
		});
	});

	it('reassigned: the new owner starts afresh, open again, with a new due date', () => {
		const owner = { id: null, name: 'Ann Lee', agency: 'Food bank' };
		expect(reviewChange({ kind: 'reassigned', owner, dueDate: '2027-07-20' }, action, now)).toEqual(
			{
				set: {
					owner_id: null,
					owner_name: 'Ann Lee',
					owner_agency: 'Food bank',
					due_date: '2027-07-20',
					status: 'open'
				},
				history: {
					note: 'Reassigned to Ann Lee, Food bank',
					previousOwner: 'Bea, Police',
					previousDueDate: '2027-06-01',
					newDueDate: '2027-07-20'
				},
				detail: { previousDueDate: '2027-06-01', newDueDate: '2027-07-20' }
			}
		);
	});

	it('closed: finished now, with the reason in its history', () => {
		expect(reviewChange({ kind: 'closed', note: 'Moved away' }, action, now)).toEqual({
			set: { status: 'closed', completed_at: now.toISOString() },
			history: { note: 'Moved away' },
			detail: {}
		});
	});
});
