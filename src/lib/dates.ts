import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

const LONDON = 'Europe/London';

/** "3 March 2027 at 2:05pm", in UK time whatever the server's own time zone. */
export function formatInstant(iso: string): string {
	return format(new TZDate(iso, LONDON), "d MMMM yyyy 'at' h:mmaaa");
}

/** "3 March 2027" for a calendar date stored as YYYY-MM-DD. */
export function formatCalendarDate(date: string): string {
	return format(new Date(`${date}T12:00:00Z`), 'd MMMM yyyy');
}
