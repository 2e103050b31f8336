import { addMonths, subMonths, format } from 'date-fns';
import { config } from '../platform/config';
import { freeTextProblem, type FreeTextRule } from '../http/forms';
import { TEXT_LIMITS } from '../../domain/text-limits';

/**
 * The consent gate's first check, at submission: a new CAF goes into part 2 only with a signed,
 * in-date consent that covers discussion at this MAG (docs/domain.md, "The consent gate"). The chair checks
 * it again in the meeting before anyone sees the family's details.
 *
 * "In date" is taken as signed within the 12 months before the meeting (`CONSENT_VALID_MONTHS`):
 * the usual life of an Early Help consent form, after which it must be renewed before the family is
 * discussed again.
 */
export const CONSENT_VALID_MONTHS = config.consentValidMonths;

/** The last meeting date a consent signed on `signedOn` is in date for. */
export function consentValidUntil(signedOn: string, validMonths = CONSENT_VALID_MONTHS): string {
	return format(addMonths(new Date(`${signedOn}T12:00:00Z`), validMonths), 'yyyy-MM-dd');
}

export interface ConsentFacts {
	signedOn: string;
	coversMag: boolean;
	withdrawnOn?: string | null;
}

export type ConsentVerdict = { valid: true } | { valid: false; reason: string };

export function consentForMeeting(
	consent: ConsentFacts,
	meetingDate: string,
	today: string,
	validMonths = CONSENT_VALID_MONTHS
): ConsentVerdict {
	if (consent.withdrawnOn) return { valid: false, reason: 'the family has withdrawn consent' };
	if (consent.signedOn > today)
		return { valid: false, reason: 'the consent is dated in the future' };
	const oldest = format(subMonths(new Date(`${meetingDate}T12:00:00Z`), validMonths), 'yyyy-MM-dd');
	if (consent.signedOn < oldest) {
		return {
			valid: false,
			reason: `the consent was signed more than ${validMonths} months before the meeting: the consent must be renewed`
		};
	}
	if (!consent.coversMag)
		return { valid: false, reason: 'the consent does not cover discussion at this MAG' };
	return { valid: true };
}

/**
 * The free-text facts of consent, asked with a new CAF and at each renewal. They identify the
 * family and are shown only behind the consent gate, so they are not screened, but each has a
 * limit.
 */
const CONSENT_TEXT = {
	givenBy: {
		missing: 'Enter who gave consent',
		limit: TEXT_LIMITS.consentGivenBy,
		label: 'Who gave consent'
	},
	formLocation: {
		missing: 'Enter where the signed consent form is kept',
		limit: TEXT_LIMITS.consentFormLocation,
		label: 'Where the signed consent form is kept'
	}
} satisfies Record<string, FreeTextRule>;

/** What is wrong with one of consent's free-text fields, or null. */
export function consentTextProblem(field: keyof typeof CONSENT_TEXT, value: string): string | null {
	return freeTextProblem(value, CONSENT_TEXT[field]);
}
