import { describe, expect, it } from 'vitest';
import {
	anonymityProblem,
	findIdentifiers,
	isValidNhsNumber,
	type IdentifierKind
} from '$lib/server/agenda/anonymity';

describe('NHS number modulus 11 check', () => {
	it.each([
		['9434765919', true, 'NHS test number, check digit 9'],
		['4010232137', true, 'NHS test number, check digit 7'],
		['4000000020', true, '11 − (sum mod 11) is 11, so the check digit is 0'],
		['9434765918', false, 'last digit one off'],
		['9434765910', false, 'last digit wrong'],
		['1234567890', false, '11 − (sum mod 11) is 10: never valid'],
		['1234567899', false, '11 − (sum mod 11) is 10, whatever the last digit'],
		['4934765919', false, 'two digits swapped'],
		['943476591', false, 'nine digits'],
		['94347659190', false, 'eleven digits'],
		['943 476 5919', false, 'spaces: only bare digits are checked'],
		['94347659l9', false, 'a letter l for a 1'],
		['', false, 'empty']
	])('%s is %s (%s)', (digits, valid) => {
		expect(isValidNhsNumber(digits)).toBe(valid);
	});
});

describe('text that must be refused', () => {
	it.each<[string, IdentifierKind, string]>([
		// Postcodes
		['Lives at 4 Bridge St, HR6 8AB', 'postcode', 'HR6 8AB'],
		['family moved to hr68ab last month', 'postcode', 'hr68ab'],
		['school is near SW1A 1AA', 'postcode', 'SW1A 1AA'],
		['address EC1A1BB', 'postcode', 'EC1A1BB'],
		['flat in M1 1AE', 'postcode', 'M1 1AE'],
		['nan lives in B33 8TH', 'postcode', 'B33 8TH'],
		['postcode DN55 1PT', 'postcode', 'DN55 1PT'],
		['c/o GIR 0AA', 'postcode', 'GIR 0AA'],
		// NHS numbers
		['NHS no 943 476 5919', 'nhs-number', '943 476 5919'],
		['NHS number 943-476-5919 on the letter', 'nhs-number', '943-476-5919'],
		['GP letter quotes 9434765919', 'nhs-number', '9434765919'],
		['health ref 4010232137', 'nhs-number', '4010232137'],
		// Phone numbers
		['call mum on 07700 900123', 'phone-number', '07700 900123'],
		['mobile 07700900123 after 3pm', 'phone-number', '07700900123'],
		['school office 01432 260000', 'phone-number', '01432 260000'],
		['ring (01568) 612345', 'phone-number', '(01568) 612345'],
		['dad 07700 900 123', 'phone-number', '07700 900 123'],
		['nan 07700-900-123', 'phone-number', '07700-900-123'],
		['London number 020 7946 0018', 'phone-number', '020 7946 0018'],
		['Birmingham 0121 496 0000', 'phone-number', '0121 496 0000'],
		['text +44 7700 900123', 'phone-number', '+44 7700 900123'],
		['from abroad +44 (0)1432 260000', 'phone-number', '+44 (0)1432 260000'],
		['whatsapp +447700900123', 'phone-number', '+447700900123'],
		['or 0044 7700 900123', 'phone-number', '0044 7700 900123'],
		['old number 0123456789', 'phone-number', '0123456789'],
		// Email addresses
		['email mum at jo.bloggs@example.co.uk', 'email-address', 'jo.bloggs@example.co.uk'],
		['contact (sam+school@example.org)', 'email-address', 'sam+school@example.org'],
		// Full dates
		['DOB 12/03/2015', 'date-of-birth', '12/03/2015'],
		['born 12th March 2015', 'date-of-birth', '12th March 2015'],
		['dob 12-03-15', 'date-of-birth', '12-03-15'],
		['born 12.03.2015', 'date-of-birth', '12.03.2015'],
		['b. 1/3/15', 'date-of-birth', '1/3/15'],
		['date of birth 2015-03-12', 'date-of-birth', '2015-03-12'],
		['born March 12, 2015', 'date-of-birth', 'March 12, 2015'],
		['born 12 Mar 2015', 'date-of-birth', '12 Mar 2015'],
		['born on the 12th of March 2015', 'date-of-birth', '12th of March 2015'],
		['born 12-Mar-2015', 'date-of-birth', '12-Mar-2015'],
		["born 3rd Sept '15", 'date-of-birth', "3rd Sept '15"],
		['excluded on 4 February 2025 after an incident', 'date-of-birth', '4 February 2025']
	])('%s → %s', (text, kind, match) => {
		expect(findIdentifiers(text)).toEqual([{ kind, match }]);
		expect(anonymityProblem(text)).not.toBeNull();
	});
});

