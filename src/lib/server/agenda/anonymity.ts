/**
 * Anonymity screen for every free text that people who may not identify a family can read: part 1
 * (advice without consent) and community issues, the outcome notes of anonymous items, and what
 * actions, their notes and the reasons given for them say (action lists, My actions, the
 * follow-up board and the minutes show those to every member of the MAG).
 *
 * "Anonymous means anonymous": such text must carry no obvious identifier. This module finds full
 * UK postcodes, NHS numbers, UK phone numbers, email addresses and dates of birth, however
 * carelessly they are typed, and words one message for the person typing. It is pure (no I/O, no
 * clock: the caller passes today), so the same rules can run wherever text is accepted.
 *
 * Decisions (each one is tested in tests/unit/agenda/anonymity.test.ts):
 * - Careless typing: digits are read through spaces, hyphens, dashes and brackets between them
 *   ("0 7 7 0 0 9 0 0 1 2 3", "943-476-5919", "(01432) 260000"), and a letter O typed for a zero
 *   or l (or I) for a one counts as the digit when it sits in a number: inside a group of digits
 *   ("O77OO 9OO123", "59l9") or alone between digits ("0 7 7 O O 9 ..."). A capital I alone must
 *   have digits on both sides, because "I" is also a word. Letters inside a word never count
 *   ("Room 101", "10lbs").
 * - Postcodes: only a full postcode (outward and inward code, any case) is refused, plus GIR 0AA,
 *   written together ("hr68ab"), with the usual space, a hyphen, spaces inside the inward code
 *   ("HR4 9 AB"), a space after a two-letter area ("HR 4 9AB") or a space between every
 *   character ("H R 4 9 A B"). The outward code alone ("HR6") is an area, not an address, so it
 *   is allowed. The first letters must be one of the 124 real postcode areas (plus BF for BFPO)
 *   and the inward letters must be ones the Royal Mail uses (never C, I, K, M, O or V): this keeps
 *   the rule from firing on classroom shorthand such as "Y6 2nd" or "KS2 3rd". Where the spacing
 *   is unusual, an inward code that reads as an ordinal in lower case ("SE 1 2nd") is taken as
 *   one.
 * - NHS numbers: 10 digits that pass the modulus 11 check, together, grouped 3-3-4 (or 3-7, 6-4)
 *   with spaces or hyphens, or with a space between every digit. A 10-digit number so written
 *   that starts with 0 is reported as a phone number instead (NHS numbers are not issued from 0,
 *   and a leading 0 is how UK phone numbers are written); either way it is refused. Any other
 *   10-digit number that fails the check is allowed: it is more likely a reference or a count.
 * - Phone numbers: UK numbers of 11 digits starting 01, 02, 03, 07 or 08, however they are
 *   grouped, and the +44 / 0044 forms (with or without "(0)"). Years, times, money, counts and
 *   room numbers never start with 0 followed by ten more digits, so they pass. A 12-digit
 *   reference passes too: only whole groups of digits are read together, never part of one.
 * - Email addresses: local@domain.tld, with spaces round the @, and the disguised forms people
 *   use: [at], (at), {at}, [dot], (dot), and the words "at" and "dot" ("jo.bloggs at gmail dot
 *   com"). With the bare word "at" the address must end in a common ending (.com, .org, .net,
 *   .uk, .gov, .edu …), so that "she is at school.He" is not taken for an address.
 * - Dates: a full date (day, month and year) in numeric (12/03/2015, 12-03-15, 12.3.15,
 *   2015-03-12, 12 / 3 / 15), spaced (12 03 2015, 2015 03 12), run-together (12032015,
 *   20150312) or written form (12 March 2015, 12th of March, 2015, March 12 2015, March the
 *   12th '15); and six digits straight after a word for birth ("DOB 120315", "born 12 03 15").
 *   Partial dates are allowed, because they describe without identifying: "March 2015",
 *   "12 March" (no year), "since September", "aged 7", "Year 3", "2015".
 *   Which full dates are refused depends on what the text is:
 *   - Anonymous items (advice requests, community issues and their outcome notes): every full
 *     date, whether or not "born" or "DOB" is nearby. There any full date in a child's life
 *     (birth, an incident, an exclusion) can single the family out, and a rule that waited for
 *     the word "DOB" would miss "born on 12/03/2015" typed as "b. 12/03/15".
 *   - Text that records work (an action, a note on one, a reason; the caller passes `today`):
 *     only a full date that could be a date of birth: one with a word for birth just before it
 *     ("born", "DOB", "d.o.b.", "date of birth", "birthday", "b."), or one more than a year before
 *     today. Actions and their notes are full of the dates of visits, referrals and meetings
 *     ("TAC meeting on 12/05/2026", "referral sent 3 Feb 2026"): refusing those would stop the
 *     work being recorded. A baby's date of birth written without a word for birth within the last
 *     year is the gap this leaves.
 *   The kind is called 'date-of-birth' because that is what the rule exists to stop; the message
 *   says "full date" or "possible date of birth".
 */

