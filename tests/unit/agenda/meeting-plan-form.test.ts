import { describe, expect, it } from 'vitest';
import { readMeetingPlan } from '$lib/server/agenda/meeting-plan-form';

const TODAY = '2027-01-04';

function planForm(fields: Record<string, string | string[]> = {}): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries({
		'date-day': '12',
		'date-month': '1',
		'date-year': '2027',
		startTime: '9:30',
		lengthMinutes: '120',
		venue: 'Kington Children’s Centre',
		onlineLink: '',
		repeat: 'once',
		everyWeeks: '6',
		...fields
	}))
		for (const one of [value].flat()) form.append(name, one);
	return form;
}

describe('reading a plan of meetings', () => {
	it('reads one meeting, with the start time written as 09:30', () => {
		const plan = readMeetingPlan(planForm(), TODAY);
		expect(plan.errors).toEqual({});
		expect(plan.dates).toEqual(['2027-01-12']);
		expect(plan.kept).toEqual(['2027-01-12']);
		expect(plan.values.startTime).toBe('09:30');
	});

	it('reads a series for a year, keeping only the dates still ticked', () => {
		const plan = readMeetingPlan(
			planForm({ repeat: 'series', keep: ['2027-02-23', '2027-04-06', '2099-01-01'] }),
			TODAY
		);
		expect(plan.dates[0]).toBe('2027-01-12');
		expect(plan.dates.at(-1)! < '2028-01-12').toBe(true);
		expect(plan.dates).toContain('2027-02-23');
		expect(plan.kept).toEqual(['2027-02-23', '2027-04-06']);
	});

	it.each([
		[{ 'date-day': '31', 'date-month': '2' }, 'date', 'The date must be a real date'],
		[{ 'date-day': '3' }, 'date', 'The date of the first meeting must be today or in the future'],
		[{ startTime: '25:00' }, 'startTime', 'Enter a start time like 09:30 or 14:00'],
		[{ lengthMinutes: '10' }, 'lengthMinutes', 'Enter the length in minutes, from 15 to 480'],
		[{ lengthMinutes: '90.5' }, 'lengthMinutes', 'Enter the length in minutes, from 15 to 480'],
		[{ venue: '' }, 'venue', 'Enter a venue or an online meeting link'],
		[
			{ onlineLink: 'http://meet.example' },
			'onlineLink',
			'Enter the online meeting link starting with https://'
		],
		[{ repeat: '' }, 'repeat', 'Choose one meeting or a series'],
		[
			{ repeat: 'series', everyWeeks: '27' },
			'everyWeeks',
			'Enter how many weeks apart, from 1 to 26'
		]
	])('%j → %s: %s', (fields, field, message) => {
		const plan = readMeetingPlan(planForm(fields), TODAY);
		expect(plan.errors).toEqual({ [field]: message });
		expect(plan.dates).toEqual([]);
		expect(plan.kept).toEqual([]);
	});

	it('takes an online meeting with no venue, and keeps what was typed when it refuses', () => {
		expect(
			readMeetingPlan(planForm({ venue: '', onlineLink: 'https://meet.example/mag' }), TODAY).errors
		).toEqual({});
		const refused = readMeetingPlan(planForm({ startTime: 'half nine' }), TODAY);
		expect(refused.values.startTime).toBe('half nine');
		expect(refused.values.venue).toBe('Kington Children’s Centre');
	});
});
