/**
 * What the meeting decided on each item, as the app records it (docs/domain.md: the four-part
 * agenda): advice, the support agreed on a new CAF with its lead professional, a review's decision
 * and level of need, and the case's status over time.
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { NeedStatus } from '../../../src/lib/server/platform/schema';
import type { OpenCase } from '../families';
import { pick, weighted, type Random } from '../random';
import { insertInto } from '../rows';
import type { Actions } from './actions';
import { scheduleReview, type Discussion } from './community';

/** A review's decision: the plan continues, or the case ends as its fate says. */
type Decision = OpenCase['fate'] | 'continue';

/** Actions agreed on a family item (besides sharing the outcome): 1 to 3, mostly 1 or 2. */
const ACTIONS_PER_ITEM: [number, number][] = [
	[1, 5],
	[2, 4],
	[3, 1]
];
/** Actions agreed on a community issue: none to 2, mostly 1. */
const ISSUE_ACTIONS_PER_ITEM: [number, number][] = [
	[0, 2],
	[1, 5],
	[2, 3]
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
const PART3_NOTES: Record<Decision, string[]> = {
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

export class Outcomes {
	private readonly insertOutcome: Statement;
	private readonly insertReview: Statement;
	private readonly insertNeedUpdate: Statement;
	private readonly insertStatusChange: Statement;
	private readonly updateCase: Statement;

	constructor(
		sqlite: SQLiteDatabase,
		private readonly rng: Random,
		/** The levels of need, lowest first (levelsOfNeed()). */
		private readonly levels: readonly string[],
		private readonly actions: Actions
	) {
		this.insertOutcome = insertInto(sqlite, 'outcome', [
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
		]);
		this.insertReview = insertInto(sqlite, 'review', ['submission_id', 'case_id', 'stuck']);
		this.insertNeedUpdate = insertInto(sqlite, 'need_update', [
			'submission_id',
			'need_id',
			'status',
			'progress',
			'support'
		]);
		this.insertStatusChange = insertInto(sqlite, 'case_status_change', [
			'case_id',
			'status',
			'changed_by',
			'changed_at',
			'submission_id'
		]);
		// closed_at is set here, with the status: otherwise a trigger stamps the time of the run.
		this.updateCase = sqlite.prepare(
			`update family_case set lead_professional_id = ?, status = ?, next_review_meeting_id = ?,
			closed_at = ? where id = ?`
		);
	}

	/** Part 1: advice given, a single agency's response, or a CAF to be offered by whoever brought it. */
	advice(discussion: Discussion) {
		const { rng } = this;
		const r = rng();
		const kind = r < 0.55 ? 'advice-given' : r < 0.8 ? 'single-agency' : 'caf-offered';
		const agency =
			kind === 'single-agency'
				? (pick(rng, discussion.community.members).agency ?? 'Family support')
				: null;
		this.record(discussion, kind, kind === 'advice-given' ? pick(rng, ADVICE_NOTES) : '', {
			agency
		});
		if (kind === 'caf-offered') this.actions.offerCaf(discussion);
	}

	/** Part 4: a joint response agreed, with its actions. */
	communityIssue(discussion: Discussion) {
		this.record(discussion, 'agreed', pick(this.rng, PART4_NOTES));
		this.actions.agree(discussion, null, weighted(this.rng, ISSUE_ACTIONS_PER_ITEM));
	}

	/** Part 2: the lead professional agreed, support per need, the first review in 12 weeks. */
	newCaf(discussion: Discussion, familyCase: OpenCase) {
		const { rng } = this;
		const { history, index, item } = discussion;
		const nextReview = scheduleReview(history, index, familyCase);
		this.record(discussion, 'agreed', pick(rng, PART2_NOTES), {
			lead: familyCase.lead.id,
			nextReview
		});
		for (const needId of familyCase.needIds)
			this.insertNeedUpdate.run(item.submissionId, needId, null, null, pick(rng, SUPPORT));
		this.actions.shareOutcome(discussion, familyCase);
		this.actions.agree(discussion, familyCase.caseId, weighted(rng, ACTIONS_PER_ITEM));
	}

	/** Part 3: the review, each need's status, the decision, the level of need now. */
	review(discussion: Discussion, familyCase: OpenCase) {
		const { rng } = this;
		const { community, history, index, item, recordedAt } = discussion;
		familyCase.reviewsLeft -= 1;
		const decision: Decision = familyCase.reviewsLeft > 0 ? 'continue' : familyCase.fate;
		this.insertReview.run(item.submissionId, familyCase.caseId, rng() < 0.05 ? 1 : 0);
		for (const needId of familyCase.needIds) {
			const status = this.needStatus(decision);
			this.insertNeedUpdate.run(
				item.submissionId,
				needId,
				status,
				pick(rng, PROGRESS[status]),
				null
			);
		}
		familyCase.level = this.levelAfter(decision, familyCase.level);
		const nextReview = decision === 'continue' ? scheduleReview(history, index, familyCase) : null;
		this.record(discussion, decision, pick(rng, PART3_NOTES[decision]), {
			nextReview,
			level: this.levels[familyCase.level] ?? null
		});
		const status = decision === 'continue' ? 'open' : decision;
		this.insertStatusChange.run(
			familyCase.caseId,
			status,
			community.chair.id,
			recordedAt,
			item.submissionId
		);
		if (decision !== 'continue')
			this.updateCase.run(familyCase.lead.id, status, null, recordedAt, familyCase.caseId);
		const actions =
			decision === 'continue'
				? weighted(rng, ACTIONS_PER_ITEM)
				: decision === 'closed-needs-met'
					? Number(rng() < 0.3)
					: 1;
		this.actions.agree(discussion, familyCase.caseId, actions);
	}

	/** A case still open when the history ends keeps its lead professional and its next review. */
	leaveOpen(familyCase: OpenCase, nextReview: number | null) {
		this.updateCase.run(familyCase.lead.id, 'open', nextReview, null, familyCase.caseId);
	}

	/** The item's outcome, recorded by the chair when the meeting decided it. */
	private record(
		{ community, meeting, item, recordedAt }: Discussion,
		kind: string,
		note: string,
		{
			agency = null,
			lead = null,
			nextReview = null,
			level = null
		}: {
			agency?: string | null;
			lead?: number | null;
			nextReview?: number | null;
			level?: string | null;
		} = {}
	) {
		this.insertOutcome.run(
			item.submissionId,
			meeting.id,
			kind,
			note,
			agency,
			lead,
			nextReview,
			0,
			level,
			community.chair.id,
			recordedAt
		);
	}

	private needStatus(decision: Decision): NeedStatus {
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
	private levelAfter(decision: Decision, level: number): number {
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
}
