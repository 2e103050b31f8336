import { describe, expect, it } from 'vitest';
import { readNewMeetingDate } from '$lib/server/meeting/meeting-date-form';
import { form } from './room-fixture';

const date = (day: string, month: string, year: string) =>
	form({ 'newDate-day': day, 'newDate-month': month, 'newDate-year': year });

describe('the date a meeting moves to', () => {
	it('is a real date, today or later', () => {
		expect(readNewMeetingDate(date('11', '5', '2027'), '2027-05-11')).toEqual({
			date: '2027-05-11'
		});
	});

	it('says what is missing, keeping what was typed', () => {
		expect(readNewMeetingDate(date('', '', ''), '2027-05-11')).toEqual({
			values: { day: '', month: '', year: '' },
			errors: { newDate: 'Enter the new date' }
		});
		expect(readNewMeetingDate(date('', '5', '2027'), '2027-05-11')).toEqual({
			values: { day: '', month: '5', year: '2027' },
			errors: { newDate: 'The date must include a day' }
		});
	});

	it('refuses a date in the past', () => {
		expect(readNewMeetingDate(date('10', '5', '2027'), '2027-05-11')).toEqual({
			values: { day: '10', month: '5', year: '2027' },
			errors: { newDate: 'The new date must be today or in the future' }
		});
	});
});
