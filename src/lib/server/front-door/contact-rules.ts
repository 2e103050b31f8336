import { TZDate } from '@date-fns/tz';
import { addMonths, differenceInYears, subMonths } from 'date-fns';
import { AGE_BANDS } from '../../domain/family';
import { CONTACT_OUTCOMES, type ContactOutcome } from '../../domain/front-door';

/** The front door's rules that need no database: months, shares, who counts as one practitioner. */

const LONDON = 'Europe/London';

/** A month as the address gives it ("2026-11"), or null for anything else. */
export function monthOf(value: string | null | undefined): string | null {
	if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return null;
	return value;
}

/** The instants a month in England starts and ends at (the end is the next month's start). */
export function monthBounds(month: string): { from: string; to: string } {
	const [year, monthNumber] = month.split('-').map(Number) as [number, number];
	const start = new TZDate(year, monthNumber - 1, 1, LONDON);
	// TZDate's own toISOString keeps the offset (+01:00): stored instants are UTC (Z), compared as text.
	const utc = (date: Date) => new Date(date.getTime()).toISOString();
	return { from: utc(start), to: utc(addMonths(start, 1)) };
}

/** "November 2026". */
export function monthName(month: string): string {
	const [year, monthNumber] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(year, monthNumber - 1, 1)).toLocaleDateString('en-GB', {
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

/** The month an instant falls in, in England ("2026-11"). */
export function monthOfInstant(instant: string): string {
	const local = new TZDate(new Date(instant), LONDON);
	return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
}

/** The last year's months, the latest first, for the log's and the report's month choice. */
export function recentMonths(now = new Date()) {
	return Array.from({ length: 12 }, (_, i) => {
		const month = monthOfInstant(subMonths(now, i).toISOString());
		return { value: month, label: monthName(month) };
	});
}

export interface OutcomeShare {
	outcome: ContactOutcome;
	label: string;
	count: number;
	/** Whole percentages, by largest remainder, so that the shares add up to 100. */
	percent: number;
}

/**
 * Each outcome's count and share of the month's contacts, in the report's order. Percentages are
 * rounded by largest remainder: 58, 29 and 13 add up to 100 as the source's figures do.
 */
export function outcomeShares(counts: Partial<Record<ContactOutcome, number>>): OutcomeShare[] {
	const outcomes = Object.keys(CONTACT_OUTCOMES) as ContactOutcome[];
	const total = outcomes.reduce((sum, o) => sum + (counts[o] ?? 0), 0);
	const exact = outcomes.map((o) => (total === 0 ? 0 : ((counts[o] ?? 0) * 100) / total));
	const percents = exact.map(Math.floor);
	let left = total === 0 ? 0 : 100 - percents.reduce((a, b) => a + b, 0);
	const byRemainder = exact
		.map((value, index) => ({ index, remainder: value - Math.floor(value) }))
		.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
	for (const { index } of byRemainder) {
		if (left <= 0) break;
		percents[index]! += 1;
		left -= 1;
	}
	return outcomes.map((outcome, index) => ({
		outcome,
		label: CONTACT_OUTCOMES[outcome],
		count: counts[outcome] ?? 0,
		percent: percents[index]!
	}));
}

/**
 * Who counts as one practitioner supported: the same name at the same agency, however typed
 * (case and spacing ignored).
 */
export function practitionerKey(name: string, agency: string | null): string {
	const plain = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
	return `${plain(name)}|${plain(agency ?? '')}`;
}

/** Distinct practitioners among a month's callers. */
export function practitionersSupported(
	callers: { kind: string; name: string; agency: string | null }[]
): number {
	return new Set(
		callers.filter((c) => c.kind === 'practitioner').map((c) => practitionerKey(c.name, c.agency))
	).size;
}

/** The age band an anonymous advice request gives for a child born on `dateOfBirth`. */
export function ageBandOf(dateOfBirth: string | null, today: string): string {
	if (!dateOfBirth) return '';
	if (dateOfBirth > today) return 'Unborn';
	const age = differenceInYears(new Date(today), new Date(dateOfBirth));
	if (age < 2) return AGE_BANDS[1];
	if (age < 5) return AGE_BANDS[2];
	if (age < 11) return AGE_BANDS[3];
	if (age < 16) return AGE_BANDS[4];
	return age < 20 ? AGE_BANDS[5] : '';
}

/** "J.S.": how the log names a person the contact is about, without naming them. */
export function initialsOf(name: string): string {
	return name
		.split(/\s+/)
		.filter(Boolean)
		.map((part) => `${part[0]!.toUpperCase()}.`)
		.join('');
}

/** The words of the family's names worth looking for (two letters or more), as typed. */
function nameWords(names: string[]): string[] {
	return [...new Set(names.flatMap((name) => name.split(/[\s-]+/)).filter((w) => w.length > 1))];
}

function wordPattern(word: string) {
	return new RegExp(
		`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`,
		'giu'
	);
}

/** The text with every word of the family's names put as its initial ("Jayden" → "J."). */
export function withoutNames(text: string, names: string[]): string {
	return nameWords(names).reduce(
		(out, word) => out.replace(wordPattern(word), `${word[0]!.toUpperCase()}.`),
		text
	);
}

/** The words of the family's names that the text still holds, as the text has them. */
export function namesIn(text: string, names: string[]): string[] {
	return nameWords(names).flatMap((word) => text.match(wordPattern(word))?.slice(0, 1) ?? []);
}