describe('text that must pass', () => {
	it.each([
		'Boy aged 7 at a primary school in north Leominster, attendance 82% since September, mum reports he is not sleeping',
		'Family in the HR6 area, two children at the same school',
		'Concern raised in Year 10, lasting 12 minutes each time',
		'Y6 2nd exclusion this term; KS2 3rd attempt at the reading test',
		'meeting at 10:30 on Tuesday',
		'2 children, 3 and 5 years old',
		'£250 rent arrears',
		'£1,250.50 owed to the council since 2023',
		'moved here in March 2015, school place since September',
		'born in 2015, birthday on 12 March',
		'on 12 March 15 people came to the drop-in',
		'scored 3/4 on the assessment, Year 3',
		'school years 2014/15 and 2015/16',
		'ref 9434765918 (fails the NHS check, does not start with 0)',
		'case count 1234567890',
		'roll number 94347659190 (eleven digits, not an NHS number)',
		'roll number 19434765919 (eleven digits, not an NHS number)',
		'claim reference 207700900123 (twelve digits, not a phone number)',
		'Home is off the M50 1km from school',
		'archive box 3/4/1234',
		'7 incidents, 10 sessions, 0-19 team involved',
		'reply by email or phone, not by post'
	])('%s', (text) => {
		expect(findIdentifiers(text)).toEqual([]);
		expect(anonymityProblem(text)).toBeNull();
	});
});

