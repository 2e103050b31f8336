import { describe, expect, it } from 'vitest';
import {
	consentStanding,
	toldOfWithdrawal,
	withdrawalMessage
} from '$lib/server/cases/consent-rules';

describe('renewal of consent', () => {
	it.each([
		['next review within the year', '2027-06-01', 'in-date'],
		['next review past the year', '2027-06-02', 'must-renew']
	] as const)('consent signed 1 June 2026, %s: %s', (_, nextReview, standing) => {
		const current = { validUntil: '2027-06-01', withdrawnOn: null } as Parameters<
			typeof consentStanding
		>[0];
		expect(consentStanding(current, nextReview, '2027-01-01')).toBe(standing);
	});
});

describe('telling people the family withdrew consent', () => {
	it('tells the chairs, the lead professional and whoever brought an item taken off, once each', () => {
		expect(toldOfWithdrawal({ chairs: [1, 2], leadProfessionalId: 2, submitters: [3, 1] })).toEqual(
			[1, 2, 3]
		);
		expect(toldOfWithdrawal({ chairs: [1], leadProfessionalId: null, submitters: [] })).toEqual([
			1
		]);
	});

	it('says it by reference, with the agendas it came off and the actions waiting', () => {
		expect(
			withdrawalMessage({
				reference: 'LED-2027-0001',
				withdrawnOn: '2027-05-10',
				offAgendas: ['2027-06-22', '2027-08-03'],
				openActions: 2
			})
		).toBe(
			"The family withdrew consent for LED-2027-0001 on 10 May 2027. It has been taken off the agenda for 22 June 2027 and 3 August 2027. 2 open action(s) wait for the chair's decision."
		);
		expect(
			withdrawalMessage({
				reference: 'LED-2027-0001',
				withdrawnOn: '2027-05-10',
				offAgendas: [],
				openActions: 0
			})
		).toBe('The family withdrew consent for LED-2027-0001 on 10 May 2027.');
	});
});
