/**
 * The actions agreed on each item and what became of them (docs/domain.md: every action has an
 * owner, a person and their agency, and a due date; overdue ones are reviewed at the next meeting).
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type {
	ActionStatus,
	ActionUpdateKind,
	CannotBeDoneReason
} from '../../../src/lib/server/platform/schema';
import { addWorkingDays } from '../../../src/lib/calendar/working-days';
import { OFFER_CAF, SHARE_OUTCOME } from '../../../src/lib/domain/outcomes';
import { SHARE_OUTCOME_WORKING_DAYS } from '../../../src/lib/domain/limits';
import { iso, isoToDays, MINUTE, shift, stampOn } from '../days';
import type { OpenCase } from '../families';
import { int, pick, type Random } from '../random';
import { idOf, insertInto } from '../rows';
import type { Person } from '../rosters';
import type { Discussion } from './community';

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

export class Actions {
	private readonly insertAction: Statement;
	private readonly insertUpdate: Statement;
	private readonly shareDue = new Map<string, string>();

	constructor(
		sqlite: SQLiteDatabase,
		private readonly rng: Random,
		/** YYYY-MM-DD: actions due before it have had their chance. */
		private readonly today: string
	) {
		this.insertAction = insertInto(sqlite, 'action', [
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
		]);
		this.insertUpdate = insertInto(sqlite, 'action_update', [
			'action_id',
			'kind',
			'note',
			'reason',
			'meeting_id',
			'recorded_by',
			'recorded_at'
		]);
	}

	/** `count` actions for members of the community: on the family's case, or on a community issue. */
	agree(discussion: Discussion, caseId: number | null, count: number) {
		const descriptions = caseId === null ? ISSUE_ACTIONS : CASE_ACTIONS;
		for (let n = count; n > 0; n--)
			this.forMember(discussion, caseId, pick(this.rng, descriptions));
	}

	/** The lead professional shares the outcome with the family within five working days. */
	shareOutcome(discussion: Discussion, familyCase: OpenCase) {
		this.write(
			discussion,
			familyCase.caseId,
			SHARE_OUTCOME,
			familyCase.lead,
			this.shareOutcomeDue(discussion.meeting.date)
		);
	}

	/** Part 1: whoever brought the worry offers the family a CAF within two to four weeks. */
	offerCaf(discussion: Discussion) {
		this.write(
			discussion,
			null,
			OFFER_CAF,
			discussion.item.submitter,
			shift(discussion.meeting.date, int(this.rng, 14, 28))
		);
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
	private forMember(discussion: Discussion, caseId: number | null, description: string) {
		const owner = pick(this.rng, discussion.community.members);
		const due = shift(discussion.meeting.date, 7 * int(this.rng, 2, 8));
		this.write(discussion, caseId, description, owner, due);
	}

	/** Writes an action and what became of it (followUp). */
	private write(
		discussion: Discussion,
		caseId: number | null,
		description: string,
		owner: Person,
		due: string
	) {
		const { community, meeting, item, recordedAt } = discussion;
		const { status, completedAt, update } = followUp(this.rng, this.today, discussion, owner, due);
		const actionId = idOf(
			this.insertAction.run(
				community.id,
				meeting.id,
				item.submissionId,
				caseId,
				description,
				owner.id,
				owner.name,
				owner.agency ?? 'No agency',
				due,
				status,
				community.chair.id,
				recordedAt,
				completedAt
			)
		);
		if (update) {
			const { kind, note, reason, decidedAt, by, at } = update;
			this.insertUpdate.run(actionId, kind, note, reason, decidedAt, by, at);
		}
	}
}

/** An action's status now, and the entry in its history that says how it got there. */
export interface FollowUp {
	status: ActionStatus;
	completedAt: string | null;
	update: {
		kind: ActionUpdateKind;
		note: string;
		reason: CannotBeDoneReason | null;
		/** The meeting that closed it at its actions review. */
		decidedAt: number | null;
		by: number;
		at: string;
	} | null;
}

/**
 * What became of an action. Due before today: mostly done, some could not be done or were closed
 * at a review, the rest still open (overdue); the poorly attending agency delivers worse. Not yet
 * due: mostly open or in progress.
 */
export function followUp(
	rng: Random,
	today: string,
	{
		community,
		history,
		index,
		meeting
	}: Pick<Discussion, 'community' | 'history' | 'index' | 'meeting'>,
	owner: Person,
	due: string
): FollowUp {
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
	const entry = (
		kind: ActionUpdateKind,
		note: string,
		by: Person,
		at: string,
		reason: CannotBeDoneReason | null = null,
		decidedAt: number | null = null
	) => ({ kind, note, reason, decidedAt, by: by.id, at });
	if (r < done) {
		const completedAt = finishedOn();
		return {
			status: 'done',
			completedAt,
			update: entry('done', pick(rng, DONE_NOTES), owner, completedAt)
		};
	}
	if (r < done + cannot) {
		const completedAt = finishedOn();
		const reason: CannotBeDoneReason =
			owner.poor || rng() < 0.4 ? 'agency-could-not-act' : 'circumstances-changed';
		return {
			status: 'cannot-be-done',
			completedAt,
			update: entry('cannot-be-done', CANNOT_NOTES[reason], owner, completedAt, reason)
		};
	}
	if (r < done + cannot + closed && review) {
		const completedAt = iso(review.startedAt + int(rng, 10, 100) * MINUTE);
		return {
			status: 'closed',
			completedAt,
			update: entry('closed', CLOSED_NOTE, community.chair, completedAt, null, review.id)
		};
	}
	if (rng() < 0.5 && meeting.date < shift(today, -1)) {
		const note = pick(rng, PROGRESS_NOTES);
		return {
			status: 'in-progress',
			completedAt: null,
			update: entry('progress', note, owner, finishedOn())
		};
	}
	return { status: 'open', completedAt: null, update: null };
}
