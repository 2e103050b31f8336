/**
 * Writes iCalendar (RFC 5545) text: just what the calendar feeds need, written here rather than
 * taken from a library because it is small and the rules that matter (escaping, folding, CRLF,
 * UTC instants) are easier to check in 100 lines than in a dependency's options.
 */

export type EventTime =
	/** A moment, written in UTC ("...Z"), so no VTIMEZONE is needed and every client agrees. */
	| { instant: Date }
	/** A whole day, YYYY-MM-DD. */
	| { date: string };

export interface CalendarEvent {
	/** Globally unique and stable across feed refreshes, so clients update rather than duplicate. */
	uid: string;
	start: EventTime;
	/** For a whole day, the day after (DTEND is exclusive). */
	end: EventTime;
	summary: string;
	location?: string | null;
	description?: string | null;
	/** The event's page in the app. */
	url?: string | null;
	/** Not busy time: a due date is a reminder, not an appointment. */
	transparent?: boolean;
}

export interface CalendarOptions {
	/** The calendar's display name (X-WR-CALNAME, RFC 7986 NAME). */
	name: string;
	/** DTSTAMP: when this copy of each event was written. */
	now: Date;
	/** How often a subscribed client should fetch the feed again, as an ISO 8601 duration. */
	refreshInterval?: string;
}

export const PRODUCT_ID = '-//MAG meetings//Calendar feed//EN';

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/** TEXT value escaping (RFC 5545 3.3.11); other control characters are not allowed and dropped. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n')
		.replace(/(?!\t)\p{Cc}/gu, '');
}

/** A URI value is not escaped, so it must carry no control characters or spaces to break a line. */
function cleanUri(value: string): string {
	return value.replace(/[\p{Cc} ]/gu, '');
}

/** 20270511T083000Z */
export function utcDateTime(instant: Date): string {
	return instant
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** 20270511 from 2027-05-11 */
function dateValue(date: string): string {
	return date.replace(/-/g, '');
}

function timeProperty(name: 'DTSTART' | 'DTEND', time: EventTime): string {
	return 'instant' in time
		? `${name}:${utcDateTime(time.instant)}`
		: `${name};VALUE=DATE:${dateValue(time.date)}`;
}

/**
 * Folds a content line to at most 75 octets a line (RFC 5545 3.1): each continuation starts with a
 * space, and a line is never split inside a character's UTF-8 bytes.
 */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const lines: string[] = [];
	let current = '';
	let octets = 0;
	for (const character of line) {
		const size = encoder.encode(character).length;
		// Continuation lines begin with one space, which counts towards their 75 octets.
		const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
		if (octets + size > limit) {
			lines.push(current);
			current = '';
			octets = 0;
		}
		current += character;
		octets += size;
	}
	lines.push(current);
	return lines.join(`${CRLF} `);
}

function eventLines(event: CalendarEvent, stamp: string): string[] {
	const lines = [
		'BEGIN:VEVENT',
		`UID:${escapeText(event.uid)}`,
		`DTSTAMP:${stamp}`,
		timeProperty('DTSTART', event.start),
		timeProperty('DTEND', event.end),
		`SUMMARY:${escapeText(event.summary)}`
	];
	if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
	if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
	if (event.url) lines.push(`URL:${cleanUri(event.url)}`);
	lines.push(`TRANSP:${event.transparent ? 'TRANSPARENT' : 'OPAQUE'}`, 'END:VEVENT');
	return lines;
}

/** A whole VCALENDAR object, CRLF line endings and folded, ready to send as text/calendar. */
export function icalendar(events: CalendarEvent[], options: CalendarOptions): string {
	const stamp = utcDateTime(options.now);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${PRODUCT_ID}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`NAME:${escapeText(options.name)}`,
		`X-WR-CALNAME:${escapeText(options.name)}`
	];
	if (options.refreshInterval) {
		lines.push(
			`REFRESH-INTERVAL;VALUE=DURATION:${options.refreshInterval}`,
			`X-PUBLISHED-TTL:${options.refreshInterval}`
		);
	}
	for (const event of events) lines.push(...eventLines(event, stamp));
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join(CRLF) + CRLF;
}
