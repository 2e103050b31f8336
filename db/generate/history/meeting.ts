/**
 * What happens in and after each generated history meeting, written as the app writes it: the
 * register, the consent gate, outcomes, actions and items deferred from the meeting before. Short
 * texts are drawn from fixed lists so that the national file stays small.
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { DeferralReason } from '../../../src/lib/server/platform/schema';
import type { Item } from '../agenda';
import type { Consents } from '../consent';
import { iso, MINUTE } from '../days';
import { int, weighted, type Random } from '../random';
import { insertInto } from '../rows';
import type { Person, Roster } from '../rosters';
import { Actions } from './actions';
import { meetingIdAt, type CommunityHistory, type HistoryMeeting } from './community';
import { Outcomes } from './outcomes';

/** Why an item was deferred, each as likely as its weight. */
const DEFERRAL_WEIGHTS: [DeferralReason, number][] = [
	['consent-not-confirmed', 3],
	['agenda-full', 3],
	['out-of-time', 2],
	['presenter-unavailable', 2],
	['more-information', 1]
];

export class AfterMeeting {
	private readonly insertAttendance: Statement;
	private readonly insertGateCheck: Statement;
	private readonly insertDeferral: Statement;
	private readonly futureMeetings: Statement;
	private readonly outcomes: Outcomes;

	constructor(
		sqlite: SQLiteDatabase,
		private readonly rng: Random,
		/** YYYY-MM-DD: actions due before it have had their chance. */
		today: string,
		/** The levels of need, lowest first (levelsOfNeed()). */
		levels: readonly string[],
		private readonly consents: Consents
	) {
		this.insertAttendance = insertInto(sqlite, 'attendance', [
			'meeting_id',
			'user_id',
			'name',
			'agency',
			'status',
			'confirmed_at',
			'confirmed_via',
			'recorded_by',
			'recorded_at'
		]);
		this.insertGateCheck = insertInto(sqlite, 'gate_check', [
			'meeting_id',
			'submission_id',
			'consent_id',
			'result',
			'checked_by',
			'checked_at'
		]);
		this.insertDeferral = insertInto(sqlite, 'item_deferral', [
			'submission_id',
			'from_meeting_id',
			'to_meeting_id',
			'reason',
			'deferred_by',
			'deferred_at'
		]);
		this.futureMeetings = sqlite.prepare(
			`select id from meeting where community_id = ? and date >= ? and status != 'cancelled'
			order by date`
		);
		this.outcomes = new Outcomes(sqlite, rng, levels, new Actions(sqlite, rng, today));
	}

	/** A community's history before its first meeting: the meetings already scheduled after it. */
	start(community: Roster): CommunityHistory {
		const future = (
			this.futureMeetings.all(community.id, community.anchor) as { id: number }[]
		).map((m) => m.id);
		return { meetings: [], future, due: new Map() };
	}

	/** Everything from the register to the deferrals for one concluded meeting. */
	meeting(community: Roster, history: CommunityHistory, index: number, items: Item[]) {
		const meeting = history.meetings[index]!;
		history.due.delete(index);
		this.register(community, meeting);
		const previous = history.meetings[index - 1];
		const span = meeting.concludedAt - meeting.startedAt - 10 * MINUTE;
		for (const [k, item] of items.entries()) {
			const at = meeting.startedAt + 5 * MINUTE + Math.floor(((k + 0.5) / items.length) * span);
			const discussion = {
				community,
				history,
				index,
				meeting,
				item,
				recordedAt: iso(at + 4 * MINUTE)
			};
			if (item.part === 1) this.outcomes.advice(discussion);
			else if (item.part === 4) this.outcomes.communityIssue(discussion);
			else {
				const familyCase = item.familyCase!;
				if (item.part === 3) this.consents.renewIfDue(familyCase, meeting.date);
				// The consent gate opens before a family is discussed (docs/domain.md).
				this.insertGateCheck.run(
					meeting.id,
					item.submissionId,
					familyCase.consentId,
					'opened',
					community.chair.id,
					iso(at)
				);
				if (item.part === 2) this.outcomes.newCaf(discussion, familyCase);
				else this.outcomes.review(discussion, familyCase);
			}
			if (previous && item.deferred) this.deferredFrom(previous, meeting, community, item);
		}
	}

	/** Open cases at the end of history keep their lead professional and their next review. */
	finish(history: CommunityHistory) {
		for (const [index, cases] of history.due)
			for (const familyCase of cases)
				this.outcomes.leaveOpen(familyCase, meetingIdAt(history, index));
	}

	/** Everyone in the MAG: the chair and coordinator present; members mostly present. */
	private register(community: Roster, meeting: HistoryMeeting) {
		const { rng } = this;
		const recordedAt = iso(meeting.startedAt);
		const row = (person: Person, status: 'present' | 'apologies' | 'absent') =>
			this.insertAttendance.run(
				meeting.id,
				person.id,
				person.name,
				person.agency,
				status,
				status === 'present' ? iso(meeting.startedAt + int(rng, 0, 10) * MINUTE) : null,
				status === 'present' ? 'self' : null,
				community.chair.id,
				recordedAt
			);
		row(community.chair, 'present');
		if (community.coordinator) row(community.coordinator, 'present');
		for (const member of community.members) {
			if (member.id === community.chair.id || member.id === community.coordinator?.id) continue;
			const r = rng();
			const present = member.poor ? 0.35 : 0.7;
			const apologies = member.poor ? 0.7 : 0.9;
			row(member, r < present ? 'present' : r < apologies ? 'apologies' : 'absent');
		}
	}

	/** The item was deferred by the chair at the end of the meeting before; only family items wait for consent. */
	private deferredFrom(
		previous: HistoryMeeting,
		meeting: HistoryMeeting,
		community: Roster,
		item: Item
	) {
		const { rng } = this;
		const reason = weighted(
			rng,
			item.part === 1 || item.part === 4 ? DEFERRAL_WEIGHTS.slice(1) : DEFERRAL_WEIGHTS
		);
		this.insertDeferral.run(
			item.submissionId,
			previous.id,
			meeting.id,
			reason,
			community.chair.id,
			iso(previous.concludedAt - int(rng, 5, 60) * MINUTE)
		);
	}
}
