/**
 * Working days in England: bank holidays, working-day arithmetic and meeting series.
 *
 * Where the rules come from:
 * - GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays), England and Wales, which also
 *   publishes the dates as data (https://www.gov.uk/bank-holidays.json).
 * - The Banking and Financial Dealings Act 1971, schedule 1 (Easter Monday, the last Monday in
 *   May, the last Monday in August, 26 December, and 27 December when 25 or 26 December falls on
 *   a Sunday), with Good Friday and Christmas Day as common-law holidays.
 * - Royal proclamations under section 1(3) of that Act: New Year's Day (from 1974), the early
 *   May bank holiday (from 1978) and the one-off changes in ONE_OFF_CHANGES below.
 *
 * The rules hold from 1978, when the early May bank holiday began; earlier years are refused
 * rather than answered wrongly. Future one-off changes (a jubilee, a state funeral) are announced
 * by proclamation and must be added to ONE_OFF_CHANGES when GOV.UK publishes them.
 *
 * Every date in this module's API is a calendar date in England written as YYYY-MM-DD. Inside,
 * dates are JavaScript Dates at local noon, so the server's time zone and clock changes never move
 * a date onto the day before or after.
 */
import {
	addDays,
	addWeeks,
	addYears,
	format,
	isValid,
	isWeekend,
	nextMonday,
	parse,
	previousMonday,
	setHours,
	subDays
} from 'date-fns';

export interface BankHoliday {
	/** YYYY-MM-DD */
	date: string;
	name: string;
}

const FIRST_SUPPORTED_YEAR = 1978;
const LAST_SUPPORTED_YEAR = 9999;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NO_DATES: ReadonlySet<string> = new Set();

/**
 * One-off changes made by royal proclamation. `replaces` names the usual bank holiday that moved
 * that year; without it the day is an extra bank holiday.
 * Sources: GOV.UK bank holidays (https://www.gov.uk/bank-holidays) for 2012 onwards; the
 * proclamations as reported in the London Gazette for the earlier years.
 */