import { locateAll } from './anonymity-detectors';

export { isValidNhsNumber } from './anonymity-detectors';

export type IdentifierKind =
	'postcode' | 'nhs-number' | 'phone-number' | 'email-address' | 'date-of-birth';

export interface FoundIdentifier {
	kind: IdentifierKind;
	match: string;
}

export interface ScreenOptions {
	/**
	 * Today (YYYY-MM-DD), for text that records work: an action, a note on one, a reason. A full
	 * date there is refused only when it could be a date of birth. Left out (anonymous items),
	 * every full date is refused.
	 */
	today?: string;
}

/**
 * Every identifier in the text, in the order it appears. Where two rules claim overlapping text
 * (a phone number inside an email address, say) the one starting first wins, then the longer.
 */
export function findIdentifiers(text: string, options: ScreenOptions = {}): FoundIdentifier[] {
	const located = locateAll(text, options).sort(
		(x, y) => x.index - y.index || y.match.length - x.match.length
	);
	const kept: FoundIdentifier[] = [];
	let end = 0;
	for (const { kind, match, index } of located) {
		if (index < end) continue;
		kept.push({ kind, match });
		end = index + match.length;
	}
	return kept;
}

const LABELS: Record<IdentifierKind, [one: string, several: string]> = {
	postcode: ['postcode', 'postcodes'],
	'nhs-number': ['NHS number', 'NHS numbers'],
	'phone-number': ['phone number', 'phone numbers'],
	'email-address': ['email address', 'email addresses'],
	'date-of-birth': ['full date', 'full dates']
};
/** Where only dates that could be dates of birth are refused, the message says so. */
const WORK_DATE_LABEL: [one: string, several: string] = [
	'possible date of birth',
	'possible dates of birth'
];

/** What to write instead, for the kinds where there is a useful non-identifying alternative. */
const INSTEAD: Partial<Record<IdentifierKind, string>> = {
	postcode: 'Describe the area instead, for example “north Leominster”.',
	'date-of-birth': 'Give an age or a month and year instead, for example “aged 7” or “March 2015”.'
};

function listInEnglish(items: string[]): string {
	if (items.length <= 1) return items.join('');
	return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Null when the text carries no identifier; otherwise one message for the person typing, naming
 * each kind found (with the text that matched, and nothing more) and why it has to go, e.g.
 * "Advice requests must be anonymous: remove the postcode (HR6 8AB). Describe the area instead,
 * for example “north Leominster”." The message goes back to the person who typed it, on the page;
 * it is never logged.
 */
export function anonymityProblem(
	text: string,
	what = 'Advice requests',
	options: ScreenOptions = {}
): string | null {
	const found = findIdentifiers(text, options);
	if (found.length === 0) return null;

	const byKind = new Map<IdentifierKind, string[]>();
	for (const { kind, match } of found) {
		const shown = match.replace(/\s+/g, ' ');
		const list = byKind.get(kind) ?? [];
		if (!list.includes(shown)) list.push(shown);
		byKind.set(kind, list);
	}

	const parts: string[] = [];
	const advice: string[] = [];
	for (const [kind, shown] of byKind) {
		const [one, several] =
			kind === 'date-of-birth' && options.today ? WORK_DATE_LABEL : LABELS[kind];
		parts.push(`the ${shown.length === 1 ? one : several} (${shown.join(', ')})`);
		const instead = INSTEAD[kind];
		if (instead) advice.push(instead);
	}

	return [`${what} must be anonymous: remove ${listInEnglish(parts)}.`, ...advice].join(' ');
}
