/**
 * Anonymity guard for Part 1 (advice without consent) and community issues.
 *
 * "Anonymous means anonymous": text typed into those places must carry no obvious identifier.
 * This module finds full UK postcodes, NHS numbers, UK phone numbers, email addresses and full
 * dates, and words one message for the person typing. It is pure (no I/O), so the same rules can
 * run wherever text is accepted.
 *
 * Decisions (each one is tested in tests/unit/anonymity.test.ts):
 * - Postcodes: only a full postcode (outward and inward code, with or without the space, any
 *   case) is refused, plus GIR 0AA. The outward code alone ("HR6") is an area, not an address, so
 *   it is allowed. The first letters must be one of the 124 real postcode areas (plus BF for
 *   BFPO) and the inward letters must be ones the Royal Mail uses (never C, I, K, M, O or V): this
 *   keeps the rule from firing on classroom shorthand such as "Y6 2nd" or "KS2 3rd".
 * - NHS numbers: 10 digits, together or grouped 3-3-4 with spaces or hyphens, that pass the
 *   modulus 11 check. A 10-digit number that starts with 0 is reported as a phone number instead
 *   (NHS numbers are not issued from 0, and a leading 0 is how UK phone numbers are written);
 *   either way it is refused. Any other 10-digit number that fails the check is allowed: it is more
 *   likely a reference or a count than an identifier.
 * - Phone numbers: UK numbers of 11 digits starting 01, 02, 03, 07 or 08, with optional spaces,
 *   hyphens and brackets, and the +44 / 0044 forms (with or without "(0)"). Years, times, money
 *   and counts never start with 0 followed by ten more digits, so they pass.
 * - Email addresses: the usual local@domain.tld shape.
 * - Dates: any full date (day, month and year) is refused, in numeric (12/03/2015, 12-03-15,
 *   12.03.2015, 2015-03-12) or written (12 March 2015, 12th March 2015, March 12, 2015,
 *   12 Mar 2015) form, whether or not "born" or "DOB" is nearby. In an anonymous request any full
 *   date in a child's life (birth, an incident, an exclusion) can single the family out, and a
 *   rule that waited for the word "DOB" would miss "born on 12/03/2015" typed as "b. 12/03/15".
 *   Partial dates are allowed, because they describe without identifying: "March 2015", "12 March"
 *   (no year), "since September", "aged 7", "Year 3", "2015". The kind is still called
 *   'date-of-birth' because that is what the rule exists to stop; the message says "full date".
 */

export type IdentifierKind =
	'postcode' | 'nhs-number' | 'phone-number' | 'email-address' | 'date-of-birth';

export interface FoundIdentifier {
	kind: IdentifierKind;
	match: string;
}

interface Located extends FoundIdentifier {
	index: number;
}

/** The 124 postcode areas (UK, Channel Islands, Isle of Man) and BF (BFPO); two letters first. */
const POSTCODE_AREAS = (
	'AB AL BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT ' +
	'DY EC EH EN EX FK FY GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL ' +
	'LN LS LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN SO ' +
	'SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE B E G L M N S W'
)
	.split(' ')
	.join('|');

/** A space that may sit inside an identifier: ordinary or non-breaking. */
const SPACE = '[ \\u00a0]';
/** A separator between digit groups: a space, a hyphen or a typographic dash. */
const SEPARATOR = '[ \\u00a0\\-\\u2010-\\u2013]';

const postcodePattern = new RegExp(
	`\\b(?:GIR${SPACE}?0AA|(?:${POSTCODE_AREAS})\\d[A-Z\\d]?${SPACE}?\\d[ABD-HJLNP-UW-Z]{2})\\b`,
	'gi'
);

/** Ten digits together or grouped 3-3-4 with the same separator twice. */
const tenDigitPattern = new RegExp(`(?<![\\d+])\\d{3}(${SEPARATOR}?)\\d{3}\\1\\d{4}(?!\\d)`, 'g');

/**
 * A UK national number: 0 then 1, 2, 3, 7 or 8, then nine more digits, each optionally after a
 * closing bracket and one separator ("(01568) 612345", "07700 900 123", "01432-260000").
 */
const nationalPhonePattern = new RegExp(
	`(?<![\\d+])\\(?0[12378](?:\\)?${SEPARATOR}?\\d){9}(?!\\d)`,
	'g'
);

