import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import type {
	CannotBeDoneReason,
	CaseStatus,
	DeferralReason,
	NeedStatus
} from '../src/lib/server/platform/schema';
import { addWorkingDays } from '../src/lib/calendar/working-days';
import {
	int,
	isoToDays,
	MINUTE,
	pick,
	shift,
	stampOn,
	weighted,
	type Random
} from './generate-util';
import { OFFER_CAF, SHARE_OUTCOME } from '../src/lib/domain/outcomes';
import { SHARE_OUTCOME_WORKING_DAYS } from '../src/lib/domain/limits';

/**
 * What happens in and after each generated history meeting, written as the app writes it: the
 * meeting's times, the register, the consent gate, outcomes (the lead professional agreed, the
 * review's decision and level of need), the cases' status over time, part 3 reviews every two
 * meetings until a case closes, actions and what became of them, and items deferred from the
 * meeting before. Short texts are drawn from fixed lists so that the national file stays small.
 */

export interface Person {
	id: number;
	name: string;
	/** The agency's name, as the register and actions store it. */
	agency: string | null;
	agencyId: number | null;
	/** Works for the agency that attends and delivers poorly in this council. */
	poor: boolean;
}

export interface Roster {
	id: number;
	name: string;
	chair: Person;
	coordinator: Person | null;
	members: Person[];
	/** The first meeting the demo seed (or the national generator) scheduled: history ends 6 weeks before. */
	anchor: string;
	/** The overloaded community: more new CAFs, so more reviews due. */
	busy: boolean;
}

/** A family supported by the MAG, from its new CAF until it closes. */
export interface OpenCase {
	caseId: number;
	lead: Person;
	needIds: number[];
	consentId: number;
	consentSignedOn: string;
	consent: { givenBy: string; youngPerson: string; sharedWith: string; formLocation: string };
	/** Index into levelsOfNeed(): the level now. */
	level: number;
	/** Reviews before it closes (or, for a case still open at the end, so far). */
	reviewsLeft: number;
	fate: Exclude<CaseStatus, 'open' | 'withdrawn'>;
}

/** An accepted item on a history meeting's agenda, in agenda order. */
export interface Item {
	submissionId: number;
	part: 1 | 2 | 3 | 4;
	submitter: Person;
	familyCase: OpenCase | null;
	/** Submitted for the community's previous meeting and deferred to this one. */
	deferred: boolean;
}

export interface HistoryMeeting {
	id: number;
	date: string;
	startedAt: number;
	concludedAt: number;
}

/** A community's history in progress: its meetings, then the cases due at each (by index). */
export interface CommunityHistory {
	meetings: HistoryMeeting[];
	future: number[];
	due: Map<number, OpenCase[]>;
}

