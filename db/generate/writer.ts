import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { levelsOfNeed } from '../../src/lib/server/agenda/new-caf-rules';
import { Agenda } from './agenda';
import { Consents } from './consent';
import { shift } from './days';
import { Families } from './families';
import { AfterMeeting } from './history/meeting';
import { historyDates, meetingTimes, Meetings } from './meetings';
import type { Random } from './random';
import type { Added } from './rows';
import type { Roster } from './rosters';

/** Everything one run shares: the PRNG, case numbering, caches and the count of what it added. */
export class Writer {
	readonly added: Added = { communities: 0, users: 0, meetings: 0, items: 0, cases: 0 };
	readonly meetings: Meetings;
	private readonly agenda: Agenda;
	private readonly after: AfterMeeting;

	constructor(
		sqlite: SQLiteDatabase,
		readonly rng: Random,
		/** When the run's people and future meetings were created. */
		readonly createdAt: string,
		today: string
	) {
		const levels = levelsOfNeed();
		const consents = new Consents(sqlite, rng);
		this.meetings = new Meetings(sqlite, this.added);
		this.after = new AfterMeeting(sqlite, rng, today, levels, consents);
		const families = new Families(sqlite, rng, levels, consents, this.added);
		this.agenda = new Agenda(sqlite, rng, this.meetings, families, levels, this.added);
	}

	/**
	 * Six-weekly concluded meetings from `from` up to the one six weeks before the anchor, with what
	 * happened in and after each. All the meetings are written first: an outcome names the meeting
	 * of the next review.
	 */
	history(community: Roster, from: string) {
		const dates = historyDates(community.anchor, from);
		const history = this.after.start(community);
		for (const date of dates) {
			const times = meetingTimes(this.rng, date);
			const createdAt = `${shift(date, -90)}T09:00:00.000Z`;
			const id = this.meetings.write(community, date, 'concluded', createdAt, times);
			history.meetings.push({ id, date, ...times });
		}
		for (const [index, meeting] of history.meetings.entries()) {
			const items = this.agenda.write(community, history, index, meeting.id, meeting.date);
			this.after.meeting(community, history, index, items);
		}
		this.after.finish(history);
	}
}