/** +44 or 0044, an optional "(0)", then the ten digits after the leading 0. */
const internationalPhonePattern = new RegExp(
	`(?<![\\d+])(?:\\+|00)44${SEPARATOR}?(?:\\(0\\)${SEPARATOR}?)?\\(?[12378](?:\\)?${SEPARATOR}?\\d){9}(?!\\d)`,
	'g'
);

const emailPattern =
	/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}/gu;

/** Day/month/year or month/day/year, with /, - or . used the same way twice. */
const numericDatePattern = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)/g;
/** Year-month-day (ISO 8601 and its slashed and dotted cousins). */
const isoDatePattern = /(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d|[/.-]\d)/g;

const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
const MONTH =
	'(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
	'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** A four-digit year from 1900 to 2099, or an abbreviated one with an apostrophe ('15). */
const YEAR = "(?:(?:19|20)\\d{2}|['\u2019]\\d{2})(?!\\d)";

/** "12 March 2015", "12th of March, 2015", "12 Mar. 2015", "12-Mar-2015". */
const dayMonthYearPattern = new RegExp(
	`\\b${DAY}(?:\\s+of)?(?:\\s+|\\s*[-/]\\s*)${MONTH},?(?:\\s+|\\s*[-/]\\s*)${YEAR}`,
	'gi'
);
/** "March 12, 2015", "March 12th 2015", "Mar 12 2015". */
const monthDayYearPattern = new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}`, 'gi');

function isDayMonth(day: number, month: number): boolean {
	return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function isFourDigitYear(year: string): boolean {
	return year.length !== 4 || (year >= '1900' && year <= '2099');
}

/**
 * True when the string is exactly 10 digits passing the NHS modulus 11 check: weights 10 down to
 * 2 on the first nine digits; check digit = 11 − (sum mod 11), where 11 means 0 and 10 means the
 * number is invalid.
 */
export function isValidNhsNumber(digits: string): boolean {
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let position = 0; position < 9; position++) {
		sum += Number(digits[position]) * (10 - position);
	}
	const check = 11 - (sum % 11);
	if (check === 10) return false;
	return (check === 11 ? 0 : check) === Number(digits[9]);
}

function locateAll(text: string): Located[] {
	const found: Located[] = [];
	const add = (kind: IdentifierKind, match: RegExpExecArray) =>
		found.push({ kind, match: match[0], index: match.index });

	for (const match of text.matchAll(postcodePattern)) add('postcode', match);

	for (const match of text.matchAll(tenDigitPattern)) {
		const digits = match[0].replace(/\D/g, '');
		if (digits.startsWith('0')) add('phone-number', match);
		else if (isValidNhsNumber(digits)) add('nhs-number', match);
	}

	for (const match of text.matchAll(nationalPhonePattern)) add('phone-number', match);
	for (const match of text.matchAll(internationalPhonePattern)) add('phone-number', match);
	for (const match of text.matchAll(emailPattern)) add('email-address', match);

	for (const match of text.matchAll(numericDatePattern)) {
		const [, first = '', , second = '', year = ''] = match;
		const a = Number(first);
		const b = Number(second);
		if ((isDayMonth(a, b) || isDayMonth(b, a)) && isFourDigitYear(year)) {
			add('date-of-birth', match);
		}
	}
	for (const match of text.matchAll(isoDatePattern)) {
		const [, year = '', , month = '', day = ''] = match;
		if (isFourDigitYear(year) && isDayMonth(Number(day), Number(month))) {
			add('date-of-birth', match);
		}
	}
	for (const match of text.matchAll(dayMonthYearPattern)) add('date-of-birth', match);
	for (const match of text.matchAll(monthDayYearPattern)) add('date-of-birth', match);

	return found;
}

/**
 * Every identifier in the text, in the order it appears. Where two rules claim overlapping text
 * (a phone number inside an email address, say) the one starting first wins, then the longer.
 */
export function findIdentifiers(text: string): FoundIdentifier[] {
	const located = locateAll(text).sort(
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
 * for example “north Leominster”."
 */
export function anonymityProblem(text: string, what = 'Advice requests'): string | null {
	const found = findIdentifiers(text);
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
		const [one, several] = LABELS[kind];
		parts.push(`the ${shown.length === 1 ? one : several} (${shown.join(', ')})`);
		const instead = INSTEAD[kind];
		if (instead) advice.push(instead);
	}

	return [`${what} must be anonymous: remove ${listInEnglish(parts)}.`, ...advice].join(' ');
}
