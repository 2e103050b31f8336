import { describe, expect, it } from 'vitest';
import {
	bulkReminderConfirmation,
	bulkReminderPlan
} from '../../../src/lib/server/actions/bulk-reminder-rules';

const now = new Date('2026-12-03T09:00:00Z');

describe('bulk reminders', () => {
	it('sends one reminder per owner, listing their selected actions by reference', () => {
		const plan = bulkReminderPlan(
			[
				{ id: 1, reference: 'Case 2026-0001', ownerId: 7, ownerName: 'Ann' },
				{ id: 2, reference: 'Advice', ownerId: 8, ownerName: 'Bo' },
				{ id: 3, reference: 'Case 2026-0003', ownerId: 7, ownerName: 'Ann' }
			],
			new Map(),
			now
		);
		expect(plan.owners).toEqual([
			{
				ownerId: 7,
				ownerName: 'Ann',
				references: ['Case 2026-0001', 'Case 2026-0003'],
				actionIds: [1, 3]
			},
			{ ownerId: 8, ownerName: 'Bo', references: ['Advice'], actionIds: [2] }
		]);
		expect(bulkReminderConfirmation(plan)).toEqual(['Reminders sent to 2 owners about 3 actions']);
	});

	it('does not remind an owner of the same action twice within a day, and says so', () => {
		const plan = bulkReminderPlan(
			[
				{ id: 1, reference: 'Case 2026-0001', ownerId: 7, ownerName: 'Ann' },
				{ id: 2, reference: 'Case 2026-0002', ownerId: 7, ownerName: 'Ann' }
			],
			new Map([
				[1, '2026-12-02T10:00:00Z'], // 23 hours ago
				[2, '2026-12-02T08:59:00Z'] // just over a day ago
			]),
			now
		);
		expect(plan.owners).toEqual([
			{ ownerId: 7, ownerName: 'Ann', references: ['Case 2026-0002'], actionIds: [2] }
		]);
		// One action reminded: the confirmation names its owner, as the row's own button does.
		expect(bulkReminderConfirmation(plan)).toEqual([
			'Reminder sent to Ann about Case 2026-0002',
			'Not reminded again, as their owners were reminded of them in the last day: Case 2026-0001'
		]);
	});

	it('leaves out owners without an account and tells the chair to contact them', () => {
		const plan = bulkReminderPlan(
			[{ id: 4, reference: 'Advice', ownerId: null, ownerName: 'Cy Dee' }],
			new Map(),
			now
		);
		expect(plan.owners).toEqual([]);
		expect(bulkReminderConfirmation(plan)).toEqual([
			'No reminders were sent',
			'Their owners have no account here, so contact them directly: Advice'
		]);
	});

	it('says when a selected action is finished, so nothing was reminded of it', () => {
		// Three selected, one found open: the other two were done by the time the chair clicked.
		const plan = bulkReminderPlan(
			[{ id: 5, reference: 'Case 2026-0005', ownerId: 7, ownerName: 'Ann' }],
			new Map(),
			now,
			3
		);
		expect(bulkReminderConfirmation(plan)).toEqual([
			'Reminder sent to Ann about Case 2026-0005',
			'2 selected actions are finished, so there is nothing to remind'
		]);
		expect(bulkReminderConfirmation(bulkReminderPlan([], new Map(), now, 1))).toEqual([
			'No reminders were sent',
			'One selected action is finished, so there is nothing to remind'
		]);
	});
});
