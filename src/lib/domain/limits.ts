/** The numbers of the MAG model (docs/domain.md, "The numbers"), each written once. */

/** About 15 family items fit in a two-hour MAG (~15 CAFs per meeting). */
export const FAMILY_ITEM_LIMIT = 15;

/** Items are submitted at least five working days before the meeting. */
export const SUBMISSION_DEADLINE_WORKING_DAYS = 5;

/** The lead professional shares the meeting's outcome with the family within five working days. */
export const SHARE_OUTCOME_WORKING_DAYS = 5;

/** A new CAF is reviewed at the meeting after next unless the chair picks another. */
export const NEXT_REVIEW_AFTER_MEETINGS = 2;

/** A consent signed longer ago than this before a meeting must be renewed first. */
export const CONSENT_VALID_MONTHS = 12;

/** How far ahead "due soon" looks on My actions. */
export const DUE_SOON_DAYS = 14;

/** An action marked done can be reopened by its owner or the MAG's chair for this many days. */
export const REOPEN_WITHIN_DAYS = 14;

/**
 * Herefordshire's lead professionals each hold 12 to 15 open cases: the group picks the best lead
 * worker knowing who has room (docs/domain.md).
 */
export const LEAD_PROFESSIONAL_CASELOAD = { from: 12, to: 15 } as const;

/**
 * A family coming back within this many months of their case closing is flagged as a return
 * (the Marac repeat rule, Halton; docs/domain.md).
 */
export const RETURN_WITHIN_MONTHS = 12;
