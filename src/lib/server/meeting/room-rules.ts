import type { GateState } from './consent-gate';

/**
 * What the room allows for the item on screen, by its consent gate (docs/domain.md, "The consent
 * gate"): a family item (part 2 or 3) is discussed only once the chair has opened the gate; if it
 * is refused the item is deferred, withdrawn, or taken anonymously as advice. None of these rules
 * needs the database.
 */

/** The item's family as the room's rules see it: its gate, and whether this reader knows them. */
export interface FamilyAtTheGate {
	gate: GateState;
	/** The reader may identify the family here: the gate is open and they agreed the statement. */
	identified: boolean;
}

export type OutcomeRefusal = 'gate-shut' | 'advice-while-gate-open' | 'not-agreed';

/**
 * Whether an outcome may be recorded for an item, or why not. A family item's outcome is recorded
 * through the open gate, or, while it is shut, anonymously as advice; recording a family's outcome
 * is part of discussing them, so only for someone in the room who agreed the statement.
 */
export function outcomeRefusal(item: {
	familyItem: boolean;
	gate: GateState | null;
	asAdvice: boolean;
	agreed: boolean;
}): OutcomeRefusal | null {
	if (!item.familyItem) return null;
	if (item.gate !== 'opened' && !item.asAdvice) return 'gate-shut';
	if (item.gate === 'opened' && item.asAdvice) return 'advice-while-gate-open';
	if (!item.asAdvice && !item.agreed) return 'not-agreed';
	return null;
}

/**
 * The case an action agreed in the room is about. Open actions follow the case into its next
 * review (docs/domain.md, "Rules the software holds"), but only when the family was discussed
 * openly: an action on a family item taken as advice, or on an anonymous item, has no case.
 */
export function actionCase(
	family: { caseId: number } | undefined,
	gate: GateState | null
): number | null {
	return family && gate === 'opened' ? family.caseId : null;
}

export type WithdrawalRefusal = 'not-a-family-item' | 'gate-open';

/** A family item whose gate has not opened may be withdrawn in the room; an open one gets an outcome. */
export function withdrawalRefusal(part: number, gate: GateState): WithdrawalRefusal | null {
	if (part !== 2 && part !== 3) return 'not-a-family-item';
	if (gate === 'opened') return 'gate-open';
	return null;
}

/**
 * What the room offers the reader for the item on screen. The chair, having agreed the statement,
 * checks the consent at a closed gate. While a family's gate is not open the organisers may defer
 * the item, and once it is refused withdraw it or take it anonymously as advice. The outcome form
 * is offered for an anonymous item, a refused gate (as advice) and an open one to those who know
 * the family; actions are added only where the item is anonymous or its gate is open.
 */
export function itemOffers(
	reader: { organiser: boolean; isChair: boolean; confirmed: boolean },
	family: FamilyAtTheGate | null
) {
	const gateShut = family !== null && family.gate !== 'opened';
	const outcome =
		reader.organiser &&
		(!family || family.gate === 'refused' || (family.gate === 'opened' && family.identified));
	return {
		openGate: reader.isChair && reader.confirmed && family?.gate === 'closed',
		defer: reader.organiser && gateShut,
		withdraw: reader.organiser && gateShut && family.gate === 'refused',
		outcome,
		asAdvice: family?.gate === 'refused',
		addAction: outcome && (!family || family.gate === 'opened')
	};
}

export type ItemOffers = ReturnType<typeof itemOffers>;

/** The actions review as the room's first item sees it (docs/domain.md: overdue actions are reviewed at the start of the meeting). */
export interface ActionsReviewState {
	/** Overdue actions from earlier meetings with no decision yet in this meeting. */
	undecided: number;
	/** The chair chose "Review them later" (recorded and audited). */
	reviewLater: boolean;
}

export type TakeRefusal = { reason: 'actions-undecided'; undecided: number };

/**
 * Whether the chair may take an item, or why not: the first item waits for the actions review
 * unless every overdue action has a decision or the chair chose to review them later. Once an item
 * has been taken the review no longer holds the room up.
 */
export function takeRefusal(
	review: ActionsReviewState,
	itemsTakenSoFar: number
): TakeRefusal | null {
	if (itemsTakenSoFar > 0 || review.reviewLater || review.undecided <= 0) return null;
	return { reason: 'actions-undecided', undecided: review.undecided };
}

/** The refusal's words for the chair, saying how many actions wait (the page links to the review). */
export function takeRefusalMessage(refusal: TakeRefusal): string {
	const n = refusal.undecided;
	return `${n} overdue ${n === 1 ? 'action is' : 'actions are'} still undecided: review ${n === 1 ? 'it' : 'them'} first, or choose to review them later`;
}

/** What is still open when the chair asks to conclude the meeting, one line each. */
export interface StillOpen {
	itemsNotTaken: number;
	actionsUndecided: number;
	attendanceNotRecorded: number;
}

/** The lines the conclude confirmation lists; empty when nothing is left open. */
export function stillOpenAtConclusion(open: StillOpen): string[] {
	const lines: string[] = [];
	const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
	if (open.itemsNotTaken > 0)
		lines.push(`${count(open.itemsNotTaken, 'agenda item', 'agenda items')} not taken`);
	if (open.actionsUndecided > 0)
		lines.push(`${count(open.actionsUndecided, 'overdue action', 'overdue actions')} undecided`);
	if (open.attendanceNotRecorded > 0)
		lines.push(
			`Attendance not recorded for ${count(open.attendanceNotRecorded, 'person', 'people')}`
		);
	return lines;
}
