/**
 * The words used to describe a family on a new CAF and on an anonymous request (docs/domain.md:
 * the family, the CAF and its needs).
 */
import type { NeedDomain } from '../server/platform/schema';

/** The age bands an anonymous request (part 1) gives instead of a date of birth. */
export const AGE_BANDS = [
	'Unborn',
	'Under 2',
	'2 to 4',
	'5 to 10',
	'11 to 15',
	'16 to 19'
] as const;

/** How each member of the household is related to the family, as the CAF form offers it. */
export const RELATIONSHIPS = [
	'Child',
	'Young person',
	'Mother',
	'Father',
	'Carer',
	'Grandparent',
	'Other adult'
] as const;

/** The three sides of the assessment triangle a need belongs to. */
export const NEED_DOMAINS: Record<NeedDomain, string> = {
	development: 'The child’s development',
	parenting: 'Parenting capacity',
	'family-environment': 'Family and environment'
};

/** How a family came to early help (the ways-in report counts them). */
export const WAYS_IN = [
	'New CAF',
	'Step down from child in need',
	'Step down from child protection',
	'Below threshold after assessment',
	'From the front door',
	'Stuck early help case',
	'Identified through family data'
] as const;

/** Whether a young person agreed to the sharing themselves. */
export type YoungPersonConsent = 'yes' | 'no' | 'not-of-age';
export const YOUNG_PERSON_CONSENT: Record<YoungPersonConsent, string> = {
	yes: 'Yes',
	no: 'No',
	'not-of-age': 'Not of an age to consent'
};

/** Halton's levels of need, the default when a council sets none of its own (LEVELS_OF_NEED). */
export const DEFAULT_LEVELS_OF_NEED = '1,2,3a,3b,4';

/**
 * The most family members and needs one CAF holds: a household the size of the largest the
 * councils' CAFs record, and more needs than a two-hour meeting could take for one family.
 */
export const CAF_MEMBER_LIMIT = 12;
export const CAF_NEED_LIMIT = 12;

/**
 * Who the family agreed may know about them (docs/domain.md, "Consent that says who may know"):
 * every agency at the MAG, or only the agencies the consent names. Members from any other agency
 * see the reference and initials only, even in the room with the gate open.
 */
export const CONSENT_SHARING = {
	all: 'All agencies at this MAG',
	chosen: 'Only the agencies chosen below'
} as const;
export type ConsentSharingChoice = keyof typeof CONSENT_SHARING;

/** A consent's sharing as the form's fields, to change it (a renewal starts from it). */
export function sharingFormValues(sharing: {
	allAgencies: boolean;
	agencies: readonly { id: number }[];
	partnerChecks: boolean;
}): Record<string, string> {
	return {
		sharesWith: sharing.allAgencies ? 'all' : 'chosen',
		agencies: sharing.agencies.map((a) => a.id).join(','),
		partnerChecks: sharing.partnerChecks ? 'yes' : 'no'
	};
}

/** The consent's words for the agencies it covers: "All agencies at this MAG", or their names. */
export function sharingWords(agencies: 'all' | readonly string[]): string {
	if (agencies === 'all') return CONSENT_SHARING.all;
	return agencies.length > 0 ? agencies.join(', ') : 'No agency beyond those who bring the family';
}
