import { describe, expect, it } from 'vitest';
import { consentForMeeting } from '$lib/server/agenda/consent';
import { MEETING, TODAY } from './new-caf-fixture';

describe('the consent check at submission', () => {
	it.each([
		[{ signedOn: '2027-02-20', coversMag: true }, { valid: true }],
		[{ signedOn: '2026-03-09', coversMag: true }, { valid: true }],
		[
			{ signedOn: '2026-03-08', coversMag: true },
			{
				valid: false,
				reason:
					'the consent was signed more than 12 months before the meeting: the consent must be renewed'
			}
		],
		[
			{ signedOn: '2027-03-02', coversMag: true },
			{ valid: false, reason: 'the consent is dated in the future' }
		],
		[
			{ signedOn: '2027-02-20', coversMag: false },
			{ valid: false, reason: 'the consent does not cover discussion at this MAG' }
		],
		[
			{ signedOn: '2027-02-20', coversMag: true, withdrawnOn: '2027-02-25' },
			{ valid: false, reason: 'the family has withdrawn consent' }
		]
	])('%j → %j', (consent, verdict) => {
		expect(consentForMeeting(consent, MEETING, TODAY)).toEqual(verdict);
	});
});
