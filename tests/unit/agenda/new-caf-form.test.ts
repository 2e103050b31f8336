import { describe, expect, it } from 'vitest';
import { readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { cafForm, MEETING, TODAY } from './new-caf-fixture';

describe('reading a new CAF', () => {
	it('accepts a complete CAF with valid consent', () => {
		const result = readNewCafForm(cafForm(), MEETING, TODAY);
		expect(result.errors).toEqual({});
		expect(result.input?.members.map((m) => m.isChild)).toEqual([true, false]);
		expect(result.input?.needs).toHaveLength(2);
	});

	it('refuses consent that does not cover this MAG, offering part 1, and keeps what was typed', () => {
		const result = readNewCafForm(cafForm({ coversMag: null }), MEETING, TODAY);
		expect(result.consentRefused).toBe(true);
		expect(result.errors.coversMag).toMatch(
			/^A new CAF can be brought to part 2 only with signed, in-date consent covering discussion at this MAG: the consent does not cover discussion at this MAG\. Bring it as advice without consent \(part 1\) instead$/
		);
		expect(result.values['member-1-name']).toBe('Jamie Example-Smith');
		expect(result.input).toBeNull();
	});

	it('refuses out-of-date consent and a young person who did not consent', () => {
		expect(
			readNewCafForm(cafForm({ 'signedOn-year': '2025' }), MEETING, TODAY).errors.signedOn
		).toMatch(/more than 12 months/);
		expect(
			readNewCafForm(cafForm({ youngPerson: 'no' }), MEETING, TODAY).errors.youngPerson
		).toMatch(/has not consented/);
	});

	it.each([
		[
			{ 'member-1-setting': '' },
			'member-1-setting',
			'Enter the school or setting of family member 1'
		],
		[
			{ 'member-1-dob-day': '31', 'member-1-dob-month': '2' },
			'member-1-dob',
			'The date must be a real date'
		],
		[
			{ 'member-2-relationship': 'Lodger' },
			'member-2-relationship',
			'Choose how family member 2 is related'
		],
		[{ 'need-1-member': '3' }, 'need-1-member', 'Choose who need 1 is for'],
		[{ 'need-1-domain': 'money' }, 'need-1-domain', 'Choose the domain of need 1'],
		[{ wayIn: '' }, 'wayIn', 'Choose how the family came to early help'],
		[{ levelOfNeed: '5' }, 'levelOfNeed', 'Choose the level of need']
	])('%j → %s: %s', (overrides, field, message) => {
		expect(readNewCafForm(cafForm(overrides), MEETING, TODAY).errors[field]).toBe(message);
	});

	it.each([
		['member-1-name', 120, 'Name must be 120 characters or fewer'],
		['member-1-setting', 120, 'School or setting must be 120 characters or fewer'],
		['need-1-description', 300, 'A need must be 300 characters or fewer'],
		['givenBy', 200, 'Who gave consent must be 200 characters or fewer'],
		['formLocation', 200, 'Where the signed consent form is kept must be 200 characters or fewer']
	])('%s takes %i characters and no more, what was typed kept', (field, limit, message) => {
		expect(readNewCafForm(cafForm({ [field]: 'a'.repeat(limit) }), MEETING, TODAY).errors).toEqual(
			{}
		);
		const result = readNewCafForm(cafForm({ [field]: 'a'.repeat(limit + 1) }), MEETING, TODAY);
		expect(result.errors).toEqual({ [field]: message });
		expect(result.values[field]).toBe('a'.repeat(limit + 1));
	});

	it('takes a setting for an adult too, within the limit', () => {
		expect(
			readNewCafForm(cafForm({ 'member-2-setting': 'a'.repeat(121) }), MEETING, TODAY).errors
		).toEqual({ 'member-2-setting': 'School or setting must be 120 characters or fewer' });
	});

	it('does not screen what identifies the family: it is seen only through the consent gate', () => {
		const result = readNewCafForm(
			cafForm({
				'need-1-description': 'Mum (07700 900123) struggles with school runs',
				givenBy: 'Alex Example-Smith, 07700 900123',
				formLocation: 'Locked cabinet, Leominster office, HR6 8AB'
			}),
			MEETING,
			TODAY
		);
		expect(result.errors).toEqual({});
	});

	it('needs at least one child', () => {
		const errors = readNewCafForm(
			cafForm({ 'member-1-relationship': 'Carer', 'member-1-setting': '' }),
			MEETING,
			TODAY
		).errors;
		expect(errors['member-1-relationship']).toBe(
			'At least one family member must be a child or young person'
		);
	});
});
