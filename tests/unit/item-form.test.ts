import { describe, expect, it } from 'vitest';
import { readItemForm } from '$lib/server/item-form';
import { readDateInput } from '$lib/dates';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

const goodAdvice = {
	ageBand: '5 to 10',
	setting: 'primary school',
	worry: 'Not sleeping, attendance 82% since September',
	askedFor: 'Which agency could help'
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
	const goodIssue = {
		title: 'Drinking in the park',
		place: 'Grange Park',
		happening: 'Groups of year 9s drinking on Friday nights',
		wanted: 'A joint response'
	};
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
