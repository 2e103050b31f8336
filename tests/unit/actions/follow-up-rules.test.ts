import { describe, expect, it } from 'vitest';
import {
	completionRate,
	reassignedMessage,
	reminderMessage,
	reminderNote,
	reviewChange
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
