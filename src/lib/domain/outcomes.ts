/** What a meeting can decide about an item, in the words the room, minutes and case record use. */
import type { AgendaPart } from '../server/platform/schema';

/** Part 1 (and an item taken as advice): the three answers to a request for advice. */
export const ADVICE_OUTCOMES = {
	'advice-given': 'Advice given',
	'single-agency': 'Single-agency response agreed',
	'caf-offered': 'CAF to be offered'
} as const;

/** Part 3: what a review decides for the case. */
export const REVIEW_DECISION_KINDS = [
	'continue',
	'closed-needs-met',
	'stepped-up',
	'stepped-down'
] as const;
export type ReviewDecision = (typeof REVIEW_DECISION_KINDS)[number];
export const REVIEW_DECISIONS: Record<ReviewDecision, string> = {
	continue: 'Continue',
	'closed-needs-met': 'Close: needs met',
	'stepped-up': 'Step up to children’s social care',
	'stepped-down': 'Step down to universal services'
};

/** The lead professional's first action once support is agreed: share the outcome with the family. */
export const SHARE_OUTCOME = 'Share the outcome of the MAG discussion with the family';
/** The action a part 1 item gets when the meeting advises offering the family a CAF. */
export const OFFER_CAF = 'Offer the family a CAF';

const isAdvice = (kind: string): kind is keyof typeof ADVICE_OUTCOMES =>
	Object.hasOwn(ADVICE_OUTCOMES, kind);
const isReviewDecision = (kind: string): kind is ReviewDecision =>
	Object.hasOwn(REVIEW_DECISIONS, kind);

/** An item's outcome as the minutes name it ("Response agreed" for a community issue). */
export function outcomeWords(part: AgendaPart, kind: string | null): string {
	if (kind === null) return 'No outcome recorded';
	if (isAdvice(kind)) return ADVICE_OUTCOMES[kind];
	if (isReviewDecision(kind)) return REVIEW_DECISIONS[kind];
	if (kind === 'agreed') return part === 4 ? 'Response agreed' : 'Support agreed';
	const words = kind.replaceAll('-', ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An outcome in a case's history, where a family item taken as advice says so. */
export function caseHistoryOutcome(kind: string | null): string | null {
	if (kind === null) return null;
	if (kind === 'agreed') return 'Support agreed';
	if (isAdvice(kind)) return `Taken as advice: ${ADVICE_OUTCOMES[kind]}`;
	return isReviewDecision(kind) ? REVIEW_DECISIONS[kind] : kind;
}
