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
 * Decisions (each one is tested in tests/unit/anonymity.test.ts):
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

interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

interface Located extends FoundIdentifier {
	index: number;
	/** For a date: the day it names (day/month/year read first, then month/day/year). */
	date?: CalendarDate;
}

/** The 124 postcode areas (UK, Channel Islands, Isle of Man) and BF (BFPO); two letters first. */
const POSTCODE_AREAS = (
	'AB AL BA BB BD BF BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT ' +
	'DY EC EH EN EX FK FY GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL ' +
	'LN LS LU ME MK ML NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN SO ' +
	'SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD WF WN WR WS WV YO ZE B E G L M N S W'
).split(' ');
const TWO_LETTER_AREAS = POSTCODE_AREAS.filter((area) => area.length === 2).join('|');
const ONE_LETTER_AREAS = POSTCODE_AREAS.filter((area) => area.length === 1).join('|');

/** A space that may sit inside an identifier: ordinary or non-breaking. */
const SPACE = '[ \\u00a0]';
/** A separator between digit groups: a space, a hyphen or a typographic dash. */
const SEPARATOR = '[ \\u00a0\\-\\u2010-\\u2013]';
/** What careless typing puts between the digits of one number: up to three of those or brackets. */
const GAP = '[ \\t\\u00a0\\-\\u2010-\\u2013()]{1,3}';
/** Letters the Royal Mail uses in the inward code. */
const INWARD_LETTER = '[ABD-HJLNP-UW-Z]';

/** Outward code written together (a space allowed after a two-letter area), inward code loose. */
const postcodePattern = new RegExp(
	`(?<![A-Z\\d])(?:GIR${SPACE}?0${SPACE}?A${SPACE}?A|` +
		`(?:(?:${TWO_LETTER_AREAS})${SPACE}?|(?:${ONE_LETTER_AREAS}))\\d[A-Z\\d]?` +
		`(?:${SPACE}|-)?\\d${SPACE}?${INWARD_LETTER}${SPACE}?${INWARD_LETTER})(?![A-Z\\d])`,
	'gi'
);

