/**
 * The patterns the anonymity screen (anonymity.ts) looks for: postcode areas, the separators careless
 * typing puts inside a number, phone numbers, email addresses (disguised too), dates and the words
 * for birth. What each one is for, and why, is written at the top of anonymity.ts.
 */

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
export const postcodePattern = new RegExp(
	`(?<![A-Z\\d])(?:GIR${SPACE}?0${SPACE}?A${SPACE}?A|` +
		`(?:(?:${TWO_LETTER_AREAS})${SPACE}?|(?:${ONE_LETTER_AREAS}))\\d[A-Z\\d]?` +
		`(?:${SPACE}|-)?\\d${SPACE}?${INWARD_LETTER}${SPACE}?${INWARD_LETTER})(?![A-Z\\d])`,
	'gi'
);

/** A space between every character: "H R 4 9 A B", "B 3 3 8 T H". */
export const spacedPostcodePattern = new RegExp(
	`(?<![A-Z\\d])(?:${POSTCODE_AREAS.map((area) => area.split('').join(SPACE)).join('|')})` +
		`${SPACE}\\d(?:${SPACE}[A-Z\\d])?${SPACE}\\d${SPACE}${INWARD_LETTER}${SPACE}${INWARD_LETTER}(?![A-Z\\d])`,
	'gi'
);

/** Ten digits together or grouped 3-3-4 with the same separator twice. */
export const tenDigitPattern = new RegExp(
	`(?<![\\d+])\\d{3}(${SEPARATOR}?)\\d{3}\\1\\d{4}(?!\\d)`,
	'g'
);

/**
 * A UK national number: 0 then 1, 2, 3, 7 or 8, then nine more digits, each optionally after a
 * closing bracket and one separator ("(01568) 612345", "07700 900 123", "01432-260000").
 */
export const nationalPhonePattern = new RegExp(
	`(?<![\\d+])\\(?0[12378](?:\\)?${SEPARATOR}?\\d){9}(?!\\d)`,
	'g'
);

/** +44 or 0044, an optional "(0)", then the ten digits after the leading 0. */
export const internationalPhonePattern = new RegExp(
	`(?<![\\d+])(?:\\+|00)44${SEPARATOR}?(?:\\(0\\)${SEPARATOR}?)?\\(?[12378](?:\\)?${SEPARATOR}?\\d){9}(?!\\d)`,
	'g'
);

/** Groups of digits with only gaps between them: the groups careless typing makes of one number. */
export const digitRunPattern = new RegExp(`(?<!\\d)\\d+(?:${GAP}\\d+)*(?!\\d)`, 'g');

/** Groups of digits and look-alike letters, standing apart from any word. */
export const lookalikeChainPattern = new RegExp(
	`(?<![\\p{L}\\p{N}])[\\dOoIl]+(?:${GAP}[\\dOoIl]+)*(?![\\p{L}\\p{N}])`,
	'gu'
);
export const LOOKALIKES: Record<string, string> = { O: '0', o: '0', I: '1', l: '1' };

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

export const emailPattern = new RegExp(
	`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}${AT_SIGN}${DOMAIN}\\p{L}{2,}(?![\\p{L}\\p{N}])`,
	'giu'
);
/** The bare word "at": only before a common ending, so ordinary sentences pass. */
export const wordAtEmailPattern = new RegExp(
	`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}\\s+at\\s+${DOMAIN}(?:${COMMON_ENDINGS})(?![\\p{L}\\p{N}\\-])`,
	'giu'
);

/** Day/month/year or month/day/year, with /, - or . used the same way twice ("12 / 3 / 15"). */
export const numericDatePattern =
	/(?<![\d/.-])(\d{1,2})( ?\/ ?|[.-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[/.-]\d)/g;
/** Year-month-day (ISO 8601 and its slashed and dotted cousins). */
export const isoDatePattern = /(?<![\d/.-])(\d{4})([/.-])(\d{1,2})\2(\d{1,2})(?!\d|[/.-]\d)/g;

const DAY = '(?<day>0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
export const MONTH_NAMES = 'jan feb mar apr may jun jul aug sep oct nov dec'.split(' ');
const MONTH =
	'(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
	'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** A four-digit year from 1900 to 2099, or an abbreviated one with an apostrophe ('15). */
const YEAR = "(?<year>(?:19|20)\\d{2}|['\u2019]\\d{2})(?!\\d)";

/** "12 March 2015", "12th of March, 2015", "12 Mar. 2015", "12-Mar-2015". */
export const dayMonthYearPattern = new RegExp(
	`\\b${DAY}(?:\\s+of)?(?:\\s+|\\s*[-/]\\s*)${MONTH},?(?:\\s+|\\s*[-/]\\s*)${YEAR}`,
	'gi'
);
/** "March 12, 2015", "March 12th 2015", "Mar 12 2015", "March the 12th, 2015". */
export const monthDayYearPattern = new RegExp(
	`\\b${MONTH}\\s+(?:the\\s+)?${DAY},?\\s+${YEAR}`,
	'gi'
);

/** A word for birth, and what may come between it and the date ("born on the", "DOB:"). */
const BIRTH_WORD =
	'(?:\\bborn|\\bd\\.?\\s?o\\.?\\s?b\\b\\.?|\\bdate\\s+of\\s+birth|\\bbirth\\s?day|\\bb\\.)' +
	'[\\s:,.\\-]*(?:(?:is|was)\\s+)?(?:on\\s+)?(?:the\\s+)?';
export const birthWordBefore = new RegExp(`${BIRTH_WORD}$`, 'i');
/** Six digits after a word for birth: "DOB 120315", "born 12 03 15". */
export const birthSixDigitPattern = new RegExp(
	`${BIRTH_WORD}(?<date>(\\d{2})([ .\\/-]?)(\\d{2})\\3(\\d{2}))(?!\\d)`,
	'gi'
);
