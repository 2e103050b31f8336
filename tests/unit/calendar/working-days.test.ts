import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	easterSunday,
	englandAndWalesBankHolidays,
	isWorkingDay,
	meetingSeries,
	oneYearAfter,
	subtractWorkingDays
} from '$lib/calendar/working-days';

// Expected lists written out by hand from GOV.UK's England and Wales bank holidays.
const GOV_UK_BANK_HOLIDAYS: [number, [string, string][]][] = [
	[
		2012,
		[
			['2012-01-02', 'New Year’s Day (substitute day)'],
			['2012-04-06', 'Good Friday'],
			['2012-04-09', 'Easter Monday'],
			['2012-05-07', 'Early May bank holiday'],
			['2012-06-04', 'Spring bank holiday'],
			['2012-06-05', 'Queen’s Diamond Jubilee'],
			['2012-08-27', 'Summer bank holiday'],
			['2012-12-25', 'Christmas Day'],
			['2012-12-26', 'Boxing Day']
		]
	],
	[
		2019,
		[
			['2019-01-01', 'New Year’s Day'],
			['2019-04-19', 'Good Friday'],
			['2019-04-22', 'Easter Monday'],
			['2019-05-06', 'Early May bank holiday'],
			['2019-05-27', 'Spring bank holiday'],
			['2019-08-26', 'Summer bank holiday'],
			['2019-12-25', 'Christmas Day'],
			['2019-12-26', 'Boxing Day']
		]
	],
	[
		2020,
		[
			['2020-01-01', 'New Year’s Day'],
			['2020-04-10', 'Good Friday'],
			['2020-04-13', 'Easter Monday'],
			['2020-05-08', 'Early May bank holiday (VE Day)'],
			['2020-05-25', 'Spring bank holiday'],
			['2020-08-31', 'Summer bank holiday'],
			['2020-12-25', 'Christmas Day'],
			['2020-12-28', 'Boxing Day (substitute day)']
		]
	],
	[
		2021,
		[
			['2021-01-01', 'New Year’s Day'],
			['2021-04-02', 'Good Friday'],
			['2021-04-05', 'Easter Monday'],
			['2021-05-03', 'Early May bank holiday'],
			['2021-05-31', 'Spring bank holiday'],
			['2021-08-30', 'Summer bank holiday'],
			['2021-12-27', 'Christmas Day (substitute day)'],
			['2021-12-28', 'Boxing Day (substitute day)']
		]
	],
	[
		2022,
		[
			['2022-01-03', 'New Year’s Day (substitute day)'],
			['2022-04-15', 'Good Friday'],
			['2022-04-18', 'Easter Monday'],
			['2022-05-02', 'Early May bank holiday'],
			['2022-06-02', 'Spring bank holiday'],
			['2022-06-03', 'Platinum Jubilee bank holiday'],
			['2022-08-29', 'Summer bank holiday'],
			['2022-09-19', 'Bank holiday for the State Funeral of Queen Elizabeth II'],
			['2022-12-26', 'Boxing Day'],
			['2022-12-27', 'Christmas Day (substitute day)']
		]
	],
	[
		2023,
		[
			['2023-01-02', 'New Year’s Day (substitute day)'],
			['2023-04-07', 'Good Friday'],
			['2023-04-10', 'Easter Monday'],
			['2023-05-01', 'Early May bank holiday'],
			['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
			['2023-05-29', 'Spring bank holiday'],
			['2023-08-28', 'Summer bank holiday'],
			['2023-12-25', 'Christmas Day'],
			['2023-12-26', 'Boxing Day']
		]
	],
	[
		2024,
		[
			['2024-01-01', 'New Year’s Day'],
			['2024-03-29', 'Good Friday'],
			['2024-04-01', 'Easter Monday'],
			['2024-05-06', 'Early May bank holiday'],
			['2024-05-27', 'Spring bank holiday'],
			['2024-08-26', 'Summer bank holiday'],
			['2024-12-25', 'Christmas Day'],
			['2024-12-26', 'Boxing Day']
		]
	],
	[
		2025,
		[
			['2025-01-01', 'New Year’s Day'],
			['2025-04-18', 'Good Friday'],
			['2025-04-21', 'Easter Monday'],
			['2025-05-05', 'Early May bank holiday'],
			['2025-05-26', 'Spring bank holiday'],
			['2025-08-25', 'Summer bank holiday'],
			['2025-12-25', 'Christmas Day'],
			['2025-12-26', 'Boxing Day']
		]
	],
	[
		2026,
		[
			['2026-01-01', 'New Year’s Day'],
			['2026-04-03', 'Good Friday'],
			['2026-04-06', 'Easter Monday'],
			['2026-05-04', 'Early May bank holiday'],
			['2026-05-25', 'Spring bank holiday'],
			['2026-08-31', 'Summer bank holiday'],
			['2026-12-25', 'Christmas Day'],
			['2026-12-28', 'Boxing Day (substitute day)']
		]
	],
	[
		2027,
		[
			['2027-01-01', 'New Year’s Day'],
			['2027-03-26', 'Good Friday'],
			['2027-03-29', 'Easter Monday'],
			['2027-05-03', 'Early May bank holiday'],
			['2027-05-31', 'Spring bank holiday'],
			['2027-08-30', 'Summer bank holiday'],
			['2027-12-27', 'Christmas Day (substitute day)'],
			['2027-12-28', 'Boxing Day (substitute day)']
		]
	]
];

describe('bank holidays in England and Wales', () => {
	it.each(GOV_UK_BANK_HOLIDAYS)('%i matches GOV.UK', (year, expected) => {
		expect(englandAndWalesBankHolidays(year)).toEqual(
			expected.map(([date, name]) => ({ date, name }))
		);
	});

	it.each([
		[2008, '2008-03-23'],
		[2011, '2011-04-24'],
		[2019, '2019-04-21'],
		[2020, '2020-04-12'],
		[2021, '2021-04-04'],
		[2022, '2022-04-17'],
		[2023, '2023-04-09'],
		[2024, '2024-03-31'],
		[2025, '2025-04-20'],
		[2026, '2026-04-05'],
		[2027, '2027-03-28'],
		[2028, '2028-04-16'],
		[2029, '2029-04-01'],
		[2038, '2038-04-25'],
		[2285, '2285-03-22']
	])('Easter Sunday %i is %s', (year, date) => {
		expect(easterSunday(year)).toBe(date);
	});

	it.each([
		// 2016: 25 December a Sunday, so Boxing Day keeps Monday and Christmas moves to Tuesday.
		[2016, ['2016-12-26', 'Boxing Day'], ['2016-12-27', 'Christmas Day (substitute day)']],
		// 2010: 25 Saturday, 26 Sunday.
		[
			2010,
			['2010-12-27', 'Christmas Day (substitute day)'],
			['2010-12-28', 'Boxing Day (substitute day)']
		],
		// 2015: 25 Friday, 26 Saturday.
		[2015, ['2015-12-25', 'Christmas Day'], ['2015-12-28', 'Boxing Day (substitute day)']]
	])('places Christmas %i and its substitutes', (year, christmas, boxing) => {
		const december = englandAndWalesBankHolidays(year)
			.filter((holiday) => holiday.date.startsWith(`${year}-12-`))
			.map(({ date, name }) => [date, name]);
		expect(december).toEqual([christmas, boxing]);
	});

	it.each([
		// 2011 Saturday → Monday 3rd; 2017 Sunday → Monday 2nd.
		[2011, '2011-01-03'],
		[2017, '2017-01-02'],
		[2028, '2028-01-03']
	])('moves New Year’s Day %i off the weekend to %s', (year, date) => {
		expect(englandAndWalesBankHolidays(year)[0]).toEqual({
			date,
			name: 'New Year’s Day (substitute day)'
		});
	});

	it.each([
		[1981, '1981-07-29', 'Royal wedding'],
		[1999, '1999-12-31', 'Millennium bank holiday'],
		[2002, '2002-06-03', 'Golden Jubilee bank holiday'],
		[2011, '2011-04-29', 'Royal wedding']
	])('keeps the one-off bank holiday in %i', (year, date, name) => {
		expect(englandAndWalesBankHolidays(year)).toContainEqual({ date, name });
	});

	it('drops the usual date of a moved bank holiday', () => {
		const dates2002 = englandAndWalesBankHolidays(2002).map((holiday) => holiday.date);
		expect(dates2002).toContain('2002-06-04');
		expect(dates2002).not.toContain('2002-05-27');
		const dates1995 = englandAndWalesBankHolidays(1995).map((holiday) => holiday.date);
		expect(dates1995).toContain('1995-05-08');
		expect(dates1995).not.toContain('1995-05-01');
	});

	it('returns a fresh list each time', () => {
		const first = englandAndWalesBankHolidays(2026);
		first.pop();
		expect(englandAndWalesBankHolidays(2026)).toHaveLength(8);
	});

	it.each([1977, 2026.5, 10000, Number.NaN])('refuses year %s', (year) => {
		expect(() => englandAndWalesBankHolidays(year)).toThrow(RangeError);
	});
});

describe('working days', () => {
	it.each([
		['2026-12-07', true], // Monday
		['2026-12-04', true], // Friday
		['2026-12-05', false], // Saturday
		['2026-12-06', false], // Sunday
		['2026-12-25', false], // Christmas Day
		['2026-12-28', false], // Boxing Day (substitute day)
		['2026-12-29', true],
		['2027-01-01', false],
		['2026-04-03', false], // Good Friday
		['2026-04-06', false], // Easter Monday
		['2020-05-04', true], // Early May moved to VE Day
		['2020-05-08', false],
		['2022-05-30', true], // Spring bank holiday moved to 2 June
		['2022-06-02', false],
		['2022-09-19', false],
		['2023-05-08', false],
		['2028-02-29', true]
	])('%s is a working day: %s', (date, expected) => {
		expect(isWorkingDay(date)).toBe(expected);
	});

	it('counts closure days as non-working', () => {
		const closures = new Set(['2026-12-29', '2026-12-30', '2026-12-31']);
		expect(isWorkingDay('2026-12-29', closures)).toBe(false);
		expect(isWorkingDay('2026-12-24', closures)).toBe(true);
	});

	it.each(['2026-02-30', '2026-2-3', '07/12/2026', '', '2026-12-07T10:00'])(
		'refuses %j',
		(date) => {
			expect(() => isWorkingDay(date)).toThrow(RangeError);
		}
	);
});

describe('counting working days back', () => {
	it.each([
		// The submission deadline: five working days before a Monday meeting.
		['2026-12-07', 5, '2026-11-30'],
		['2026-12-07', 1, '2026-12-04'],
		['2026-12-08', 1, '2026-12-07'],
		['2026-12-06', 1, '2026-12-04'], // from a Sunday
		['2026-12-07', 0, '2026-12-07'],
		['2026-12-07', 10, '2026-11-23'],
		// Christmas 2026: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute), Fri 1 Jan 2027.
		['2027-01-05', 1, '2027-01-04'],
		['2027-01-05', 2, '2026-12-31'],
		['2027-01-05', 5, '2026-12-24'],
		['2027-01-05', 6, '2026-12-23'],
		// Christmas 2021: Mon 27, Tue 28 Dec and Mon 3 Jan 2022 all bank holidays.
		['2022-01-04', 3, '2021-12-29'],
		['2022-01-04', 4, '2021-12-24'],
		// Easter 2026: Good Friday 3 April, Easter Monday 6 April.
		['2026-04-07', 1, '2026-04-02'],
		['2026-04-09', 5, '2026-03-31'],
		// Month ends and leap years.
		['2026-03-02', 1, '2026-02-27'],
		['2027-03-01', 1, '2027-02-26'],
		['2028-03-01', 1, '2028-02-29'],
		['2028-03-01', 3, '2028-02-25'],
		// Jubilee 2022: Thu 2 and Fri 3 June.
		['2022-06-06', 1, '2022-06-01']
	])('%s minus %i working days is %s', (date, count, expected) => {
		expect(subtractWorkingDays(date, count)).toBe(expected);
	});

	it('skips council closure days', () => {
		expect(subtractWorkingDays('2026-12-07', 5, new Set(['2026-12-03']))).toBe('2026-11-27');
	});

	it('ignores closures that fall on a weekend or bank holiday', () => {
		const closures = new Set(['2026-12-05', '2026-12-06', '2026-12-25']);
		expect(subtractWorkingDays('2026-12-07', 5, closures)).toBe('2026-11-30');
	});

	it('skips closure days between Christmas and New Year', () => {
		const closures = new Set(['2026-12-29', '2026-12-30', '2026-12-31']);
		expect(subtractWorkingDays('2027-01-05', 2, closures)).toBe('2026-12-24');
	});

	it.each([-1, 1.5, Number.NaN])('refuses a count of %s', (count) => {
		expect(() => subtractWorkingDays('2026-12-07', count)).toThrow(RangeError);
	});
});

describe('counting working days forward', () => {
	it.each([
		['2026-12-04', 1, '2026-12-07'], // Friday to Monday
		['2026-12-05', 1, '2026-12-07'], // from a Saturday
		['2026-12-07', 5, '2026-12-14'],
		['2026-12-07', 0, '2026-12-07'],
		['2026-12-24', 1, '2026-12-29'],
		['2026-12-31', 1, '2027-01-04'],
		['2026-12-23', 3, '2026-12-30'],
		['2026-12-23', 5, '2027-01-04'],
		['2026-04-02', 1, '2026-04-07'],
		['2026-01-30', 1, '2026-02-02'],
		['2026-03-31', 1, '2026-04-01'],
		['2027-02-26', 1, '2027-03-01'],
		['2028-02-25', 2, '2028-02-29'],
		['2028-02-25', 3, '2028-03-01']
	])('%s plus %i working days is %s', (date, count, expected) => {
		expect(addWorkingDays(date, count)).toBe(expected);
	});

	it('skips council closure days', () => {
		const closures = new Set(['2026-12-29', '2026-12-30']);
		expect(addWorkingDays('2026-12-24', 1, closures)).toBe('2026-12-31');
	});

	it('refuses a negative count', () => {
		expect(() => addWorkingDays('2026-12-07', -5)).toThrow(RangeError);
	});
});

describe('meeting series', () => {
	const everySixWeeks = [
		'2026-12-07',
		'2027-01-18',
		'2027-03-01',
		'2027-04-12',
		'2027-05-24',
		'2027-07-05',
		'2027-08-16',
		'2027-09-27',
		'2027-11-08'
	];

	it('meets every 6 weeks for a year: 9 dates', () => {
		expect(meetingSeries('2026-12-07', 6, '2027-12-07')).toEqual(everySixWeeks);
	});

	it('leaves out a date the chair removed', () => {
		const dates = meetingSeries('2026-12-07', 6, '2027-12-07', new Set(['2027-05-24']));
		expect(dates).toHaveLength(8);
		expect(dates).toEqual(everySixWeeks.filter((date) => date !== '2027-05-24'));
	});

	it('ignores skipped dates that are not in the series', () => {
		expect(meetingSeries('2026-12-07', 6, '2027-12-07', new Set(['2027-05-25']))).toEqual(
			everySixWeeks
		);
	});

	it('meets every 4 weeks for a year: 14 dates', () => {
		expect(meetingSeries('2026-12-07', 4, '2027-12-07')).toEqual([
			'2026-12-07',
			'2027-01-04',
			'2027-02-01',
			'2027-03-01',
			'2027-03-29',
			'2027-04-26',
			'2027-05-24',
			'2027-06-21',
			'2027-07-19',
			'2027-08-16',
			'2027-09-13',
			'2027-10-11',
			'2027-11-08',
			'2027-12-06'
		]);
	});

	it('includes the last date when it falls on `until`', () => {
		expect(meetingSeries('2026-12-07', 2, '2027-01-04')).toEqual([
			'2026-12-07',
			'2026-12-21',
			'2027-01-04'
		]);
		expect(meetingSeries('2026-12-07', 2, '2027-01-03')).toEqual(['2026-12-07', '2026-12-21']);
	});

	it('is empty when `until` is before the first date', () => {
		expect(meetingSeries('2026-12-07', 6, '2026-12-06')).toEqual([]);
	});

	it.each([0, -6, 1.5])('refuses meetings %s weeks apart', (weeks) => {
		expect(() => meetingSeries('2026-12-07', weeks, '2027-12-07')).toThrow(RangeError);
	});

	it('refuses a malformed end date', () => {
		expect(() => meetingSeries('2026-12-07', 6, '2027-13-01')).toThrow(RangeError);
	});
});

describe('one year after', () => {
	it.each([
		['2026-12-07', '2027-12-07'],
		['2027-02-28', '2028-02-28'],
		['2028-02-29', '2029-02-28'],
		['2027-12-31', '2028-12-31']
	])('%s → %s', (date, expected) => {
		expect(oneYearAfter(date)).toBe(expected);
	});
});
