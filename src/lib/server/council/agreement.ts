import { addDays } from 'date-fns';
import { AGREEMENT_REVIEW_WARNING_DAYS, type AgreementState } from '../../domain/council';

/**
 * Whether an agency is covered by an information-sharing agreement on `today` (YYYY-MM-DD): one
 * is recorded as signed, and its review date has not passed. Sharing with an agency outside an
 * agreement is for the council's information governance to resolve (docs/domain.md, consent).
 */
export function agreementState(
	agency: { agreementSignedOn: string | null; agreementReviewDue: string | null },
	today: string
): AgreementState {
	if (!agency.agreementSignedOn) return 'none';
	const due = agency.agreementReviewDue;
	if (!due) return 'current';
	if (due < today) return 'review-overdue';
	const warnFrom = addDays(new Date(`${today}T12:00:00Z`), AGREEMENT_REVIEW_WARNING_DAYS)
		.toISOString()
		.slice(0, 10);
	return due <= warnFrom ? 'review-due' : 'current';
}
