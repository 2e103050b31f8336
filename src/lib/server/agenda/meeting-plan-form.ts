import { textField, tooLongProblem, type FieldErrors } from '../http/forms';
import { meetingSeries, oneYearAfter } from '../../calendar/working-days';
import { readDateInput } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';

/**
 * The "schedule meetings" form: one meeting or a series every so many weeks for a year, at a
 * start time, for a length, at a venue or online. Pure: the caller passes today.
 */

/** What was typed, to show again. */
export interface PlanValues {
	day: string;
	month: string;
	year: string;
	startTime: string;
	lengthMinutes: string;
	venue: string;
	onlineLink: string;
	repeat: string;
	everyWeeks: string;
}

/**
 * Reads and checks the form. `dates` is the whole series (up to a year from the first meeting);
 * `kept` those of them the chair kept ticked (of a series; one meeting is always kept). Both are
 * empty when there are errors.
 */
export function readMeetingPlan(form: FormData, today: string) {
	const values: PlanValues = {
		day: textField(form, 'date-day'),
		month: textField(form, 'date-month'),
		year: textField(form, 'date-year'),
		startTime: textField(form, 'startTime'),
		lengthMinutes: textField(form, 'lengthMinutes'),
		venue: textField(form, 'venue'),
		onlineLink: textField(form, 'onlineLink'),
		repeat: textField(form, 'repeat'),
		everyWeeks: textField(form, 'everyWeeks')
	};
	const errors: FieldErrors = {};
	const date = readDateInput(values.day, values.month, values.year);
	if (!date.ok) errors.date = date.message.replace('the date', 'the date of the first meeting');
	else if (date.date < today)
		errors.date = 'The date of the first meeting must be today or in the future';
	if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(values.startTime))
		errors.startTime = 'Enter a start time like 09:30 or 14:00';
	const length = Number(values.lengthMinutes);
	if (!Number.isInteger(length) || length < 15 || length > 480) {
		errors.lengthMinutes = 'Enter the length in minutes, from 15 to 480';
	}
	if (values.venue === '' && values.onlineLink === '')
		errors.venue = 'Enter a venue or an online meeting link';
	const venueTooLong = tooLongProblem(values.venue, TEXT_LIMITS.venue, 'Venue');
	if (venueTooLong) errors.venue = venueTooLong;
	if (values.onlineLink !== '' && !/^https:\/\/\S+$/.test(values.onlineLink)) {
		errors.onlineLink = 'Enter the online meeting link starting with https://';
	} else {
		const linkTooLong = tooLongProblem(values.onlineLink, TEXT_LIMITS.onlineLink, 'The link');
		if (linkTooLong) errors.onlineLink = linkTooLong;
	}
	if (values.repeat !== 'once' && values.repeat !== 'series')
		errors.repeat = 'Choose one meeting or a series';
	const every = Number(values.everyWeeks);
	if (values.repeat === 'series' && (!Number.isInteger(every) || every < 1 || every > 26)) {
		errors.everyWeeks = 'Enter how many weeks apart, from 1 to 26';
	}
	if (Object.keys(errors).length > 0 || !date.ok)
		return { values, errors, dates: [] as string[], kept: [] as string[] };
	const dates =
		values.repeat === 'once'
			? [date.date]
			: meetingSeries(date.date, every, oneYearAfter(date.date)).filter(
					(d) => d < oneYearAfter(date.date)
				);
	// Only dates of the series the chair kept ticked; anything else posted is ignored.
	const keep = new Set(form.getAll('keep').map(String));
	const kept = values.repeat === 'once' ? dates : dates.filter((d) => keep.has(d));
	const [hours, minutes] = values.startTime.split(':');
	return {
		values: { ...values, startTime: `${hours!.padStart(2, '0')}:${minutes}` },
		errors,
		dates,
		kept
	};
}