describe('identifiers typed carelessly, which must be refused too', () => {
	it.each<[string, IdentifierKind, string]>([
		// Postcodes, spaced and run together
		['moved to HR4 9 AB in the spring', 'postcode', 'HR4 9 AB'],
		['lives hr49ab', 'postcode', 'hr49ab'],
		['near H R 4 9 A B', 'postcode', 'H R 4 9 A B'],
		['near HR 4 9AB', 'postcode', 'HR 4 9AB'],
		['flat at hr4 9 a b', 'postcode', 'hr4 9 a b'],
		['address HR4-9AB', 'postcode', 'HR4-9AB'],
		['nan in B 3 3 8 T H', 'postcode', 'B 3 3 8 T H'],
		['house at sw1a 1 aa', 'postcode', 'sw1a 1 aa'],
		// Phone numbers, however they are grouped
		['mum 07700 900 123', 'phone-number', '07700 900 123'],
		['mum 0 7 7 0 0 9 0 0 1 2 3', 'phone-number', '0 7 7 0 0 9 0 0 1 2 3'],
		['dad +44 7700-900123', 'phone-number', '+44 7700-900123'],
		['school (01432) 260000', 'phone-number', '(01432) 260000'],
		['ring 07700 - 900 - 123', 'phone-number', '07700 - 900 - 123'],
		['text + 44 7700 900123', 'phone-number', '+ 44 7700 900123'],
		['abroad 0044 (0) 7700 900123', 'phone-number', '0044 (0) 7700 900123'],
		['call 0 1 4 3 2 2 6 0 0 0 0', 'phone-number', '0 1 4 3 2 2 6 0 0 0 0'],
		['mobile07700900123', 'phone-number', '07700900123'],
		['call 07700 900123pm', 'phone-number', '07700 900123'],
		// A letter O for a zero, l or I for a one, inside a number
		['mum O77OO 9OO123', 'phone-number', 'O77OO 9OO123'],
		['mum 0 7 7 O O 9 O O 1 2 3', 'phone-number', '0 7 7 O O 9 O O 1 2 3'],
		['ring 0l432 26OOOO', 'phone-number', '0l432 26OOOO'],
		['NHS 943 476 59l9', 'nhs-number', '943 476 59l9'],
		['NHS 943 476 59I9', 'nhs-number', '943 476 59I9'],
		['NHS 94347659l9', 'nhs-number', '94347659l9'],
		['born 12/O3/2O15', 'date-of-birth', '12/O3/2O15'],
		// NHS numbers
		['NHS 943 476 5919', 'nhs-number', '943 476 5919'],
		['NHS 943-476-5919', 'nhs-number', '943-476-5919'],
		['NHS 9 4 3 4 7 6 5 9 1 9', 'nhs-number', '9 4 3 4 7 6 5 9 1 9'],
		['NHS 943 4765919', 'nhs-number', '943 4765919'],
		['NHS 943476 5919', 'nhs-number', '943476 5919'],
		['NHS 943 476-5919', 'nhs-number', '943 476-5919'],
		// Email addresses in disguise
		['email jo.bloggs at gmail dot com', 'email-address', 'jo.bloggs at gmail dot com'],
		['email jo[at]example[dot]org', 'email-address', 'jo[at]example[dot]org'],
		['email jo (at) example.org', 'email-address', 'jo (at) example.org'],
		['email jo @ example.org', 'email-address', 'jo @ example.org'],
		['email jo{at}example{dot}com', 'email-address', 'jo{at}example{dot}com'],
		['email jo@example dot org', 'email-address', 'jo@example dot org'],
		['email JO AT EXAMPLE DOT ORG', 'email-address', 'JO AT EXAMPLE DOT ORG'],
		[
			'jo dot bloggs at hotmail dot co dot uk',
			'email-address',
			'jo dot bloggs at hotmail dot co dot uk'
		],
		['write to jo at school.sch.uk', 'email-address', 'jo at school.sch.uk'],
		['email jo<at>example<dot>net', 'email-address', 'jo<at>example<dot>net'],
		// Dates of birth as digits and in words
		['DOB 12032015', 'date-of-birth', '12032015'],
		['born 20150312', 'date-of-birth', '20150312'],
		['born 2015 03 12', 'date-of-birth', '2015 03 12'],
		['born 12 03 2015', 'date-of-birth', '12 03 2015'],
		['born 12 3 2015', 'date-of-birth', '12 3 2015'],
		['born 1 2 0 3 2 0 1 5', 'date-of-birth', '1 2 0 3 2 0 1 5'],
		['born 12 / 03 / 2015', 'date-of-birth', '12 / 03 / 2015'],
		['born 12th March 2015', 'date-of-birth', '12th March 2015'],
		['born March 12 2015', 'date-of-birth', 'March 12 2015'],
		['born March the 12th, 2015', 'date-of-birth', 'March the 12th, 2015'],
		['born 3/4/15', 'date-of-birth', '3/4/15'],
		['DOB 12.3.15', 'date-of-birth', '12.3.15'],
		['DOB 120315', 'date-of-birth', '120315'],
		['DOB: 12 03 15', 'date-of-birth', '12 03 15'],
		['d.o.b. 12-3-15', 'date-of-birth', '12-3-15'],
		['date of birth 120315', 'date-of-birth', '120315']
	])('%s → %s', (text, kind, match) => {
		expect(findIdentifiers(text)).toEqual([{ kind, match }]);
		expect(anonymityProblem(text)).not.toBeNull();
	});
});

