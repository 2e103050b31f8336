import { tz, TZDate } from '@date-fns/tz';
import { differenceInCalendarDays } from 'date-fns';
import { plural } from './plural';
import { DUE_SOON_DAYS } from './domain/limits';

const LONDON = 'Europe/London';

/**
 * Whole calendar days from today in England to a due date (YYYY-MM-DD): 0 today, 1 tomorrow,
 * negative once it has passed. Counted in Europe/London, so the 23- and 25-hour days of the clock
 * changes and the hour after midnight in summer time (still "yesterday" in UTC) count as they
 * should.
 */
export function daysUntilDue(dueDate: string, now: Date = new Date()): number {
	const [year, month, day] = dueDate.split('-').map(Number);
	const due = new TZDate(year!, month! - 1, day!, LONDON);
	return differenceInCalendarDays(due, now, { in: tz(LONDON) });
}

/**
 * The due date in the words people use: "due today", "due tomorrow", "due in 3 days", "due in
 * 2 weeks", "1 day overdue", "2 weeks overdue". Days up to a fortnight, then whole weeks (rounded
 * down, so "2 weeks" means at least 14 days and fewer than 21).
 */
export function dueWording(dueDate: string, now: Date = new Date()): string {
	const days = daysUntilDue(dueDate, now);
	if (days === 0) return 'due today';
	if (days === 1) return 'due tomorrow';
	const distance = Math.abs(days);
	const span =
		distance < DUE_SOON_DAYS ? plural(distance, 'day') : plural(Math.floor(distance / 7), 'week');
	return days > 0 ? `due in ${span}` : `${span} overdue`;
}

export type DueGroup = 'overdue' | 'soon' | 'later' | 'done';

/** Where an action sits on My actions: finished ones are "done" whatever their date. */
export function dueGroup(dueDate: string, status: string, now: Date = new Date()): DueGroup {
	if (status !== 'open' && status !== 'in-progress') return 'done';
	const days = daysUntilDue(dueDate, now);
	if (days < 0) return 'overdue';
	return days <= DUE_SOON_DAYS ? 'soon' : 'later';
}