/** A space between every character: "H R 4 9 A B", "B 3 3 8 T H". */
const spacedPostcodePattern = new RegExp(
	`(?<![A-Z\\d])(?:${POSTCODE_AREAS.map((area) => area.split('').join(SPACE)).join('|')})` +
		`${SPACE}\\d(?:${SPACE}[A-Z\\d])?${SPACE}\\d${SPACE}${INWARD_LETTER}${SPACE}${INWARD_LETTER}(?![A-Z\\d])`,
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

/** Groups of digits with only gaps between them: the groups careless typing makes of one number. */
const digitRunPattern = new RegExp(`(?<!\\d)\\d+(?:${GAP}\\d+)*(?!\\d)`, 'g');

/** Groups of digits and look-alike letters, standing apart from any word. */
const lookalikeChainPattern = new RegExp(
	`(?<![\\p{L}\\p{N}])[\\dOoIl]+(?:${GAP}[\\dOoIl]+)*(?![\\p{L}\\p{N}])`,
	'gu'
);
const LOOKALIKES: Record<string, string> = { O: '0', o: '0', I: '1', l: '1' };

const LOCAL_PART = '[\\p{L}\\p{N}._%+\\-]+';
const DOMAIN_LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?';
const OPEN = '[\\[({<]';
const CLOSE = '[\\])}>]';
/** "@", " @ ", "[at]", "(at)", "{@}" … */
const AT_SIGN = `(?:\\s*@\\s*|\\s*${OPEN}\\s*(?:at|@)\\s*${CLOSE}\\s*)`;
/** ".", "[dot]", "(.)", " dot " … */
const DOT = `(?:\\.|\\s*${OPEN}\\s*(?:dot|\\.)\\s*${CLOSE}\\s*|\\s+dot\\s+)`;
/** A local part may be spelt out too ("jo dot bloggs"); its own dots are in LOCAL_PART already. */
const LOCAL = `${LOCAL_PART}(?:(?:\\s*${OPEN}\\s*dot\\s*${CLOSE}\\s*|\\s+dot\\s+)${LOCAL_PART})*`;
const DOMAIN = `${DOMAIN_LABEL}(?:${DOT}${DOMAIN_LABEL})*${DOT}`;
const COMMON_ENDINGS = 'com|org|net|uk|gov|edu|info|biz|ie|eu|scot|wales|cymru';

const emailPattern = new RegExp(
	`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}${AT_SIGN}${DOMAIN}\\p{L}{2,}(?![\\p{L}\\p{N}])`,
	'giu'
);
/** The bare word "at": only before a common ending, so ordinary sentences pass. */
const wordAtEmailPattern = new RegExp(
	`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}\\s+at\\s+${DOMAIN}(?:${COMMON_ENDINGS})(?![\\p{L}\\p{N}\\-])`,
	'giu'
);

/** Day/month/year or month/day/year, with /, - or . used the same way twice ("12 / 3 / 15"). */
const numericDatePattern =
	/(?<![\d/.-])(\d{1,2})( ?\/ ?|[.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)/g;
/** Year-month-day (ISO 8601 and its slashed and dotted cousins). */
const isoDatePattern = /(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d|[/.-]\d)/g;

const DAY = '(?<day>0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
const MONTH_NAMES = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTH =
	'(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
	'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** A four-digit year from 1900 to 2099, or an abbreviated one with an apostrophe ('15). */
const YEAR = "(?<year>(?:19|20)\\d{2}|['\u2019]\\d{2})(?!\\d)";

/** "12 March 2015", "12th of March, 2015", "12 Mar. 2015", "12-Mar-2015". */
const dayMonthYearPattern = new RegExp(
	`\\b${DAY}(?:\\s+of)?(?:\\s+|\\s*[-/]\\s*)${MONTH},?(?:\\s+|\\s*[-/]\\s*)${YEAR}`,
	'gi'
);
/** "March 12, 2015", "March 12th 2015", "Mar 12 2015", "March the 12th, 2015". */
const monthDayYearPattern = new RegExp(`\\b${MONTH}\\s+(?:the\\s+)?${DAY},?\\s+${YEAR}`, 'gi');

/** A word for birth, and what may come between it and the date ("born on the", "DOB:"). */
const BIRTH_WORD =
	'(?:\\bborn|\\bd\\.?\\s?o\\.?\\s?b\\b\\.?|\\bdate\\s+of\\s+birth|\\bbirth\\s?day|\\bb\\.)' +
	'[\\s:,.\\-]*(?:(?:is|was)\\s+)?(?:on\\s+)?(?:the\\s+)?';
const birthWordBefore = new RegExp(`${BIRTH_WORD}$`, 'i');
/** Six digits after a word for birth: "DOB 120315", "born 12 03 15". */
const birthSixDigitPattern = new RegExp(
	`${BIRTH_WORD}(?<date>(\\d{2})([ .\\/-]?)(\\d{2})\\3(\\d{2}))(?!\\d)`,
	'gi'
);

function isDayMonth(day: number, month: number): boolean {
	return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function isFourDigitYear(year: string): boolean {
	return year.length !== 4 || (year >= '1900' && year <= '2099');
}

function isRealDate({ year, month, day }: CalendarDate): boolean {
	const probe = new Date(Date.UTC(year, month - 1, day));
	return (
		year >= 1900 &&
		year <= 2099 &&
		probe.getUTCFullYear() === year &&
		probe.getUTCMonth() === month - 1 &&
		probe.getUTCDate() === day
	);
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

/**
 * The text with each look-alike letter that stands for a digit replaced by it, one character for
 * one, so every position still points at what was typed.
 */
function withDigitsForLookalikes(text: string): string {
	const out = text.split('');
	for (const chain of text.matchAll(lookalikeChainPattern)) {
		const tokens = [...chain[0].matchAll(/[\dOoIl]+/g)].map((token) => ({
			text: token[0],
			at: chain.index + token.index,
			isNumber: /\d/.test(token[0]),
			isLone: token[0].length === 1 && !/\d/.test(token[0])
		}));
		/** Whether a number is reached from token `from`, stepping over lone look-alikes only. */
		const reachesNumber = (from: number, step: 1 | -1) => {
			for (let i = from + step; i >= 0 && i < tokens.length; i += step) {
				if (tokens[i]!.isNumber) return true;
				if (!tokens[i]!.isLone) return false;
			}
			return false;
		};
		tokens.forEach((token, i) => {
			const stands =
				token.isNumber ||
				(token.isLone &&
					(token.text === 'I'
						? reachesNumber(i, -1) && reachesNumber(i, 1)
						: reachesNumber(i, -1) || reachesNumber(i, 1)));
			if (!stands) return;
			for (let k = 0; k < token.text.length; k++) {
				const at = token.at + k;
				out[at] = LOOKALIKES[out[at]!] ?? out[at]!;
			}
		});
	}
	return out.join('');
}

/** Groupings an NHS number is written in: together, 3-3-4 (3-7, 6-4), or a digit at a time. */
function isNhsGrouping(lengths: number[]): boolean {
	const shape = lengths.join('-');
	return ['10', '3-3-4', '3-7', '6-4'].includes(shape) || lengths.every((n) => n === 1);
}

/** A date written as digit groups: "12032015", "20150312", "12 03 2015", "2015 3 12". */
function dateFromGroups(groups: string[], gaps: string[]): CalendarDate | null {
	const lengths = groups.map((g) => g.length);
	const digits = groups.join('');
	const candidates: CalendarDate[] = [];
	if ((lengths.length === 1 || lengths.length === 8) && digits.length === 8) {
		candidates.push(
			{ day: +digits.slice(0, 2), month: +digits.slice(2, 4), year: +digits.slice(4) },
			{ year: +digits.slice(0, 4), month: +digits.slice(4, 6), day: +digits.slice(6) }
		);
	} else if (lengths.length === 3 && gaps[0] === gaps[1]) {
		const [a, b, c] = groups.map(Number) as [number, number, number];
		if (lengths[2] === 4 && lengths[0]! <= 2 && lengths[1]! <= 2)
			candidates.push({ day: a, month: b, year: c }, { day: b, month: a, year: c });
		if (lengths[0] === 4 && lengths[1]! <= 2 && lengths[2]! <= 2)
			candidates.push({ year: a, month: b, day: c });
	}
	return candidates.find(isRealDate) ?? null;
}

/**
 * Phone numbers, NHS numbers and dates typed as groups of digits with gaps between them. Every
 * stretch of whole groups is read as one number, so "0 7 7 0 0 9 0 0 1 2 3" and
 * "(01432) 260000" are found, but a 12-digit reference never hides an 11-digit phone number.
 */
function locateDigitRuns(text: string, add: (found: Located) => void) {
	for (const run of text.matchAll(digitRunPattern)) {
		const groups = [...run[0].matchAll(/\d+/g)].map((group) => ({
			digits: group[0],
			start: run.index + group.index,
			end: run.index + group.index + group[0].length
		}));
		const plusAt = /\+[ \u00a0]?$/.exec(text.slice(Math.max(0, run.index - 2), run.index));
		for (let first = 0; first < groups.length; first++) {
			let digits = '';
			for (let last = first; last < groups.length && digits.length <= 13; last++) {
				digits += groups[last]!.digits;
				const chosen = groups.slice(first, last + 1);
				const lengths = chosen.map((g) => g.digits.length);
				let start = groups[first]!.start;
				const at = (kind: IdentifierKind, date?: CalendarDate) =>
					add({ kind, index: start, match: text.slice(start, groups[last]!.end), date });
				if (first === 0 && plusAt && /^440?[12378]\d{9}$/.test(digits)) {
					start = run.index - plusAt[0].length;
					at('phone-number');
				} else if (/^00440?[12378]\d{9}$/.test(digits)) at('phone-number');
				else if (digits.length === 11 && /^0[12378]/.test(digits)) at('phone-number');
				else if (digits.length === 10 && isNhsGrouping(lengths)) {
					// Ten single digits from 0 are more likely a scale ("0 1 2 … 9") than a phone.
					if (digits.startsWith('0')) {
						if (lengths.length < 10) at('phone-number');
					} else if (isValidNhsNumber(digits)) at('nhs-number');
				} else if (digits.length >= 6 && digits.length <= 8) {
					const gaps = chosen.slice(1).map((g, i) => text.slice(chosen[i]!.end, g.start));
					const date = dateFromGroups(
						chosen.map((g) => g.digits),
						gaps
					);
					if (date) at('date-of-birth', date);
				}
			}
		}
	}
}

/**
 * A two-digit year as a four-digit one: this century unless that is more than 10 years after
 * today. Without today (anonymous items, where every full date is refused) the year is not used.
 */
function fullYear(year: string, today?: string): number {
	if (year.length === 4) return Number(year);
	const inThisCentury = 2000 + Number(year);
	if (!today) return inThisCentury;
	return inThisCentury <= Number(today.slice(0, 4)) + 10 ? inThisCentury : inThisCentury - 100;
}

function locateAll(text: string, options: ScreenOptions): Located[] {
	const found: Located[] = [];
	const add = (kind: IdentifierKind, match: RegExpExecArray, date?: CalendarDate) =>
		found.push({
			kind,
			match: text.slice(match.index, match.index + match[0].length),
			index: match.index,
			date
		});
	// Digits, dates and the rest are looked for with look-alike letters read as digits; postcodes
	// and email addresses are letters too, so they are looked for in the text as typed.
	const digits = withDigitsForLookalikes(text);

	for (const pattern of [postcodePattern, spacedPostcodePattern])
		for (const match of text.matchAll(pattern)) {
			const spacedOut = !/^[A-Z\d]{2,4}[ \u00a0]?[A-Z\d]{3}$/i.test(match[0]);
			const ordinal = /\d(?:st|nd|rd|th)$/.test(match[0].replace(/[\s-]/g, ''));
			if (!(spacedOut && ordinal)) add('postcode', match);
		}

	for (const match of digits.matchAll(tenDigitPattern)) {
		const tenDigits = match[0].replace(/\D/g, '');
		if (tenDigits.startsWith('0')) add('phone-number', match);
		else if (isValidNhsNumber(tenDigits)) add('nhs-number', match);
	}
	for (const match of digits.matchAll(nationalPhonePattern)) add('phone-number', match);
	for (const match of digits.matchAll(internationalPhonePattern)) add('phone-number', match);
	locateDigitRuns(digits, (located) =>
		found.push({
			...located,
			match: text.slice(located.index, located.index + located.match.length)
		})
	);

	for (const match of text.matchAll(emailPattern)) add('email-address', match);
	for (const match of text.matchAll(wordAtEmailPattern)) add('email-address', match);

	for (const match of digits.matchAll(numericDatePattern)) {
		const [, first = '', , second = '', year = ''] = match;
		const a = Number(first);
		const b = Number(second);
		if ((isDayMonth(a, b) || isDayMonth(b, a)) && isFourDigitYear(year)) {
			const y = fullYear(year, options.today);
			add(
				'date-of-birth',
				match,
				isDayMonth(a, b) ? { day: a, month: b, year: y } : { day: b, month: a, year: y }
			);
		}
	}
	for (const match of digits.matchAll(isoDatePattern)) {
		const [, year = '', , month = '', day = ''] = match;
		if (isFourDigitYear(year) && isDayMonth(Number(day), Number(month))) {
			add('date-of-birth', match, { year: Number(year), month: Number(month), day: Number(day) });
		}
	}
	for (const pattern of [dayMonthYearPattern, monthDayYearPattern])
		for (const match of digits.matchAll(pattern)) {
			const { day = '', month = '', year = '' } = match.groups ?? {};
			add('date-of-birth', match, {
				day: Number(day),
				month: MONTH_NAMES.indexOf(month.slice(0, 3).toLowerCase()) + 1,
				year: fullYear(year.replace(/^['\u2019]/, ''), options.today)
			});
		}
	for (const match of digits.matchAll(birthSixDigitPattern)) {
		const [, , day = '', , month = '', year = ''] = match;
		const date = { day: Number(day), month: Number(month), year: fullYear(year, options.today) };
		const shown = match.groups?.date ?? '';
		const index = match.index + match[0].length - shown.length;
		if (isRealDate(date))
			found.push({
				kind: 'date-of-birth',
				index,
				match: text.slice(index, index + shown.length),
				date
			});
	}

	return found.filter(
		(located) => located.kind !== 'date-of-birth' || couldBeBirth(located, digits, options)
	);
}

/** The same day a year earlier, as YYYY-MM-DD (29 February gives 29 February: compared as text). */
function yearBefore(today: string): string {
	return `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
}

/**
 * In text that records work, a full date counts only when it could be a date of birth: a word
 * for birth just before it, or more than a year ago. Anywhere else every full date counts.
 */
function couldBeBirth(located: Located, text: string, options: ScreenOptions): boolean {
	if (!options.today || !located.date) return true;
	if (birthWordBefore.test(text.slice(Math.max(0, located.index - 40), located.index))) return true;
	const { year, month, day } = located.date;
	const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return iso < yearBefore(options.today);
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
