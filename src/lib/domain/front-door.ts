/**
 * The front door's words (Cheshire East's model: most contacts are dealt with directly, many by
 * liaison with the case-holding social worker, some referred on; a few come to a MAG).
 */

export const CALLER_KINDS = {
	practitioner: 'Practitioner',
	'family-member': 'Family member',
	other: 'Someone else'
} as const;
export type CallerKind = keyof typeof CALLER_KINDS;

export const CONTACT_OUTCOMES = {
	advice: 'Advice given',
	liaison: 'Liaison with a named worker',
	referred: 'Referred to assessment',
	'brought-to-mag': 'Brought to a MAG'
} as const;
export type ContactOutcome = keyof typeof CONTACT_OUTCOMES;

/** The people one contact names: the child and up to two others (rows on the form). */
export const CONTACT_PEOPLE = 3;
