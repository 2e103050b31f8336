import { textField } from '../http/forms';
import { readDateInput } from '../../dates';

/**
 * Reads the new date a meeting moves to (`newDate-day`, `-month`, `-year`): a real date, today or
 * later. What was typed is echoed back with the message.
 */
export function readNewMeetingDate(
	form: FormData,
	today: string
):
	| { date: string }
	| { values: { day: string; month: string; year: string }; errors: { newDate: string } } {
	const values = {
		day: textField(form, 'newDate-day'),
		month: textField(form, 'newDate-month'),
		year: textField(form, 'newDate-year')
	};
	const date = readDateInput(values.day, values.month, values.year);
	if (!date.ok)
		return { values, errors: { newDate: date.message.replace('the date', 'the new date') } };
	if (date.date < today)
		return { values, errors: { newDate: 'The new date must be today or in the future' } };
	return { date: date.date };
}
