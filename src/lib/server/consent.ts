import { subMonths, format } from 'date-fns';

/**
 * The consent gate's first check, at submission: a new CAF goes into part 2 only with a signed,
 * in-date consent that covers discussion at this MAG (DOMAIN.md, "The consent gate"). The chair checks
 * it again in the meeting before anyone sees the family's details.
 *
 * "In date" is taken as signed within the 12 months before the meeting: the usual life of an Early
 * Help consent form, after which it is renewed at review.
 */
export const CONSENT_VALID_MONTHS = 12;

export interface ConsentFacts {
	signedOn: string;
	coversMag: boolean;
	withdrawnOn?: string | null;
}

export type ConsentVerdict = { valid: true } | { valid: false; reason: string };

export function consentForMeeting(
	consent: ConsentFacts,
	meetingDate: string,
	today: string
): ConsentVerdict {
	if (consent.withdrawnOn) return { valid: false, reason: 'the family has withdrawn consent' };
	if (consent.signedOn > today)
		return { valid: false, reason: 'the consent is dated in the future' };
	const oldest = format(
		subMonths(new Date(`${meetingDate}T12:00:00Z`), CONSENT_VALID_MONTHS),
		'yyyy-MM-dd'
	);
	if (consent.signedOn < oldest) {
		return {
			valid: false,
			reason: `the consent was signed more than ${CONSENT_VALID_MONTHS} months before the meeting`
		};
	}
	if (!consent.coversMag)
		return { valid: false, reason: 'the consent does not cover discussion at this MAG' };
	return { valid: true };
}
