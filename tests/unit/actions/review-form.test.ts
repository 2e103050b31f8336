import { describe, expect, it } from 'vitest';
import { readActionReviewForm } from '$lib/server/actions/review-form';
import { addAction, database, form, reviewContext, useActionsFixture } from './fixture';

useActionsFixture();

describe('the actions review at the next meeting', () => {
	const context = reviewContext;

	it.each([
		['no decision', {}, { 'review-ID-decision': expect.stringContaining('Choose whether') }],
		[
			'extended without a date',
			{ 'review-ID-decision': 'extended' },
			{ 'review-ID-due': 'Enter the due date' }
		],
		[
			'extended to today',
			{
				'review-ID-decision': 'extended',
				'review-ID-due-day': '22',
				'review-ID-due-month': '6',
				'review-ID-due-year': '2027'
			},
			{ 'review-ID-due': 'The due date must be in the future' }
		],
		[
			'reassigned to nobody',
			{
				'review-ID-decision': 'reassigned',
				'review-ID-due-day': '6',
				'review-ID-due-month': '7',
				'review-ID-due-year': '2027'
			},
			{ 'review-ID-owner': 'Choose who will do this' }
		],
		[
			'closed without a reason',
			{ 'review-ID-decision': 'closed' },
			{ 'review-ID-reason': 'Enter why the action is closed' }
		],
		[
			'closed with an NHS number in the reason',
			{ 'review-ID-decision': 'closed', 'review-ID-reason': 'Same child as 943 476 5919' },
			{
				'review-ID-reason':
					'Notes on actions must be anonymous: remove the NHS number (943 476 5919).'
			}
		],
		[
			'closed with a reason of more than 1000 characters',
			{ 'review-ID-decision': 'closed', 'review-ID-reason': 'a'.repeat(1001) },
			{ 'review-ID-reason': 'The note must be 1000 characters or fewer' }
		],
		[
			'reassigned to someone outside the MAG whose name carries a phone number',
			{
				'review-ID-decision': 'reassigned',
				'review-ID-owner': 'other',
				'review-ID-ownerName': 'Sam, 07700 900123',
				'review-ID-ownerAgency': 'Youth club',
				'review-ID-due-day': '6',
				'review-ID-due-month': '7',
				'review-ID-due-year': '2027'
			},
			{
				'review-ID-ownerName': 'Actions must be anonymous: remove the phone number (07700 900123).'
			}
		]
	])('refuses %s with a message by the field', async (_, fields, errors) => {
		const id = await addAction({});
		const withId = (record: Record<string, unknown>) =>
			Object.fromEntries(
				Object.entries(record).map(([key, value]) => [key.replace('ID', String(id)), value])
			);
		const read = await readActionReviewForm(
			database.db,
			form(withId(fields) as Record<string, string>),
			id,
			context()
		);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(withId(errors));
	});
});
