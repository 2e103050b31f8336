/**
 * What an action is about, said without naming anyone (docs/domain.md: circulated agendas,
 * calendars and emails carry references, never names): a case reference, "Advice" for an item
 * taken anonymously, the community issue's title, or "General" for the meeting as a whole.
 */

/** Actions not tied to one item (the room may add them for the meeting as a whole). */
export const GENERAL_REFERENCE = 'General';
export const ADVICE_REFERENCE = 'Advice';

/** The facts a reference is made from, as withActionReference (queries.ts) selects them. */
export interface ReferenceFacts {
	submissionId: number | null;
	part: number | null;
	actionCaseReference: string | null;
	itemCaseReference: string | null;
	takenAsAdvice: number | null;
	issueTitle: string | null;
}

export function referenceOf(row: ReferenceFacts): string {
	if (row.actionCaseReference) return row.actionCaseReference;
	if (row.submissionId === null) return GENERAL_REFERENCE;
	if (row.part === 4) return row.issueTitle ?? 'Community issue';
	// A family item taken anonymously as advice stays anonymous in the action list too.
	if (row.part === 1 || row.takenAsAdvice === 1 || !row.itemCaseReference) return ADVICE_REFERENCE;
	return row.itemCaseReference;
}
