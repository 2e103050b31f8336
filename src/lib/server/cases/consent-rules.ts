import { formatCalendarDate } from '$lib/dates';

/**
 * The consent rules that need no database (docs/domain.md, "The consent gate": a valid consent is
 * in date and not withdrawn). The gate itself is meeting/consent-gate.ts.
 */

export type ConsentStanding = 'none' | 'withdrawn' | 'must-renew' | 'in-date';

/**
 * Where consent stands for the next discussion: withdrawn, missing, or signed so long before the
 * next review meeting (or today, with none booked) that it must be renewed first.
 */
export function consentStanding(
	current: { withdrawnOn: string | null; validUntil: string } | undefined,
	nextReviewDate: string | null,
	today: string
): ConsentStanding {
	if (!current) return 'none';
	if (current.withdrawnOn) return 'withdrawn';
	return (nextReviewDate ?? today) > current.validUntil ? 'must-renew' : 'in-date';
}

/**
 * Who is told when the family withdraws consent: the community's chairs, the lead professional,
 * and whoever brought an item taken off an agenda; each once.
 */
export function toldOfWithdrawal(people: {
	chairs: number[];
	leadProfessionalId: number | null;
	submitters: number[];
}): number[] {
	const told = new Set<number>(people.chairs);
	if (people.leadProfessionalId !== null) told.add(people.leadProfessionalId);
	for (const submitter of people.submitters) told.add(submitter);
	return [...told];
}

/** What they are told: by reference, never a name (docs/domain.md). */
export function withdrawalMessage(withdrawal: {
	reference: string;
	withdrawnOn: string;
	/** The dates of the meetings whose agendas the case came off. */
	offAgendas: string[];
	openActions: number;
}): string {
	const offAgenda =
		withdrawal.offAgendas.length > 0
			? ` It has been taken off the agenda for ${withdrawal.offAgendas.map((date) => formatCalendarDate(date)).join(' and ')}.`
			: '';
	const decide =
		withdrawal.openActions > 0
			? ` ${withdrawal.openActions} open action(s) wait for the chair's decision.`
			: '';
	return `The family withdrew consent for ${withdrawal.reference} on ${formatCalendarDate(withdrawal.withdrawnOn)}.${offAgenda}${decide}`;
}
