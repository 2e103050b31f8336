/**
 * The detectors behind the anonymity screen (anonymity.ts): each finds one kind of identifier in
 * the text, with where it starts, reading look-alike letters as digits where they sit in a number.
 * The decisions they hold are written at the top of anonymity.ts.
 */
import type { FoundIdentifier, IdentifierKind, ScreenOptions } from './anonymity';
import {
	birthSixDigitPattern,
	birthWordBefore,
	dayMonthYearPattern,
	digitRunPattern,
	emailPattern,
	internationalPhonePattern,
	isoDatePattern,
	lookalikeChainPattern,
	LOOKALIKES,
	MONTH_NAMES,
	monthDayYearPattern,
	nationalPhonePattern,
	numericDatePattern,
	postcodePattern,
	spacedPostcodePattern,
	tenDigitPattern,
	wordAtEmailPattern
} from './anonymity-patterns';

interface CalendarDate {
	year: number;
	month: number;
	day: number;
}

export interface Located extends FoundIdentifier {
	index: number;
	/** For a date: the day it names (day/month/year read first, then month/day/year). */
	date?: CalendarDate;
}

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

export function locateAll(text: string, options: ScreenOptions): Located[] {
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
