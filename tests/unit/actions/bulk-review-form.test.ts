import { describe, expect, it } from 'vitest';
import { readBulkReviewForm, selectedActionIds } from '$lib/server/actions/bulk-review-form';

const TODAY = '2027-06-22';

/** The bulk form as the browser posts it: every ticked row's `selected`, and the button pressed. */
function posted(selected: string[], fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const id of selected) data.append('selected', id);
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}
const extendTo = (day: string, month: string, year: string) => ({
	'bulk-decision': 'extended',
	'bulk-due-day': day,
	'bulk-due-month': month,
	'bulk-due-year': year
});

describe('the actions review decided for several actions at once', () => {
	it('extends every selected action to the one date', () => {
		const read = readBulkReviewForm(posted(['4', '9'], extendTo('20', '7', '2027')), TODAY);
		expect(read.errors).toEqual({});
		expect(read.actionIds).toEqual([4, 9]);
		expect(read.input).toEqual({ kind: 'extended', dueDate: '2027-07-20' });
	});

	it('closes every selected action with the one reason', () => {
		const read = readBulkReviewForm(
			posted(['4'], { 'bulk-decision': 'closed', 'bulk-reason': 'The MAG agreed no further work' }),
			TODAY
		);
		expect(read.errors).toEqual({});
		expect(read.input).toEqual({ kind: 'closed', note: 'The MAG agreed no further work' });
	});

	it.each([
		[
			'nothing selected',
			posted([], extendTo('20', '7', '2027')),
			{ selected: 'Select the actions to decide' }
		],
		[
			'no decision (neither button)',
			posted(['4'], {}),
			{ 'bulk-decision': 'Choose whether to extend or close the selected actions' }
		],
		[
			'a date that is not a date',
			posted(['4'], extendTo('31', '2', '2027')),
			{ 'bulk-due': expect.stringMatching(/real date/) }
		],
		[
			'a date already past',
			posted(['4'], extendTo('1', '6', '2027')),
			{ 'bulk-due': 'The due date must be in the future' }
		],
		['no date at all', posted(['4'], extendTo('', '', '')), { 'bulk-due': 'Enter the due date' }],
		[
			'closing with no reason',
			posted(['4'], { 'bulk-decision': 'closed', 'bulk-reason': '  ' }),
			{ 'bulk-reason': 'Enter why the selected actions are closed' }
		],
		[
			'nothing selected and no reason',
			posted([], { 'bulk-decision': 'closed' }),
			{
				selected: 'Select the actions to decide',
				'bulk-reason': 'Enter why the selected actions are closed'
			}
		]
	])('decides nothing with %s, saying why by the field', (_, data, errors) => {
		const read = readBulkReviewForm(data, TODAY);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(errors);
	});

	it('keeps what was typed and which actions were ticked when it sends the form back', () => {
		const read = readBulkReviewForm(posted(['4', '9'], extendTo('1', '6', '2027')), TODAY);
		expect(read.values).toMatchObject({
			selected: '4,9',
			'bulk-due-day': '1',
			'bulk-due-month': '6',
			'bulk-due-year': '2027'
		});
	});

	it('reads each selected action once, and nothing that is not an id', () => {
		expect(selectedActionIds(posted(['4', '4', '0', 'x', '-3', '12'], {}))).toEqual([4, 12]);
	});
});
