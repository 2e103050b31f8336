import { format } from 'date-fns';

/**
 * An instant's parts in UK time, whatever the server's own time zone. One formatter made once:
 * lists format thousands of instants, and a time-zone-aware date object per call costs ten times
 * as much.
 */
const inLondon = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	hour: 'numeric',
	minute: '2-digit',
	hourCycle: 'h23'
});

function londonParts(instant: string | Date) {
	const parts: Record<string, string> = {};
	for (const part of inLondon.formatToParts(new Date(instant))) parts[part.type] = part.value;
	return {
		day: Number(parts.day),
		month: parts.month!,
		year: parts.year!,
		hour: Number(parts.hour),
		minute: parts.minute!
	};
}

/** "3 March 2027 at 2:05pm", in UK time whatever the server's own time zone. */
export function formatInstant(iso: string): string {
	const { day, month, year, hour, minute } = londonParts(iso);
	const hour12 = hour % 12 === 0 ? 12 : hour % 12;
	return `${day} ${month} ${year} at ${hour12}:${minute}${hour >= 12 ? 'pm' : 'am'}`;
}

/** "3 March 2027": the UK day of an instant. */
export function formatInstantDay(iso: string): string {
	const { day, month, year } = londonParts(iso);
	return `${day} ${month} ${year}`;
}

/** "3 March 2027" for a calendar date stored as YYYY-MM-DD. */
export function formatCalendarDate(date: string): string {
	return format(new Date(`${date}T12:00:00Z`), 'd MMMM yyyy');
}

/** "Monday 3 March 2027". */
export function formatMeetingDate(date: string): string {
	return format(new Date(`${date}T12:00:00Z`), 'EEEE d MMMM yyyy');
}

/** "9:30am" from a stored "09:30". */
export function formatTime(time: string): string {
	const [hours, minutes] = time.split(':').map(Number);
	const suffix = hours! >= 12 ? 'pm' : 'am';
	const hour12 = hours! % 12 === 0 ? 12 : hours! % 12;
	return `${hour12}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** Today's calendar date in England, YYYY-MM-DD. */
export function todayInEngland(now = new Date()): string {
	return londonDay.format(now);
}

/** YYYY-MM-DD in UK time (Canadian English writes dates that way). */
const londonDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Reads a GOV.UK date input's three boxes into YYYY-MM-DD, or a reason it is not a real date. */
export function readDateInput(
	day: string,
	month: string,
	year: string
): { ok: true; date: string } | { ok: false; message: string } {
	if (!day && !month && !year) return { ok: false, message: 'Enter the date' };
	if (!day || !month || !year) {
		const missing = [!day && 'day', !month && 'month', !year && 'year']
			.filter(Boolean)
			.join(' and ');
		return { ok: false, message: `The date must include a ${missing}` };
	}
	if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
		return { ok: false, message: 'The date must be a real date, like 7 12 2026' };
	}
	const d = Number(day);
	const m = Number(month);
	const y = Number(year);
	const probe = new Date(Date.UTC(y, m - 1, d));
	if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
		return { ok: false, message: 'The date must be a real date' };
	}
	return { ok: true, date: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}
