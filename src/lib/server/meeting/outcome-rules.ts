import type { CaseStatus, NeedStatus } from '../platform/schema';
import { addWorkingDays } from '../../calendar/working-days';
import { ADVICE_OUTCOMES, type ReviewDecision } from '../../domain/outcomes';
import { SHARE_OUTCOME_WORKING_DAYS } from '../../domain/limits';
import { type ActionInput } from '../actions/action-form';

/**
 * An item's outcome, by the part of the agenda it is on (docs/domain.md, "The four-part agenda"),
 * and the rules of what it records: none of them needs the database.
 */
export type OutcomeInput =
	| {
			kind: keyof typeof ADVICE_OUTCOMES;
			note: string;
			agency: string | null;
			offer: ActionInput | null;
			takenAsAdvice: boolean;
	  }
	| {
			kind: 'agreed';
			part: 2;
			note: string;
			support: Record<number, string>;
			leadProfessionalId: number;
			nextReviewMeetingId: number;
	  }
	| {
			kind: ReviewDecision;
			part: 3;
			note: string;
			needStatuses: Record<number, NeedStatus>;
			nextReviewMeetingId: number | null;
			/** The family's level of need now, as the group agrees it (one of levelsOfNeed()). */
			levelOfNeed: string;
	  }
	| { kind: 'agreed'; part: 4; note: string };

/** Which outcome an item takes: advice (part 1, or a family item taken anonymously as advice),
 * a new CAF's support, a review's decision, or a community issue's response. */
export type OutcomeShape = 'advice' | 'new-caf' | 'review' | 'community-issue';

export function outcomeShape(part: 1 | 2 | 3 | 4, asAdvice: boolean): OutcomeShape {
	if (part === 1 || asAdvice) return 'advice';
	if (part === 2) return 'new-caf';
	if (part === 3) return 'review';
	return 'community-issue';
}

/**
 * An anonymous item's outcome is read by every member in the minutes, so its note is screened as
 * the item was; a family's note is shown only to those the consent gate opened for.
 */
export function isAnonymousOutcome(part: 1 | 2 | 3 | 4, asAdvice: boolean): boolean {
	return part === 1 || part === 4 || asAdvice;
}

/** One of the three answers to a request for advice (part 1, or a family item taken as advice). */
export function isAdviceOutcome(kind: string): kind is keyof typeof ADVICE_OUTCOMES {
	return Object.hasOwn(ADVICE_OUTCOMES, kind);
}

/** The outcome's own record: what each kind of outcome fills in, the rest left empty. */
export function outcomeColumns(input: OutcomeInput) {
	return {
		kind: input.kind,
		note: input.note,
		agency: 'agency' in input ? input.agency : null,
		lead_professional_id: 'leadProfessionalId' in input ? input.leadProfessionalId : null,
		next_review_meeting_id: 'nextReviewMeetingId' in input ? input.nextReviewMeetingId : null,
		taken_as_advice: 'takenAsAdvice' in input && input.takenAsAdvice ? 1 : 0,
		level_of_need: 'levelOfNeed' in input ? input.levelOfNeed : null
	};
}

/** A review's decision sets the case's status: "continue" keeps it open. */
export function caseStatusAfterReview(decision: ReviewDecision): CaseStatus {
	return decision === 'continue' ? 'open' : decision;
}

/**
 * Every family supported has a lead professional (docs/domain.md), who shares the outcome with the
 * family within five working days of the meeting.
 */
export function shareOutcomeDue(meetingDate: string, closures: ReadonlySet<string>): string {
	return addWorkingDays(meetingDate, SHARE_OUTCOME_WORKING_DAYS, closures);
}