const REVIEWS_APART = 2;
/** Reviews a case has before it closes: most close within 2 to 4. */
/** Actions agreed on a family item (besides sharing the outcome): 1 to 3, mostly 1 or 2. */
const ACTIONS_PER_ITEM: [number, number][] = [
	[1, 5],
	[2, 4],
	[3, 1]
];
const REVIEW_COUNTS = [1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 6];
const DEFERRAL_REASONS: [DeferralReason, number][] = [
	['consent-not-confirmed', 3],
	['agenda-full', 3],
	['out-of-time', 2],
	['presenter-unavailable', 2],
	['more-information', 1]
];
const ADVICE_NOTES = [
	'Advice given on next steps and local services.',
	'Group suggested a conversation with the family about early help.',
	'Signposted to the family hub and holiday activities.',
	'Advice given; bring back as a new CAF if worries continue.'
];
const PART2_NOTES = [
	'Support agreed as set out in the CAF.',
	'Plan agreed; the lead professional shares it with the family.',
	'Agencies agreed their part in the plan.'
];
const PART3_NOTES: Record<OpenCase['fate'] | 'continue', string[]> = {
	continue: ['Some progress; plan continues.', 'Plan working; continue and review.'],
	'closed-needs-met': ['Needs met; case closed with the family’s agreement.'],
	'stepped-up': ['Worries have grown; referred to children’s social care.'],
	'stepped-down': ['Family stepping down to universal services.']
};
const PART4_NOTES = [
	'Joint response agreed; agencies to report back.',
	'Agencies to share what they know and plan together.',
	'Awareness raised; response agreed.'
];
const SUPPORT = [
	'Family support worker to visit weekly',
	'Key adult in school',
	'Health visitor home visits',
	'Parenting course place',
	'Housing to review the tenancy',
	'Youth worker mentoring',
	'Referral to specialist service'
];
const PROGRESS: Record<NeedStatus, string[]> = {
	met: ['Much improved', 'No longer a worry', 'Goal reached'],
	'partly-met': ['Some improvement', 'Better, not yet settled', 'Engaging with support'],
	'not-met': ['No change yet', 'Waiting for a service', 'Family not engaging']
};
const CASE_ACTIONS = [
	'Home visit to agree the plan with the family',
	'Check attendance weekly and report back',
	'Refer for a health review',
	'Book a place at the children’s centre group',
	'Offer a housing options appointment',
	'Refer to the young carers service',
	'Arrange a debt and benefits check',
	'Refer for an emotional wellbeing assessment',
	'Make a speech and language referral',
	'Offer mentoring through the youth service',
	'Offer a place on the parenting course'
];
const ISSUE_ACTIONS = [
	'Map what is on offer and report back',
	'Plan a joint visit with partners',
	'Bring figures to the next meeting',
	'Arrange an awareness session for staff',
	'Raise with the council’s community safety team'
];
const DONE_NOTES = ['Done as agreed', 'Done; LP updated', 'Referral made and accepted'];
const PROGRESS_NOTES = ['Started; first contact made', 'Referral sent, awaiting reply'];
const CANNOT_NOTES: Record<CannotBeDoneReason, string> = {
	'circumstances-changed': 'Family moved on; no longer needed',
	'agency-could-not-act': 'No capacity in the team this term'
};
const CLOSED_NOTE = 'Closed at the actions review';

type Statements = Record<
	| 'times'
	| 'attendance'
	| 'gate'
	| 'outcome'
	| 'review'
	| 'needUpdate'
	| 'renewal'
	| 'statusChange'
	| 'caseState'
	| 'action'
	| 'actionUpdate'
	| 'deferral'
	| 'future',
	Statement
>;