const ONE_OFF_CHANGES: readonly { date: string; name: string; replaces?: string }[] = [
	{ date: '1981-07-29', name: 'Royal wedding' },
	{
		date: '1995-05-08',
		name: 'Early May bank holiday (VE Day)',
		replaces: 'Early May bank holiday'
	},
	{ date: '1999-12-31', name: 'Millennium bank holiday' },
	{ date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
	{ date: '2002-06-04', name: 'Spring bank holiday', replaces: 'Spring bank holiday' },
	{ date: '2011-04-29', name: 'Royal wedding' },
	{ date: '2012-06-04', name: 'Spring bank holiday', replaces: 'Spring bank holiday' },
	{ date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
	{
		date: '2020-05-08',
		name: 'Early May bank holiday (VE Day)',
		replaces: 'Early May bank holiday'
	},
	{ date: '2022-06-02', name: 'Spring bank holiday', replaces: 'Spring bank holiday' },
	{ date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
	{ date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
	{ date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' }
];

/** A calendar date at local noon. */
function calendarDate(year: number, month: number, day: number): Date {
	return new Date(year, month - 1, day, 12);
}

function toDate(date: string): Date {
	const parsed = ISO_DATE.test(date) ? parse(date, 'yyyy-MM-dd', calendarDate(2000, 1, 1)) : null;
	if (!parsed || !isValid(parsed) || format(parsed, 'yyyy-MM-dd') !== date) {
		throw new RangeError(`Not a calendar date in the form YYYY-MM-DD: ${JSON.stringify(date)}`);
	}
	return setHours(parsed, 12);
}

function toIso(date: Date): string {
	return format(date, 'yyyy-MM-dd');
}

function checkYear(year: number): void {
	if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
		throw new RangeError(
			`Bank holidays are known for ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}, not ${year}`
		);
	}
}

function checkCount(count: number): void {
	if (!Number.isInteger(count) || count < 0) {
		throw new RangeError(`The number of working days must be a whole number 0 or more: ${count}`);
	}
}

/**
 * Easter Sunday in the Gregorian calendar as YYYY-MM-DD, by the anonymous Gregorian algorithm
 * (Meeus, Astronomical Algorithms, chapter 8).
 */
export function easterSunday(year: number): string {
	if (!Number.isInteger(year) || year < 1583 || year > LAST_SUPPORTED_YEAR) {
		throw new RangeError(`Easter is computed for Gregorian years 1583 to 9999, not ${year}`);
	}
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return toIso(calendarDate(year, month, day));
}

/**
 * Places the fixed-date holidays (given in order of precedence). One that falls on a weekday
 * stays put; one that falls on a weekend moves to the next weekday that is not already a bank
 * holiday, named "… (substitute day)" as GOV.UK does. So in 2022 Boxing Day keeps Monday 26
 * December and Christmas Day (a Sunday) moves to Tuesday 27.
 */
function withSubstitutes(days: readonly { date: Date; name: string }[]): BankHoliday[] {
	const placed: BankHoliday[] = days
		.filter((day) => !isWeekend(day.date))
		.map((day) => ({ date: toIso(day.date), name: day.name }));
	const taken = new Set(placed.map((day) => day.date));
	for (const day of days.filter((d) => isWeekend(d.date))) {
		let substitute = addDays(day.date, 1);
		while (isWeekend(substitute) || taken.has(toIso(substitute))) {
			substitute = addDays(substitute, 1);
		}
		taken.add(toIso(substitute));
		placed.push({ date: toIso(substitute), name: `${day.name} (substitute day)` });
	}
	return placed;
}

/** The bank holidays in England and Wales in `year` (1978 to 9999), sorted by date. */
export function englandAndWalesBankHolidays(year: number): BankHoliday[] {
	checkYear(year);
	const easter = toDate(easterSunday(year));
	const ruled: BankHoliday[] = [
		...withSubstitutes([
			{ date: calendarDate(year, 1, 1), name: 'New Year’s Day' },
			{ date: calendarDate(year, 12, 25), name: 'Christmas Day' },
			{ date: calendarDate(year, 12, 26), name: 'Boxing Day' }
		]),
		{ date: toIso(subDays(easter, 2)), name: 'Good Friday' },
		{ date: toIso(addDays(easter, 1)), name: 'Easter Monday' },
		{ date: toIso(nextMonday(calendarDate(year, 4, 30))), name: 'Early May bank holiday' },
		{ date: toIso(previousMonday(calendarDate(year, 6, 1))), name: 'Spring bank holiday' },
		{ date: toIso(previousMonday(calendarDate(year, 9, 1))), name: 'Summer bank holiday' }
	];
	const changes = ONE_OFF_CHANGES.filter((change) => change.date.startsWith(`${year}-`));
	const replaced = new Set(changes.map((change) => change.replaces));
	return [
		...ruled.filter((holiday) => !replaced.has(holiday.name)),
		...changes.map(({ date, name }) => ({ date, name }))
	].sort((x, y) => x.date.localeCompare(y.date));
}

const holidayDatesByYear = new Map<number, ReadonlySet<string>>();

function bankHolidayDates(year: number): ReadonlySet<string> {
	let dates = holidayDatesByYear.get(year);
	if (!dates) {
		dates = new Set(englandAndWalesBankHolidays(year).map((holiday) => holiday.date));
		holidayDatesByYear.set(year, dates);
	}
	return dates;
}

/**
 * Whether `date` is a working day: not a Saturday or Sunday, not a bank holiday in England and
 * Wales, and not one of the council's `closures` (YYYY-MM-DD dates an administrator adds).
 */
export function isWorkingDay(date: string, closures: ReadonlySet<string> = NO_DATES): boolean {
	const day = toDate(date);
	const holidays = bankHolidayDates(day.getFullYear());
	return !isWeekend(day) && !holidays.has(date) && !closures.has(date);
}

function stepWorkingDays(
	date: string,
	count: number,
	step: 1 | -1,
	closures: ReadonlySet<string>
): string {
	checkCount(count);
	let day = toDate(date);
	let found = 0;
	while (found < count) {
		day = addDays(day, step);
		if (isWorkingDay(toIso(day), closures)) found += 1;
	}
	return toIso(day);
}

/**
 * The `count`th working day before `date`. `date` itself never counts, whether or not it is a
 * working day, so the submission deadline for a meeting is `subtractWorkingDays(meeting, 5)`:
 * for a meeting on Monday 7 December 2026 that is Monday 30 November 2026. A count of 0 gives
 * `date` back unchanged.
 */
export function subtractWorkingDays(
	date: string,
	count: number,
	closures: ReadonlySet<string> = NO_DATES
): string {
	return stepWorkingDays(date, count, -1, closures);
}

/**
 * The `count`th working day after `date`. `date` itself never counts, whether or not it is a
 * working day: one working day after Friday 4 December 2026 is Monday 7 December 2026. A count of
 * 0 gives `date` back unchanged.
 */
export function addWorkingDays(
	date: string,
	count: number,
	closures: ReadonlySet<string> = NO_DATES
): string {
	return stepWorkingDays(date, count, 1, closures);
}

/**
 * Meeting dates from `first`, every `everyWeeks` weeks, up to and including `until`, leaving out
 * any date in `skip` (dates the chair has removed). Dates are not moved off bank holidays: check
 * them with isWorkingDay. Empty when `until` is before `first`.
 */
export function meetingSeries(
	first: string,
	everyWeeks: number,
	until: string,
	skip: ReadonlySet<string> = NO_DATES
): string[] {
	if (!Number.isInteger(everyWeeks) || everyWeeks < 1) {
		throw new RangeError(`Meetings must be a whole number of weeks apart: ${everyWeeks}`);
	}
	const start = toDate(first);
	toDate(until);
	const dates: string[] = [];
	for (let n = 0; ; n += 1) {
		const date = toIso(addWeeks(start, n * everyWeeks));
		if (date > until) return dates;
		if (!skip.has(date)) dates.push(date);
	}
}

/** The same date a year later; 29 February becomes 28 February. */
export function oneYearAfter(date: string): string {
	return toIso(addYears(toDate(date), 1));
}
