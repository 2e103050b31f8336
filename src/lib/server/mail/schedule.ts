import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay } from 'date-fns';
import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { actionFacts, type ActionFact } from './action-facts';
import { mailSettings } from './config';
import { digestMail, reminderMail, type ReminderKind } from './messages';
import { enqueueMail } from './outbox';
import { optedOut } from './preferences';

/**
 * Reminders and the weekly digest, queued by a scheduler the server runs every few minutes. Each
 * message has a dedupe key, so however often (or on however many processes) the scheduler runs, a
 * reminder goes once. Days are England's days (Europe/London), and nothing goes before 7am there.
 */
export const SEND_FROM_HOUR = 7;
/** A reminder missed while the server was down still goes within this many days; older ones never. */
const CATCH_UP_DAYS = 7;

interface LondonClock {
	today: string;
	hour: number;
	/** 1 Monday … 7 Sunday. */
	isoDay: number;
	/** ISO week, e.g. 2027-W23. */
	week: string;
}

export function londonClock(now: Date): LondonClock {
	const local = new TZDate(now, 'Europe/London');
	return {
		today: format(local, 'yyyy-MM-dd'),
		hour: local.getHours(),
		isoDay: getISODay(local),
		week: format(local, "RRRR-'W'II")
	};
}

function shiftDate(date: string, days: number): string {
	return format(addDays(new Date(`${date}T12:00:00Z`), days), 'yyyy-MM-dd');
}

const londonDate = (iso: string) => format(new TZDate(iso, 'Europe/London'), 'yyyy-MM-dd');

/** The dedupe key: one reminder per action, kind, due date and owner (a new date or owner, a new one). */
export function reminderKey(kind: Exclude<ReminderKind, 'from-chair'>, action: ActionFact): string {
	return `reminder-${kind}:${action.id}:${action.dueDate}:${action.owner?.id ?? ''}`;
}

/**
 * Open and in-progress actions owned by someone with an account who has not turned reminders off:
 * - 7 days before the due date (unless the action was agreed less than 7 days before it: its owner
 *   has just been told), and
 * - the day after the due date, when it becomes overdue.
 * Returns how many were queued.
 */
export async function queueDueReminders(db: DB, now = new Date()): Promise<number> {
	const clock = londonClock(now);
	if (clock.hour < SEND_FROM_HOUR) return 0;
	const { today } = clock;
	const quiet = await optedOut(db, 'reminders');
	const wanted = (action: ActionFact) => action.owner !== null && !quiet.has(action.owner.id);

	const dueSoon = (
		await actionFacts(db, { open: true, dueFrom: shiftDate(today, 1), dueTo: shiftDate(today, 7) })
	).filter(
		(action) => wanted(action) && londonDate(action.createdAt) < shiftDate(action.dueDate, -7)
	);
	const overdue = (
		await actionFacts(db, {
			open: true,
			dueFrom: shiftDate(today, -CATCH_UP_DAYS),
			dueTo: shiftDate(today, -1)
		})
	).filter(wanted);

	const { origin } = mailSettings();
	const reminders = [
		...dueSoon.map((action) => ({ action, kind: '7-days' as const })),
		...overdue.map((action) => ({ action, kind: 'overdue' as const }))
	];
	if (reminders.length === 0) return 0;
	return db.transaction().execute(async (trx) => {
		let queued = 0;
		for (const { action, kind } of reminders) {
			const owner = action.owner!;
			const added = await enqueueMail(
				trx,
				{
					kind: kind === '7-days' ? 'reminder-7-days' : 'reminder-overdue',
					to: owner.email,
					userId: owner.id,
					dedupeKey: reminderKey(kind, action),
					...reminderMail({ origin, name: owner.name, kind, action, today })
				},
				now
			);
			if (added) queued += 1;
		}
		return queued;
	});
}

/**
 * Once a week (from 7am on Monday, or the first working day after it that the server runs), each
 * person with open actions who has not turned the digest off gets the list. Returns how many.
 */
export async function queueWeeklyDigests(db: DB, now = new Date()): Promise<number> {
	const clock = londonClock(now);
	if (clock.isoDay > 5 || clock.hour < SEND_FROM_HOUR) return 0;
	const prefix = `digest:${clock.week}:`;
	// Only those still waiting for this week's digest, so later runs in the week cost one query.
	const waiting = await db
		.selectFrom('action')
		.innerJoin('user', 'user.id', 'action.owner_id')
		.select('user.id')
		.distinct()
		.where('action.status', 'in', ['open', 'in-progress'])
		.where('user.disabled_at', 'is', null)
		.where(({ not, exists, selectFrom, ref }) =>
			not(
				exists(
					selectFrom('mail_outbox')
						.select('mail_outbox.id')
						.where('mail_outbox.dedupe_key', '=', sql<string>`${prefix} || ${ref('user.id')}`)
				)
			)
		)
		.execute();
	const quiet = await optedOut(db, 'digest');
	const people = waiting.map((row) => row.id).filter((id) => !quiet.has(id));
	if (people.length === 0) return 0;
	const digests: { owner: NonNullable<ActionFact['owner']>; actions: ActionFact[] }[] = [];
	for (const ownerId of people) {
		const actions = await actionFacts(db, { open: true, ownerId });
		if (actions[0]?.owner) digests.push({ owner: actions[0].owner, actions });
	}
	const { origin } = mailSettings();
	return db.transaction().execute(async (trx) => {
		let queued = 0;
		for (const { owner, actions } of digests) {
			const added = await enqueueMail(
				trx,
				{
					kind: 'digest',
					to: owner.email,
					userId: owner.id,
					dedupeKey: prefix + owner.id,
					...digestMail({ origin, name: owner.name, actions, today: clock.today })
				},
				now
			);
			if (added) queued += 1;
		}
		return queued;
	});
}

/** One run of the scheduler: reminders, then digests. */
export async function runMailSchedule(db: DB, now = new Date()) {
	return {
		reminders: await queueDueReminders(db, now),
		digests: await queueWeeklyDigests(db, now)
	};
}
