/** The generated meetings: their rows, the dates of a community's history and each meeting's times. */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { subtractWorkingDays } from '../../src/lib/calendar/working-days';
import { MEETING_DEFAULTS } from '../../src/lib/domain/meeting';
import { venueOf } from '../seed/meetings';
import { iso, MINUTE, shift } from './days';
import { int, type Random } from './random';
import { idOf, insertInto, type Added } from './rows';
import type { Roster } from './rosters';

/** Days between a community's meetings (docs/domain.md: a MAG meets every six weeks). */
const DAYS_APART = 7 * MEETING_DEFAULTS.everyWeeks;

/** When a history meeting started and concluded, in milliseconds. */
export interface MeetingTimes {
	startedAt: number;
	concludedAt: number;
}

export class Meetings {
	private readonly insert: Statement;
	private readonly deadlines = new Map<string, string>();

	constructor(
		sqlite: SQLiteDatabase,
		private readonly added: Added
	) {
		this.insert = insertInto(sqlite, 'meeting', [
			'community_id',
			'date',
			'start_time',
			'length_minutes',
			'venue',
			'online_link',
			'submission_deadline',
			'status',
			'created_by',
			'created_at',
			'started_at',
			'concluded_at'
		]);
	}

	/** Items are in five working days before the meeting. */
	deadline(date: string): string {
		let deadline = this.deadlines.get(date);
		if (!deadline) {
			deadline = subtractWorkingDays(date, MEETING_DEFAULTS.deadlineWorkingDays);
			this.deadlines.set(date, deadline);
		}
		return deadline;
	}

	/** A meeting of the community at its children's centre, chaired by its chair; its id. */
	write(
		community: Roster,
		date: string,
		status: string,
		createdAt: string,
		times: MeetingTimes | null = null
	): number {
		this.added.meetings += 1;
		return idOf(
			this.insert.run(
				community.id,
				date,
				MEETING_DEFAULTS.startTime,
				MEETING_DEFAULTS.lengthMinutes,
				venueOf(community.name),
				null,
				this.deadline(date),
				status,
				community.chair.id,
				createdAt,
				times && iso(times.startedAt),
				times && iso(times.concludedAt)
			)
		);
	}
}

/** Six-weekly from `from` up to the meeting six weeks before `anchor`, oldest first. */
export function historyDates(anchor: string, from: string): string[] {
	const dates: string[] = [];
	let date = shift(anchor, -DAYS_APART);
	while (date >= from) {
		dates.push(date);
		date = shift(date, -DAYS_APART);
	}
	return dates.reverse();
}

/** 09:30 in England on `date` (08:30 UTC in summer time), as milliseconds. */
function halfPastNine(date: string): number {
	return TZDate.tz(
		'Europe/London',
		+date.slice(0, 4),
		+date.slice(5, 7) - 1,
		+date.slice(8, 10),
		9,
		30
	).getTime();
}

/** Starts on time or a few minutes late; about 1 in 5 overrun by 5 to 40 minutes. */
export function meetingTimes(rng: Random, date: string): MeetingTimes {
	const startedAt = halfPastNine(date) + int(rng, 0, 5) * MINUTE;
	const over = rng() < 0.2 ? int(rng, 5, 40) : -int(rng, 0, 20);
	return { startedAt, concludedAt: startedAt + (MEETING_DEFAULTS.lengthMinutes + over) * MINUTE };
}
