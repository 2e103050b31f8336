import { describe, expect, it } from 'vitest';
import { readItemForm } from '$lib/server/agenda/item-form';
import { readDateInput } from '$lib/dates';
import { form } from '../helpers';

const goodAdvice = {
	ageBand: '5 to 10',
	setting: 'primary school',
	worry: 'Not sleeping, attendance 82% since September',
	askedFor: 'Which agency could help'
};

const goodIssue = {
	title: 'Drinking in the park',
	place: 'Grange Park',
	happening: 'Groups of year 9s drinking on Friday nights',
	wanted: 'A joint response'
};

describe('an advice request (part 1)', () => {
	it('accepts an anonymous request', () => {
		expect(readItemForm(form(goodAdvice), 1).errors).toEqual({});
	});

	it('says what is missing, field by field', () => {
		expect(readItemForm(form({}), 1).errors).toEqual({
			ageBand: 'Choose the child’s age band',
			setting: 'Enter the child’s setting',
			worry: 'Enter what you are worried about',
			askedFor: 'Enter what you want from the group'
		});
	});

	it.each([
		['worry', 'Mum’s mobile is 07700 900123'],
		['worry', 'Born 12/03/2019'],
		['setting', 'Lives at HR6 8AB'],
		['askedFor', 'Email dad at dad@example.org']
	])('refuses an identifier in %s (%j), keeping what was typed', (field, text) => {
		const result = readItemForm(form({ ...goodAdvice, [field]: text }), 1);
		expect(result.errors[field]).toMatch(/^Advice requests must be anonymous/);
		expect(result.values[field as keyof typeof result.values]).toBe(text);
	});
});

describe('a community issue (part 4)', () => {
	it('accepts a concern about a place', () => {
		expect(readItemForm(form(goodIssue), 4).errors).toEqual({});
	});
	it('refuses identifiers there too', () => {
		const result = readItemForm(
			form({ ...goodIssue, happening: 'Ring 01568 612345 for the family' }),
			4
		);
		expect(result.errors.happening).toMatch(/^Community issues must be anonymous/);
	});
});

describe('identifiers typed carelessly into an item', () => {
	it.each<[1 | 4, string, string, string]>([
		[1, 'worry', 'Mum is on 0 7 7 0 0 9 0 0 1 2 3', 'the phone number (0 7 7 0 0 9 0 0 1 2 3)'],
		[1, 'worry', 'NHS 943-476-5919', 'the NHS number (943-476-5919)'],
		[1, 'setting', 'school by H R 4 9 A B', 'the postcode (H R 4 9 A B)'],
		[1, 'askedFor', 'reply to jo at gmail dot com', 'the email address (jo at gmail dot com)'],
		[1, 'worry', 'DOB 12032015', 'the full date (12032015)'],
		[4, 'title', 'Noise at HR4 9 AB', 'the postcode (HR4 9 AB)'],
		[4, 'happening', 'Ring O77OO 9OO123 after dark', 'the phone number (O77OO 9OO123)'],
		[
			4,
			'wanted',
			'Write to council[at]example[dot]gov',
			'the email address (council[at]example[dot]gov)'
		]
	])('part %i, %s: %j is refused, what was typed kept', (part, field, text, named) => {
		const good: Record<string, string> = part === 1 ? goodAdvice : goodIssue;
		const result = readItemForm(form({ ...good, [field]: text }), part);
		expect(result.errors).toEqual({ [field]: expect.stringContaining(`remove ${named}.`) });
		expect((result.values as Record<string, string>)[field]).toBe(text);
	});
});

describe('how long each field of an item may be', () => {
	it.each<[1 | 4, string, number, string]>([
		[1, 'setting', 120, 'The child’s setting must be 120 characters or fewer'],
		[1, 'worry', 2000, 'What you are worried about must be 2000 characters or fewer'],
		[1, 'askedFor', 2000, 'What you want from the group must be 2000 characters or fewer'],
		[4, 'title', 120, 'A title must be 120 characters or fewer'],
		[4, 'place', 120, 'The place or setting must be 120 characters or fewer'],
		[4, 'happening', 2000, 'What is happening must be 2000 characters or fewer'],
		[4, 'wanted', 2000, 'What you want from the group must be 2000 characters or fewer']
	])('part %i: %s takes %i characters and no more', (part, field, limit, message) => {
		const good: Record<string, string> = part === 1 ? goodAdvice : goodIssue;
		const fits = readItemForm(form({ ...good, [field]: 'a'.repeat(limit) }), part);
		expect(fits.errors).toEqual({});
		const tooLong = readItemForm(form({ ...good, [field]: 'a'.repeat(limit + 1) }), part);
		expect(tooLong.errors).toEqual({ [field]: message });
		expect((tooLong.values as Record<string, string>)[field]).toBe('a'.repeat(limit + 1));
	});
});

describe('reading a date typed in three boxes', () => {
	it.each([
		[['7', '12', '2026'], { ok: true, date: '2026-12-07' }],
		[['29', '2', '2028'], { ok: true, date: '2028-02-29' }],
		[['29', '2', '2027'], { ok: false, message: 'The date must be a real date' }],
		[['31', '4', '2027'], { ok: false, message: 'The date must be a real date' }],
		[['', '', ''], { ok: false, message: 'Enter the date' }],
		[['7', '', ''], { ok: false, message: 'The date must include a month and year' }],
		[
			['seven', '12', '2026'],
			{ ok: false, message: 'The date must be a real date, like 7 12 2026' }
		]
	])('%j → %j', ([day, month, year], expected) => {
		expect(readDateInput(day!, month!, year!)).toEqual(expected);
	});
});
