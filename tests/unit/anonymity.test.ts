import { describe, expect, it } from 'vitest';
import {
	anonymityProblem,
	findIdentifiers,
	isValidNhsNumber,
	type IdentifierKind
} from '$lib/server/anonymity';

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
