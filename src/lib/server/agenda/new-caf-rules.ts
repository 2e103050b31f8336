import { consentForMeeting } from './consent';
import { DEFAULT_LEVELS_OF_NEED } from '../../domain/family';

/**
 * The rules of a new CAF (part 2) that need no database: its levels of need, how its case is
 * named (reference and initials, all that identifies the family outside the consent gate), who
 * counts as a child, and whether its consent lets it into part 2 of this meeting.
 */

/** Halton's levels of need by default; a council can set its own in LEVELS_OF_NEED (docs/domain.md). */
export function levelsOfNeed(): string[] {
	return (process.env.LEVELS_OF_NEED ?? DEFAULT_LEVELS_OF_NEED)
		.split(',')
		.map((l) => l.trim())
		.filter(Boolean);
}

const CHILD_RELATIONSHIPS = new Set(['Child', 'Young person']);

/** A child or young person: a family brought to early help has at least one. */
export function isChildRelationship(relationship: string): boolean {
	return CHILD_RELATIONSHIPS.has(relationship);
}

/** "Mortimer and Leominster" → MLE, "Hereford North City" → HNC, "Bromyard" → BRO. */
export function communityCode(name: string): string {
	const words = name
		.split(/\s+/)
		.filter((w) => !['and', 'on', 'the', 'of'].includes(w.toLowerCase()));
	let code = words.map((w) => w[0]!).join('');
	const last = words.at(-1) ?? '';
	for (let i = 1; code.length < 3 && i < last.length; i++) code += last[i];
	return code.slice(0, 3).toUpperCase();
}

/** The start of the community's case references in the meeting's year: "BRO-2027-". */
export function referencePrefix(communityName: string, year: string): string {
	return `${communityCode(communityName)}-${year}-`;
}

/** The reference after the last one with this prefix: BRO-2027-001, BRO-2027-002, … */
export function nextReference(prefix: string, last: string | undefined): string {
	const next = last ? Number(last.slice(prefix.length)) + 1 : 1;
	return `${prefix}${String(next).padStart(3, '0')}`;
}

/** The child's initials, e.g. "J.S.": all that identifies the family outside the consent gate. */
export function initialsOf(name: string): string {
	return name
		.split(/[\s-]+/)
		.filter(Boolean)
		.map((part) => `${part[0]!.toUpperCase()}.`)
		.join('');
}

/** A case is known by the initials of the first child in its family. */
export function caseInitials(members: { name: string; isChild: boolean }[]): string {
	return initialsOf(members.find((m) => m.isChild)!.name);
}

/**
 * Why the consent given with a new CAF keeps it out of part 2 at this meeting, and on which field
 * to say so; null when it may come. The young person must not have refused, and the consent must
 * be signed, in date and cover discussion at this MAG (docs/domain.md, "The consent gate"). Either
 * way the family can still be brought anonymously, as advice without consent (part 1).
 */
export function partTwoConsentRefusal(
	consent: { youngPerson: string; signedOn: string; coversMag: boolean },
	meetingDate: string,
	today: string
): { field: 'youngPerson' | 'coversMag' | 'signedOn'; message: string } | null {
	if (consent.youngPerson === 'no')
		return {
			field: 'youngPerson',
			message:
				'The young person has not consented, so the family cannot be discussed in part 2. Bring it as advice without consent (part 1) instead'
		};
	const verdict = consentForMeeting(
		{ signedOn: consent.signedOn, coversMag: consent.coversMag },
		meetingDate,
		today
	);
	if (verdict.valid) return null;
	return {
		field: verdict.reason.includes('cover') ? 'coversMag' : 'signedOn',
		message: `A new CAF can be brought to part 2 only with signed, in-date consent covering discussion at this MAG: ${verdict.reason}. Bring it as advice without consent (part 1) instead`
	};
}
