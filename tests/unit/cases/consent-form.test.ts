import { describe, expect, it } from 'vitest';
import {
	readConsentForm,
	readFlagDecisionForm,
	readWithdrawalForm
} from '$lib/server/cases/consent-form';
import { TODAY } from '../meeting-fixture';
import { formOf } from './form-of';

describe('the withdrawal date', () => {
	it.each([
		['missing', ['', '', ''], 'Enter the date consent was withdrawn'],
		['without a year', ['3', '5', ''], 'The date consent was withdrawn must include a year'],
		['not a real date', ['31', '2', '2027'], 'The date consent was withdrawn must be a real date'],
		[
			'in the future',
			['12', '5', '2027'],
			'The date consent was withdrawn must be today or in the past'
		],
		[
			'before consent was given',
			['28', '2', '2027'],
			'The date consent was withdrawn must be on or after the day it was given (1 March 2027)'
		],
		['today', ['11', '5', '2027'], null],
		['the day it was given', ['1', '3', '2027'], null]
	])('%s: %s', (_, [day, month, year], error) => {
		const read = readWithdrawalForm(
			formOf({ 'withdrawnOn-day': day!, 'withdrawnOn-month': month!, 'withdrawnOn-year': year! }),
			TODAY,
			'2027-03-01'
		);
		expect(read.errors.withdrawnOn ?? null).toBe(error);
		expect(read.date === null).toBe(error !== null);
		expect(read.values['withdrawnOn-day']).toBe(day);
	});

	it('a renewal needs who, the young person, a date signed not in the future, sharing and where the form is', () => {
		const read = readConsentForm(
			formOf({ 'signedOn-day': '12', 'signedOn-month': '5', 'signedOn-year': '2027' }),
			TODAY
		);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({
			givenBy: 'Enter who gave consent',
			youngPerson: 'Say whether the young person consented',
			signedOn: 'The date consent was signed must be today or in the past',
			sharesWith: 'Choose who the family agreed may know about them',
			partnerChecks:
				'Say whether the family agreed partners may check their own records before the meeting',
			formLocation: 'Enter where the signed consent form is kept'
		});
	});
});

describe('how long consent’s free text may be, at renewal', () => {
	const complete = {
		givenBy: 'Alex Example-Smith',
		youngPerson: 'not-of-age',
		'signedOn-day': '1',
		'signedOn-month': '3',
		'signedOn-year': '2027',
		coversMag: 'yes',
		sharesWith: 'all',
		partnerChecks: 'no',
		formLocation: 'Scanned to the case file'
	};
	it.each([
		['givenBy', 200, 'Who gave consent must be 200 characters or fewer'],
		['formLocation', 200, 'Where the signed consent form is kept must be 200 characters or fewer']
	])('%s takes %i characters and no more, what was typed kept', (field, limit, message) => {
		expect(
			readConsentForm(formOf({ ...complete, [field]: 'a'.repeat(limit) }), TODAY).errors
		).toEqual({});
		const read = readConsentForm(formOf({ ...complete, [field]: 'a'.repeat(limit + 1) }), TODAY);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({ [field]: message });
		expect(read.values[field]).toBe('a'.repeat(limit + 1));
	});

	it('does not screen it: consent is seen only by those who may see the family', () => {
		const read = readConsentForm(
			formOf({ ...complete, formLocation: 'Leominster office, HR6 8AB' }),
			TODAY
		);
		expect(read.errors).toEqual({});
	});
});

describe('the chair’s decision on a flagged action', () => {
	it.each<[Record<string, string>, Record<string, string>, unknown]>([
		[{ flagId: '4', decision: 'kept' }, {}, { kind: 'kept' }],
		[
			{ flagId: '4', decision: 'closed', closeReason: 'The family moved away' },
			{},
			{ kind: 'closed', reason: 'The family moved away' }
		],
		[
			{ flagId: '4', decision: '' },
			{ 'decision-4': 'Choose whether to close the action or keep it' },
			null
		],
		[
			{ flagId: '4', decision: 'closed', closeReason: '' },
			{ 'closeReason-4': 'Enter why the action is closed' },
			null
		],
		[
			{ flagId: '4', decision: 'closed', closeReason: 'a'.repeat(1001) },
			{ 'closeReason-4': 'The note must be 1000 characters or fewer' },
			null
		],
		[
			{ flagId: '4', decision: 'closed', closeReason: 'Moved: mum on 0 7 7 0 0 9 0 0 1 2 3' },
			{
				'closeReason-4':
					'Notes on actions must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3).'
			},
			null
		]
	])('%j → %j', (fields, errors, decision) => {
		const read = readFlagDecisionForm(formOf(fields), TODAY);
		expect(read.errors).toEqual(errors);
		expect(read.decision).toEqual(decision);
		expect(read.values.closeReason).toBe(fields.closeReason ?? '');
	});
});
