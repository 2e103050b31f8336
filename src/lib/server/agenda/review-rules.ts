import type { SubmissionStatus } from '../platform/schema';
import { formatMeetingDate } from '../../dates';

/**
 * The rules of a review (part 3) that need no database: which cases its lead professional may
 * bring, when the chair may put one on the agenda for them, and when a review is complete.
 */

/** An item still heading for a meeting: a review in one of these is not done yet. */
export const LIVE_STATUSES: SubmissionStatus[] = ['submitted', 'accepted', 'deferred'];

export interface CaseToReview {
	id: number;
	reference: string;
	initials: string;
	/** A review already waiting for a meeting, which the LP changes rather than adds again. */
	waitingReview: { itemId: number; meetingDate: string } | null;
}

/**
 * The cases a lead professional leads, as the review step offers them: those they may bring now,
 * and those with a review already waiting (shown with where it waits, not offered again).
 */
export function reviewChoices(cases: CaseToReview[]) {
	return {
		offered: cases.filter((c) => !c.waitingReview),
		waiting: cases
			.filter((c) => c.waitingReview)
			.map((c) => ({ reference: c.reference, initials: c.initials, ...c.waitingReview! }))
	};
}

/** The case chosen (its id as the form or address gave it), if its LP may bring it now. */
export function reviewableCase(cases: CaseToReview[], caseId: string | null) {
	return cases.find((c) => String(c.id) === caseId && !c.waitingReview);
}

/**
 * Whether the chair may put this case's review on this meeting's agenda: the case must have a
 * lead professional in this MAG, be open, and have no review already waiting (a second would only
 * be a duplicate). Gives back the meeting and case when it may, the reason when not.
 */
export function schedulable<
	Meeting extends { communityId: number },
	Case extends { reference: string; communityId: number; status: string }
>(
	meeting: Meeting | undefined,
	familyCase: Case | undefined,
	alreadyWaiting: boolean
): { ok: true; meeting: Meeting; familyCase: Case } | { ok: false; reason: string } {
	if (!meeting || !familyCase || familyCase.communityId !== meeting.communityId)
		return { ok: false, reason: 'That case has no lead professional in this MAG' };
	if (familyCase.status !== 'open') return { ok: false, reason: 'That case is closed' };
	if (alreadyWaiting)
		return { ok: false, reason: `A review of ${familyCase.reference} is already waiting` };
	return { ok: true, meeting, familyCase };
}

/** What the lead professional is told of a review the chair scheduled: by reference only. */
export function scheduledReviewNotice(reference: string, meetingDate: string): string {
	return (
		`A review of ${reference}, a case you lead, is on the agenda for the MAG ` +
		`meeting on ${formatMeetingDate(meetingDate)}. Say how each need is going before ` +
		`the agenda is published.`
	);
}

/** A review is complete once its lead professional has given every need a status and progress. */
export function isComplete(needs: { status: string | null; progress: string | null }[]): boolean {
	return needs.every((need) => need.status !== null && need.progress !== null);
}
