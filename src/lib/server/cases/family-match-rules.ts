import { addMonths } from 'date-fns';
import { RETURN_WITHIN_MONTHS } from '$lib/domain/limits';

/** One person as a CAF records them: a name and a calendar date of birth (YYYY-MM-DD). */
export interface PersonKey {
	name: string;
	dateOfBirth: string | null;
}

/** A family the app knew before: its case, when it closed, and the people on it. */
export interface KnownFamily {
	caseId: number;
	reference: string;
	closedOn: string | null;
	people: PersonKey[];
}

export interface FamilyMatch {
	caseId: number;
	reference: string;
	closedOn: string | null;
	/** Closed no more than RETURN_WITHIN_MONTHS before the new referral. */
	returnedWithinLimit: boolean;
	matchedPeople: number;
}

/**
 * Names compared as people type them differently: case, accents, punctuation, spacing and the
 * order of the parts ("O'Brien, Amy" is "amy obrien").
 */
export function normaliseName(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z\s-]/g, '')
		.split(/[\s-]+/)
		.filter(Boolean)
		.sort()
		.join(' ');
}

function keyOf(person: PersonKey): string | null {
	const name = normaliseName(person.name);
	if (!name || !person.dateOfBirth) return null;
	return `${name}|${person.dateOfBirth}`;
}

/** Whether a case closed on `closedOn` is re-referred within the limit on `referredOn`. */
export function isReturnWithinLimit(closedOn: string | null, referredOn: string): boolean {
	if (!closedOn) return false;
	const limit = addMonths(new Date(`${closedOn}T00:00:00Z`), RETURN_WITHIN_MONTHS);
	return new Date(`${referredOn}T00:00:00Z`) <= limit && referredOn >= closedOn;
}

/**
 * The families known before that share at least one person (same normalised name and date of
 * birth) with the new referral, most people in common first, then the most recently closed.
 * A person without a date of birth never matches: a name alone is not the same person.
 */
export function matchKnownFamilies(
	people: PersonKey[],
	known: KnownFamily[],
	referredOn: string
): FamilyMatch[] {
	const wanted = new Set(people.map(keyOf).filter((k): k is string => k !== null));
	if (wanted.size === 0) return [];
	return known
		.map((family) => {
			const keys = new Set(family.people.map(keyOf).filter((k): k is string => k !== null));
			const matchedPeople = [...keys].filter((k) => wanted.has(k)).length;
			return {
				caseId: family.caseId,
				reference: family.reference,
				closedOn: family.closedOn,
				returnedWithinLimit: isReturnWithinLimit(family.closedOn, referredOn),
				matchedPeople
			};
		})
		.filter((m) => m.matchedPeople > 0)
		.sort(
			(a, b) =>
				b.matchedPeople - a.matchedPeople || (b.closedOn ?? '').localeCompare(a.closedOn ?? '')
		);
}
