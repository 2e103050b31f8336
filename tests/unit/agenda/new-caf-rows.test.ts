import { describe, expect, it } from 'vitest';
import { cafRowCount, withRowAdded, withRowChange, withRowRemoved } from '$lib/domain/caf-rows';
import { CAF_MEMBER_LIMIT, CAF_NEED_LIMIT } from '$lib/domain/family';
import { newCafRowsChanged, readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { cafForm, MEETING, TODAY } from './new-caf-fixture';

/** A family of `count` members: one child and then adults, each with a need. */
function familyOf(count: number): FormData {
	const form = cafForm({
		'need-2-member': null,
		'need-2-description': null,
		'need-2-domain': null
	});
	for (let row = 1; row <= count; row++) {
		form.set(`member-${row}-name`, `Member ${row} Example`);
		form.set(`member-${row}-dob-day`, '1');
		form.set(`member-${row}-dob-month`, '1');
		form.set(`member-${row}-dob-year`, row === 1 ? '2018' : '1990');
		form.set(`member-${row}-relationship`, row === 1 ? 'Child' : 'Other adult');
		form.set(`need-${row}-member`, String(row));
		form.set(`need-${row}-description`, `Need of member ${row}`);
		form.set(`need-${row}-domain`, 'parenting');
	}
	form.set('memberRows', String(count));
	form.set('needRows', String(count));
	return form;
}

describe('a new CAF that grows with the family', () => {
	it('starts with two family members and one need', () => {
		expect(cafRowCount(undefined, 'member')).toBe(2);
		expect(cafRowCount(undefined, 'need')).toBe(1);
	});

	it.each([2, 7, CAF_MEMBER_LIMIT])('reads a family of %i, each with a need', (count) => {
		const result = readNewCafForm(familyOf(count), MEETING, TODAY);
		expect(result.errors).toEqual({});
		expect(result.input?.members).toHaveLength(count);
		expect(result.input?.needs.map((n) => n.memberRow)).toEqual(
			Array.from({ length: count }, (_, i) => i + 1)
		);
	});

	it('reads no row past the limit, however many are sent', () => {
		const form = familyOf(CAF_MEMBER_LIMIT);
		form.set('member-13-name', 'One Too Many');
		form.set('memberRows', '40');
		const result = readNewCafForm(form, MEETING, TODAY);
		expect(result.input?.members).toHaveLength(CAF_MEMBER_LIMIT);
		expect(cafRowCount(result.values, 'member')).toBe(CAF_MEMBER_LIMIT);
	});

	it('adds an empty row, keeping everything typed, up to the limit', () => {
		const { values } = newCafRowsChanged(
			(() => {
				const form = cafForm();
				form.set('change', 'add-member');
				return form;
			})()
		);
		expect(cafRowCount(values, 'member')).toBe(3);
		expect(values['member-3-name']).toBeUndefined();
		expect(values['member-1-name']).toBe('Jamie Example-Smith');
		expect(values.change).toBeUndefined();
		const full = { needRows: String(CAF_NEED_LIMIT) };
		expect(cafRowCount(withRowAdded(full, 'need'), 'need')).toBe(CAF_NEED_LIMIT);
	});

	it('shows every row typed in, even past the count the form last showed', () => {
		expect(cafRowCount({ memberRows: '2', 'member-5-name': 'Sam' }, 'member')).toBe(5);
	});

	it('removes a member: the rows below move up and their needs follow them', () => {
		const values = Object.fromEntries(
			[...familyOf(3).entries()].map(([k, v]) => [k, String(v)])
		) as Record<string, string>;
		const next = withRowRemoved(values, 'member', 2);
		expect(cafRowCount(next, 'member')).toBe(2);
		expect(next['member-2-name']).toBe('Member 3 Example');
		expect(next['member-3-name']).toBeUndefined();
		expect(next['need-3-member']).toBe('2');
		expect(next['need-2-member']).toBe('');
		expect(next['need-1-member']).toBe('1');
	});

	it('removes a need and leaves the members alone', () => {
		const values = { needRows: '2', 'need-1-description': 'First', 'need-2-description': 'Second' };
		const next = withRowChange(values, 'remove-need-1');
		expect(next).toEqual({ needRows: '1', 'need-1-description': 'Second' });
	});

	it.each(['remove-member-9', 'remove-member', 'drop-everything', ''])(
		'changes nothing for "%s"',
		(change) => {
			const values = { memberRows: '2', 'member-1-name': 'Jamie' };
			expect(withRowChange(values, change)).toEqual(values);
		}
	);
});
