import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireCommunityOrganiser } from '$lib/server/policy/community';
import { textField, tooLongProblem, type FieldErrors } from '$lib/server/http/forms';
import { closureDays, scheduleMeetings } from '$lib/server/agenda/meetings';
import { meetingSeries, oneYearAfter, subtractWorkingDays } from '$lib/calendar/working-days';
import { readDateInput, todayInEngland } from '$lib/dates';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { MEETING_DEFAULTS } from '$lib/domain/meeting';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { community } = await requireCommunityOrganiser(locals, params.id, 'schedule');
	return { community: { id: community.id, name: community.name }, defaults: MEETING_DEFAULTS };
};

/** Reads and checks the form; the dates are the whole series before any are removed. */
async function readPlan({ request }: RequestEvent) {
	const form = await request.formData();
	const values = {
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
	else if (date.date < todayInEngland())
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
		return { values, errors, dates: [] as string[], form };
	const dates =
		values.repeat === 'once'
			? [date.date]
			: meetingSeries(date.date, every, oneYearAfter(date.date)).filter(
					(d) => d < oneYearAfter(date.date)
				);
	const [hours, minutes] = values.startTime.split(':');
	return {
		values: { ...values, startTime: `${hours!.padStart(2, '0')}:${minutes}` },
		errors,
		dates,
		form
	};
}

export const actions: Actions = {
	preview: async (event) => {
		await requireCommunityOrganiser(event.locals, event.params.id, 'schedule');
		const plan = await readPlan(event);
		if (Object.keys(plan.errors).length > 0)
			return fail(400, { values: plan.values, errors: plan.errors });
		const closures = await closureDays(appDatabase().db);
		return {
			values: plan.values,
			preview: plan.dates.map((date) => ({
				date,
				deadline: subtractWorkingDays(date, MEETING_DEFAULTS.deadlineWorkingDays, closures)
			}))
		};
	},

	schedule: async (event) => {
		const { user, community } = await requireCommunityOrganiser(
			event.locals,
			event.params.id,
			'schedule'
		);
		const plan = await readPlan(event);
		if (Object.keys(plan.errors).length > 0)
			return fail(400, { values: plan.values, errors: plan.errors });
		// Only dates of the series the chair kept ticked; anything else posted is ignored.
		const kept = new Set(plan.form.getAll('keep').map(String));
		const dates =
			plan.values.repeat === 'once' ? plan.dates : plan.dates.filter((d) => kept.has(d));
		if (dates.length === 0) {
			const closures = await closureDays(appDatabase().db);
			return fail(400, {
				values: plan.values,
				errors: { keep: 'Keep at least one date' } as FieldErrors,
				preview: plan.dates.map((date) => ({
					date,
					deadline: subtractWorkingDays(date, MEETING_DEFAULTS.deadlineWorkingDays, closures)
				}))
			});
		}
		await scheduleMeetings(
			appDatabase().db,
			{
				communityId: community.id,
				dates,
				startTime: plan.values.startTime,
				lengthMinutes: Number(plan.values.lengthMinutes),
				venue: plan.values.venue || null,
				onlineLink: plan.values.onlineLink || null,
				deadlineWorkingDays: MEETING_DEFAULTS.deadlineWorkingDays
			},
			{ id: user.id, ip: event.getClientAddress() }
		);
		redirect(303, `/communities/${community.id}?scheduled=${dates.length}`);
	}
};
