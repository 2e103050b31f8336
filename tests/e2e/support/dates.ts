/** Dates as the test data holds them (YYYY-MM-DD) and as the pages write them. */

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** Today's YYYY-MM-DD date in UTC. */
export function today(): string {
	return new Date().toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date as the pages write it: "8 December 2026". */
export function longDate(date: string): string {
	const d = new Date(`${date}T12:00:00Z`);
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A meeting's date as the pages write it: "Tuesday 8 December 2026". */
export function meetingDate(date: string): string {
	return `${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]} ${longDate(date)}`;
}

/** The YYYY-MM-DD date `days` after (or before, if negative) another. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