export function prepareHistory(sqlite: SQLiteDatabase): Statements {
	const insert = (table: string, columns: string[]) =>
		sqlite.prepare(
			`insert into "${table}" (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
		);
	return {
		times: sqlite.prepare('update meeting set started_at = ?, concluded_at = ? where id = ?'),
		attendance: insert('attendance', [
			'meeting_id',
			'user_id',
			'name',
			'agency',
			'status',
			'confirmed_at',
			'confirmed_via',
			'recorded_by',
			'recorded_at'
		]),
		gate: insert('gate_check', [
			'meeting_id',
			'submission_id',
			'consent_id',
			'result',
			'checked_by',
			'checked_at'
		]),
		outcome: insert('outcome', [
			'submission_id',
			'meeting_id',
			'kind',
			'note',
			'agency',
			'lead_professional_id',
			'next_review_meeting_id',
			'taken_as_advice',
			'level_of_need',
			'recorded_by',
			'recorded_at'
		]),
		review: insert('review', ['submission_id', 'case_id', 'stuck']),
		needUpdate: insert('need_update', [
			'submission_id',
			'need_id',
			'status',
			'progress',
			'support'
		]),
		renewal: insert('consent', [
			'case_id',
			'kind',
			'replaces_consent_id',
			'given_by',
			'young_person',
			'signed_on',
			'covers_mag',
			'shared_with',
			'form_location',
			'recorded_by',
			'recorded_at'
		]),
		statusChange: insert('case_status_change', [
			'case_id',
			'status',
			'changed_by',
			'changed_at',
			'submission_id'
		]),
		// closed_at is set here, with the status: otherwise a trigger stamps the time of the run.
		caseState: sqlite.prepare(
			`update family_case set lead_professional_id = ?, status = ?, next_review_meeting_id = ?,
			closed_at = ? where id = ?`
		),
		action: insert('action', [
			'community_id',
			'meeting_id',
			'submission_id',
			'case_id',
			'description',
			'owner_id',
			'owner_name',
			'owner_agency',
			'due_date',
			'status',
			'created_by',
			'created_at',
			'completed_at'
		]),
		actionUpdate: insert('action_update', [
			'action_id',
			'kind',
			'note',
			'reason',
			'meeting_id',
			'recorded_by',
			'recorded_at'
		]),
		deferral: insert('item_deferral', [
			'submission_id',
			'from_meeting_id',
			'to_meeting_id',
			'reason',
			'deferred_by',
			'deferred_at'
		]),
		future: sqlite.prepare(
			`select id from meeting where community_id = ? and date >= ? and status != 'cancelled'
			order by date`
		)
	};
}

const iso = (ms: number) => new Date(ms).toISOString();
const idOf = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

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

export class AfterMeeting {
	private readonly shareDue = new Map<string, string>();

	constructor(
		private readonly s: Statements,
		private readonly rng: Random,
		/** YYYY-MM-DD: actions due before it have had their chance. */
		private readonly today: string,
		/** The levels of need, lowest first (levelsOfNeed()). */
		private readonly levels: readonly string[]
	) {}

	/** Starts on time or a few minutes late; about 1 in 5 overrun by 5 to 40 minutes. */
	times(date: string, lengthMinutes: number) {
		const { rng } = this;
		const startedAt = halfPastNine(date) + int(rng, 0, 5) * MINUTE;
		const over = rng() < 0.2 ? int(rng, 5, 40) : -int(rng, 0, 20);
		return { startedAt, concludedAt: startedAt + (lengthMinutes + over) * MINUTE };
	}

	start(community: Roster): CommunityHistory {
		const future = (this.s.future.all(community.id, community.anchor) as { id: number }[]).map(
			(m) => m.id
		);
		return { meetings: [], future, due: new Map() };
	}

	/** A new case's level at its CAF: mostly level 2 or 3a, rarely the top level. */
	cafLevel(): number {
		const top = this.levels.length - 1;
		if (top < 3) return int(this.rng, 0, top);
		return weighted(this.rng, [
			[0, 1],
			[1, 9],
			[2, 6],
			[3, 3]
		]);
	}

	/** What will become of a new case: how many reviews, and how it ends. */
	fate(): Pick<OpenCase, 'reviewsLeft' | 'fate'> {
		const { rng } = this;
		const r = rng();
		if (r < 0.1) return { fate: 'stepped-up', reviewsLeft: int(rng, 1, 3) };
		if (r < 0.25) return { fate: 'stepped-down', reviewsLeft: int(rng, 2, 4) };
		return { fate: 'closed-needs-met', reviewsLeft: pick(rng, REVIEW_COUNTS) };
	}

	/** The cases whose review is due at the meeting with this index. */
	dueAt(history: CommunityHistory, index: number): OpenCase[] {
		return history.due.get(index) ?? [];
	}

	private meetingIdAt(history: CommunityHistory, index: number): number | null {
		const past = history.meetings[index];
		if (past) return past.id;
		return history.future[index - history.meetings.length] ?? null;
	}

	private scheduleReview(history: CommunityHistory, index: number, familyCase: OpenCase) {
		const at = index + REVIEWS_APART;
		const list = history.due.get(at);
		if (list) list.push(familyCase);
		else history.due.set(at, [familyCase]);
		return this.meetingIdAt(history, at);
	}

	/** Everything from the register to the deferrals for one concluded meeting. */
	meeting(community: Roster, history: CommunityHistory, index: number, items: Item[]) {
		const { s, rng } = this;
		const meeting = history.meetings[index]!;
		history.due.delete(index);
		s.times.run(iso(meeting.startedAt), iso(meeting.concludedAt), meeting.id);
		this.register(community, meeting);
		const previous = history.meetings[index - 1];
		const span = meeting.concludedAt - meeting.startedAt - 10 * MINUTE;
		for (const [k, item] of items.entries()) {
			const at = meeting.startedAt + 5 * MINUTE + Math.floor(((k + 0.5) / items.length) * span);
			const recordedAt = iso(at + 4 * MINUTE);
			if (item.part === 1) this.advice(community, history, index, item, recordedAt);
			else if (item.part === 4) {
				s.outcome.run(
					item.submissionId,
					meeting.id,
					'agreed',
					pick(rng, PART4_NOTES),
					null,
					null,
					null,
					0,
					null,
					community.chair.id,
					recordedAt
				);
				for (
					let n = weighted(rng, [
						[0, 2],
						[1, 5],
						[2, 3]
					] as const);
					n > 0;
					n--
				)
					this.action(community, history, index, item, null, pick(rng, ISSUE_ACTIONS), recordedAt);
			} else {
				const familyCase = item.familyCase!;
				if (item.part === 3) this.renewConsentIfDue(familyCase, meeting.date);
				s.gate.run(
					meeting.id,
					item.submissionId,
					familyCase.consentId,
					'opened',
					community.chair.id,
					iso(at)
				);
				if (item.part === 2) this.newCaf(community, history, index, item, familyCase, recordedAt);
				else this.review(community, history, index, item, familyCase, recordedAt);
			}
			if (previous && item.deferred) {
				const reason = weighted(
					rng,
					item.part === 1 || item.part === 4 ? DEFERRAL_REASONS.slice(1) : DEFERRAL_REASONS
				);
				s.deferral.run(
					item.submissionId,
					previous.id,
					meeting.id,
					reason,
					community.chair.id,
					iso(previous.concludedAt - int(rng, 5, 60) * MINUTE)
				);
			}
		}
	}

	/** Open cases at the end of history keep their lead professional and their next review. */
	finish(history: CommunityHistory) {
		for (const [index, cases] of history.due)
			for (const familyCase of cases)
				this.s.caseState.run(
					familyCase.lead.id,
					'open',
					this.meetingIdAt(history, index),
					null,
					familyCase.caseId
				);
	}

	/** Everyone in the MAG: the chair and coordinator present; members mostly present. */
	private register(community: Roster, meeting: HistoryMeeting) {
		const { s, rng } = this;
		const recordedAt = iso(meeting.startedAt);
		const row = (person: Person, status: 'present' | 'apologies' | 'absent') =>
			s.attendance.run(
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

	private advice(
		community: Roster,
		history: CommunityHistory,
		index: number,
		item: Item,
		recordedAt: string
	) {
		const meeting = history.meetings[index]!;
		const { s, rng } = this;
		const r = rng();
		const kind = r < 0.55 ? 'advice-given' : r < 0.8 ? 'single-agency' : 'caf-offered';
		const agency =
			kind === 'single-agency' ? (pick(rng, community.members).agency ?? 'Family support') : null;
		s.outcome.run(
			item.submissionId,
			meeting.id,
			kind,
			kind === 'advice-given' ? pick(rng, ADVICE_NOTES) : '',
			agency,
			null,
			null,
			0,
			null,
			community.chair.id,
			recordedAt
		);
		if (kind === 'caf-offered')
			this.writeAction(
				community,
				history,
				index,
				item.submissionId,
				null,
				OFFER_CAF,
				item.submitter,
				shift(meeting.date, int(this.rng, 14, 28)),
				recordedAt
			);
	}

	/** Part 2: the lead professional agreed, support per need, the first review in 12 weeks. */
	private newCaf(
		community: Roster,
		history: CommunityHistory,
		index: number,
		item: Item,
		familyCase: OpenCase,
		recordedAt: string
	) {
		const { s, rng } = this;
		const meeting = history.meetings[index]!;
		const nextReview = this.scheduleReview(history, index, familyCase);
		s.outcome.run(
			item.submissionId,
			meeting.id,
			'agreed',
			pick(rng, PART2_NOTES),
			null,
			familyCase.lead.id,
			nextReview,
			0,
			null,
			community.chair.id,
			recordedAt
		);
		for (const needId of familyCase.needIds)
			s.needUpdate.run(item.submissionId, needId, null, null, pick(rng, SUPPORT));
		this.writeAction(
			community,
			history,
			index,
			item.submissionId,
			familyCase.caseId,
			SHARE_OUTCOME,
			familyCase.lead,
			this.shareOutcomeDue(meeting.date),
			recordedAt
		);
		for (let n = weighted(rng, ACTIONS_PER_ITEM); n > 0; n--)
			this.action(
				community,
				history,
				index,
				item,
				familyCase.caseId,
				pick(rng, CASE_ACTIONS),
				recordedAt
			);
	}

	/** Part 3: the review, each need's status, the decision, the level of need now. */
	private review(
		community: Roster,
		history: CommunityHistory,
		index: number,
		item: Item,
		familyCase: OpenCase,
		recordedAt: string
	) {
		const { s, rng } = this;
		const meeting = history.meetings[index]!;
		familyCase.reviewsLeft -= 1;
		const decision = familyCase.reviewsLeft > 0 ? 'continue' : familyCase.fate;
		s.review.run(item.submissionId, familyCase.caseId, rng() < 0.05 ? 1 : 0);
		for (const needId of familyCase.needIds) {
			const status = this.needStatus(decision);
			s.needUpdate.run(item.submissionId, needId, status, pick(rng, PROGRESS[status]), null);
		}
		familyCase.level = this.levelAfter(decision, familyCase.level);
		const nextReview =
			decision === 'continue' ? this.scheduleReview(history, index, familyCase) : null;
		s.outcome.run(
			item.submissionId,
			meeting.id,
			decision,
			pick(rng, PART3_NOTES[decision]),
			null,
			null,
			nextReview,
			0,
			this.levels[familyCase.level] ?? null,
			community.chair.id,
			recordedAt
		);
		const status = decision === 'continue' ? 'open' : decision;
		s.statusChange.run(
			familyCase.caseId,
			status,
			community.chair.id,
			recordedAt,
			item.submissionId
		);
		if (decision !== 'continue')
			s.caseState.run(familyCase.lead.id, status, null, recordedAt, familyCase.caseId);
		const actions =
			decision === 'continue'
				? weighted(rng, ACTIONS_PER_ITEM)
				: decision === 'closed-needs-met'
					? Number(rng() < 0.3)
					: 1;
		for (let n = actions; n > 0; n--)
			this.action(
				community,
				history,
				index,
				item,
				familyCase.caseId,
				pick(rng, CASE_ACTIONS),
				recordedAt
			);
	}

	private needStatus(decision: OpenCase['fate'] | 'continue'): NeedStatus {
		const r = this.rng();
		switch (decision) {
			case 'closed-needs-met':
				return r < 0.85 ? 'met' : 'partly-met';
			case 'stepped-down':
				return r < 0.5 ? 'met' : 'partly-met';
			case 'stepped-up':
				return r < 0.6 ? 'not-met' : 'partly-met';
			default:
				return r < 0.25 ? 'met' : r < 0.75 ? 'partly-met' : 'not-met';
		}
	}

	/** Mostly the same or one lower; stepping up goes to the top level, stepping down to the lowest. */
	private levelAfter(decision: OpenCase['fate'] | 'continue', level: number): number {
		const r = this.rng();
		const top = this.levels.length - 1;
		switch (decision) {
			case 'stepped-up':
				return top;
			case 'stepped-down':
				return 0;
			case 'closed-needs-met':
				return Math.max(0, r < 0.35 ? level : r < 0.95 ? level - 1 : level - 2);
			default:
				return Math.min(top - 1, Math.max(0, r < 0.6 ? level : r < 0.9 ? level - 1 : level + 1));
		}
	}

	/** Consent lasts 12 months: a family still supported renews it a few weeks before the review. */
	private renewConsentIfDue(familyCase: OpenCase, meetingDate: string) {
		if (familyCase.consentSignedOn > shift(meetingDate, -330)) return;
		const signedOn = shift(meetingDate, -int(this.rng, 7, 40));
		const { consent } = familyCase;
		familyCase.consentId = idOf(
			this.s.renewal.run(
				familyCase.caseId,
				'renewed',
				familyCase.consentId,
				consent.givenBy,
				consent.youngPerson,
				signedOn,
				1,
				consent.sharedWith,
				consent.formLocation,
				familyCase.lead.id,
				stampOn(signedOn, this.rng)
			)
		);
		familyCase.consentSignedOn = signedOn;
	}

	private shareOutcomeDue(date: string): string {
		let due = this.shareDue.get(date);
		if (!due) {
			due = addWorkingDays(date, SHARE_OUTCOME_WORKING_DAYS);
			this.shareDue.set(date, due);
		}
		return due;
	}

	/** An action for a member of the community, due 2 to 8 weeks after the meeting. */
	private action(
		community: Roster,
		history: CommunityHistory,
		index: number,
		item: Item,
		caseId: number | null,
		description: string,
		createdAt: string
	) {
		const owner = pick(this.rng, community.members);
		const due = shift(history.meetings[index]!.date, 7 * int(this.rng, 2, 8));
		this.writeAction(
			community,
			history,
			index,
			item.submissionId,
			caseId,
			description,
			owner,
			due,
			createdAt
		);
	}

	/**
	 * Writes an action and what became of it. Due before today: mostly done, some could not be done
	 * or were closed at a review, the rest still open (overdue); the poorly attending agency
	 * delivers worse. Not yet due: mostly open or in progress.
	 */
	private writeAction(
		community: Roster,
		history: CommunityHistory,
		index: number,
		submissionId: number,
		caseId: number | null,
		description: string,
		owner: Person,
		due: string,
		createdAt: string
	) {
		const { s, rng, today } = this;
		const meeting = history.meetings[index]!;
		// The first meeting after the due date reviews the action (when it has happened).
		let later = index + 1;
		while (history.meetings[later] && history.meetings[later]!.date <= due) later += 1;
		const review = history.meetings[later];
		const r = rng();
		const past = due < today;
		const [done, cannot, closed] = !past
			? [0.2, 0, 0]
			: owner.poor
				? [0.55, 0.12, 0.06]
				: [0.8, 0.06, 0.04];
		const meetingDay = isoToDays(meeting.date);
		const lastDay = isoToDays(today) - 1;
		// When it left the open list: between the meeting and a little after it was due.
		const finishedOn = () => {
			const day = Math.min(lastDay, int(rng, meetingDay + 1, isoToDays(due) + 10));
			return stampOn(shift(meeting.date, day - meetingDay), rng);
		};
		let status: string;
		let completedAt: string | null = null;
		let update: [kind: string, note: string, reason: string | null, by: number] | null = null;
		let decidedAt: number | null = null;
		if (r < done) {
			status = 'done';
			completedAt = finishedOn();
			update = ['done', pick(rng, DONE_NOTES), null, owner.id];
		} else if (r < done + cannot) {
			status = 'cannot-be-done';
			completedAt = finishedOn();
			const reason: CannotBeDoneReason =
				owner.poor || rng() < 0.4 ? 'agency-could-not-act' : 'circumstances-changed';
			update = ['cannot-be-done', CANNOT_NOTES[reason], reason, owner.id];
		} else if (r < done + cannot + closed && review) {
			status = 'closed';
			completedAt = iso(review.startedAt + int(rng, 10, 100) * MINUTE);
			update = ['closed', CLOSED_NOTE, null, community.chair.id];
			decidedAt = review.id;
		} else if (rng() < 0.5 && meeting.date < shift(today, -1)) {
			status = 'in-progress';
			update = ['progress', pick(rng, PROGRESS_NOTES), null, owner.id];
			completedAt = null;
		} else status = 'open';
		const actionId = idOf(
			s.action.run(
				community.id,
				meeting.id,
				submissionId,
				caseId,
				description,
				owner.id,
				owner.name,
				owner.agency ?? 'No agency',
				due,
				status,
				community.chair.id,
				createdAt,
				completedAt
			)
		);
		if (update) {
			const [kind, note, reason, by] = update;
			const at = completedAt ?? finishedOn();
			s.actionUpdate.run(actionId, kind, note, reason, decidedAt, by, at);
		}
	}
}