describe('ordinary text, which must pass however it is typed', () => {
	it.each([
		['an age', 'aged 7'],
		['an age in words', 'a 14 year old boy'],
		['a year group', 'Year 9'],
		['year groups in a row', 'Years 10 and 11, Year 5-6 2019/20'],
		['a count', '3 children'],
		['counts', '12 incidents in 2 weeks'],
		['a time', 'at 10:30'],
		['a time of day', 'at 3pm'],
		['a time range', 'Tuesday 3 - 5pm at the hub'],
		['NHS 111', 'told to ring NHS 111'],
		['emergency numbers', 'call 111 or 999'],
		['a tier', 'CAMHS tier 2'],
		['a level of need', 'level 3b'],
		['a room', 'Room 101'],
		['a score', 'scored 24/30'],
		['a scale', 'rated 0 1 2 3 4 5 6 7 8 9 10'],
		['a list of scores', 'attendance 82 85 90 91 88 79'],
		['a year', 'since 2019'],
		['two years', 'between 2019 and 2020'],
		['a school year', '2014-15'],
		['money', '£250'],
		['a percentage', 'attendance 82%'],
		['a school term', 'since the autumn term'],
		['a month', 'in March'],
		['a day and month', 'on 12 March'],
		['a month and year', 'since March 2015'],
		['classroom shorthand', 'Y6 2nd; KS2 3rd'],
		['a floor, spaced', 'Flat B 3 2nd floor'],
		['a floor after an area', 'SE 1 2nd floor'],
		['an age range', '0-19 team'],
		['a reference', 'case KIN-2026-0012'],
		['a pronoun among numbers', 'I saw him 3 times, I 2 think'],
		['a word with O and l', 'Room 101 at 10:30, 10lbs, 5l of water'],
		['at and dot in a sentence', 'She is at school.He is fine; meet at home dot'],
		['a sentence run on', 'Mum is at work.Dad is home'],
		['a motorway junction', 'M6 junction 2, S1 area'],
		['a bus', 'bus 44 to town'],
		['a dose', '2 x 10 mg'],
		[
			'a realistic note',
			'Mum says things have improved since the 2nd visit. School report 3 incidents in Year 8, 2 in Year 9. Next TAC 14 May at 10:30, Room 12. Scored 18/25 on SDQ. Waiting list 12-16 weeks.'
		]
	])('%s: %s', (_, text) => {
		expect(findIdentifiers(text)).toEqual([]);
		expect(anonymityProblem(text)).toBeNull();
	});

	it('reads a long text quickly, whatever it holds', () => {
		const text = [
			'1 '.repeat(2500),
			'O '.repeat(2500),
			'a.b.'.repeat(1200),
			' at dot '.repeat(600)
		];
		const started = performance.now();
		for (const each of text) findIdentifiers(each);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});

describe('full dates in text that records work (an action, a note, a reason)', () => {
	const today = '2026-05-11';
	it.each<[string, string | null]>([
		['TAC meeting on 12/05/2026', null],
		['referral sent 3 Feb 2026', null],
		['home visit booked for 2026-06-01', null],
		['seen 11 May 2025, a year ago to the day', null],
		['review by 30th June 2027', null],
		['DOB 12/03/2015', '12/03/2015'],
		['baby born 3/1/26', '3/1/26'],
		['date of birth 1 March 2026', '1 March 2026'],
		['birthday is 12.3.2020', '12.3.2020'],
		['b. 01/04/2026', '01/04/2026'],
		['seen 3/2/2024', '3/2/2024'],
		['excluded on 4 February 2019', '4 February 2019'],
		['letter dated 10 May 2025, a year and a day ago', '10 May 2025'],
		['old case 12032015', '12032015']
	])('%s → %s', (text, refused) => {
		expect(findIdentifiers(text, { today })).toEqual(
			refused ? [{ kind: 'date-of-birth', match: refused }] : []
		);
	});

	it('still refuses every full date in an anonymous item', () => {
		expect(findIdentifiers('TAC meeting on 12/05/2026')).toEqual([
			{ kind: 'date-of-birth', match: '12/05/2026' }
		]);
	});

	it('calls such a date a possible date of birth', () => {
		expect(anonymityProblem('Visited; baby born 3/1/26', 'Notes on actions', { today })).toBe(
			'Notes on actions must be anonymous: remove the possible date of birth (3/1/26). ' +
				'Give an age or a month and year instead, for example “aged 7” or “March 2015”.'
		);
	});

	it('screens everything else in work text as in an anonymous item', () => {
		expect(findIdentifiers('rang 0 7 7 0 0 9 0 0 1 2 3 on 12/05/2026', { today })).toEqual([
			{ kind: 'phone-number', match: '0 7 7 0 0 9 0 0 1 2 3' }
		]);
	});
});

describe('finding several identifiers', () => {
	it('returns every identifier in the order it appears', () => {
		expect(
			findIdentifiers(
				'Mum: 07700 900123, jo@example.org, HR6 8AB, DOB 12/03/2015, NHS 943 476 5919'
			)
		).toEqual([
			{ kind: 'phone-number', match: '07700 900123' },
			{ kind: 'email-address', match: 'jo@example.org' },
			{ kind: 'postcode', match: 'HR6 8AB' },
			{ kind: 'date-of-birth', match: '12/03/2015' },
			{ kind: 'nhs-number', match: '943 476 5919' }
		]);
	});

	it('reports a phone number inside an email address once, as the email address', () => {
		expect(findIdentifiers('write to jo07700900123@example.com')).toEqual([
			{ kind: 'email-address', match: 'jo07700900123@example.com' }
		]);
	});
});

describe('the message for the person typing', () => {
	it('names one kind, shows what matched and suggests what to write instead', () => {
		expect(anonymityProblem('Lives at 4 Bridge St, HR6 8AB')).toBe(
			'Advice requests must be anonymous: remove the postcode (HR6 8AB). ' +
				'Describe the area instead, for example “north Leominster”.'
		);
	});

	it('names several kinds in one sentence', () => {
		expect(anonymityProblem('NHS no 943 476 5919, call mum on 07700 900123')).toBe(
			'Advice requests must be anonymous: remove the NHS number (943 476 5919) ' +
				'and the phone number (07700 900123).'
		);
	});

	it('lists three kinds with commas and "and", then each suggestion', () => {
		expect(anonymityProblem('jo@example.org, born 12/03/2015, HR6 8AB')).toBe(
			'Advice requests must be anonymous: remove the email address (jo@example.org), ' +
				'the full date (12/03/2015) and the postcode (HR6 8AB). ' +
				'Give an age or a month and year instead, for example “aged 7” or “March 2015”. ' +
				'Describe the area instead, for example “north Leominster”.'
		);
	});

	it('uses the plural for two of a kind and shows a repeated match once', () => {
		expect(anonymityProblem('mum 07700 900123, dad 07700 900124, mum again 07700 900123')).toBe(
			'Advice requests must be anonymous: remove the phone numbers (07700 900123, 07700 900124).'
		);
	});

	it('names the place it is used', () => {
		expect(anonymityProblem('email jo@example.org', 'Community issues')).toBe(
			'Community issues must be anonymous: remove the email address (jo@example.org).'
		);
	});

	it('shows a disguised identifier as it was typed, spaces collapsed', () => {
		expect(anonymityProblem('call 0 7 7 0 0 9 0 0 1 2 3 or jo at gmail  dot com')).toBe(
			'Advice requests must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3) ' +
				'and the email address (jo at gmail dot com).'
		);
	});

	it('echoes only the matched text, never the rest of what was typed', () => {
		const message = anonymityProblem('Jo Bloggs, 4 Bridge Street, HR6 8AB, is struggling') ?? '';
		expect(message).toContain('(HR6 8AB)');
		expect(message).not.toContain('Bloggs');
		expect(message).not.toContain('Bridge');
	});

	it('is null when nothing identifying was typed', () => {
		expect(anonymityProblem('Girl aged 12, secondary school, worries about online contact')).toBe(
			null
		);
	});
});
