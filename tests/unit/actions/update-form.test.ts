import { describe, expect, it } from 'vitest';
import { readOwnerUpdateForm } from '$lib/server/actions/update-form';
import { form, REVIEW_DATE } from './fixture';

describe("the owner's updates", () => {
	it.each([
		[
			'nothing chosen',
			{},
			{ kind: expect.stringContaining('Choose whether'), note: 'Enter a note' }
		],
		[
			'in progress without a note',
			{ kind: 'progress' },
			{ note: 'Enter the progress made so far' }
		],
		['done without a note', { kind: 'done' }, { note: 'Enter what was done' }],
		[
			'cannot be done without a reason',
			{ kind: 'cannot-be-done', note: 'The family moved to Wales' },
			{ reason: expect.stringContaining('Choose why it cannot be done') }
		],
		[
			'cannot be done with a reason but no why',
			{ kind: 'cannot-be-done', reason: 'agency-could-not-act' },
			{ note: 'Enter why it cannot be done' }
		],
		[
			'cannot be done with a made-up reason',
			{ kind: 'cannot-be-done', reason: 'toString', note: 'No' },
			{ reason: expect.stringContaining('Choose why it cannot be done') }
		],
		[
			'a note with a phone number in it',
			{ kind: 'progress', note: 'Called mum on 07700 900123' },
			{ note: expect.stringContaining('Notes on actions must be anonymous') }
		]
	])('refuses %s, keeping what was typed', (_, fields, errors) => {
		const read = readOwnerUpdateForm(form(fields));
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(errors);
		expect(read.values.note).toBe((fields as { note?: string }).note ?? '');
	});

	it.each([
		[
			'a phone number a digit at a time',
			{ kind: 'progress', note: 'Rang mum on 0 7 7 0 0 9 0 0 1 2 3' },
			'Notes on actions must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3).'
		],
		[
			'an email address in words',
			{ kind: 'done', note: 'Sent to jo dot bloggs at gmail dot com' },
			'Notes on actions must be anonymous: remove the email address (jo dot bloggs at gmail dot com).'
		],
		[
			'a postcode spaced out',
			{ kind: 'cannot-be-done', reason: 'circumstances-changed', note: 'Moved to H R 4 9 A B' },
			'Notes on actions must be anonymous: remove the postcode (H R 4 9 A B). ' +
				'Describe the area instead, for example “north Leominster”.'
		],
		[
			'a date of birth',
			{ kind: 'progress', note: 'Baby registered, born 3/6/27' },
			'Notes on actions must be anonymous: remove the possible date of birth (3/6/27). ' +
				'Give an age or a month and year instead, for example “aged 7” or “March 2015”.'
		],
		[
			'more than 1000 characters',
			{ kind: 'progress', note: 'a'.repeat(1001) },
			'The note must be 1000 characters or fewer'
		]
	])('refuses a note with %s, keeping what was typed', (_, fields, message) => {
		const read = readOwnerUpdateForm(form(fields), REVIEW_DATE);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({ note: message });
		expect(read.values.note).toBe(fields.note);
	});

	it('takes the dates of the work in a note', () => {
		const note = 'Home visit on 14/06/2027; next one 28 June 2027';
		expect(readOwnerUpdateForm(form({ kind: 'progress', note }), REVIEW_DATE).input).toEqual({
			kind: 'progress',
			note
		});
	});

	it.each([
		[
			{ kind: 'progress', note: 'Referral made' },
			{ kind: 'progress', note: 'Referral made' }
		],
		[
			{ kind: 'done', note: 'Seen at home' },
			{ kind: 'done', note: 'Seen at home' }
		],
		[
			{ kind: 'cannot-be-done', reason: 'circumstances-changed', note: 'Moved away' },
			{ kind: 'cannot-be-done', reason: 'circumstances-changed', note: 'Moved away' }
		]
	])('reads %j', (fields, input) => {
		expect(readOwnerUpdateForm(form(fields)).input).toEqual(input);
	});
});
