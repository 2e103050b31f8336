import { describe, expect, it } from 'vitest';
import { whyNotTaken } from '$lib/server/meeting/items-not-taken';

const meeting = { id: 1, date: '2027-03-09' };

describe('why an item was not taken, in the minutes', () => {
	it('withdrawn at this meeting', () => {
		expect(
			whyNotTaken(
				{ status: 'withdrawn', meetingId: 1, meetingDate: meeting.date },
				meeting,
				undefined
			)
		).toBe('Withdrawn');
	});

	it('deferred to the later meeting it moved to, with the chair’s reason', () => {
		expect(
			whyNotTaken(
				{ status: 'submitted', meetingId: 2, meetingDate: '2027-04-20' },
				meeting,
				'consent-not-confirmed'
			)
		).toBe('Deferred to the meeting on 20 April 2027: Consent could not be confirmed');
	});

	it('deferred before reasons were asked: no reason given', () => {
		expect(
			whyNotTaken(
				{ status: 'deferred', meetingId: 1, meetingDate: meeting.date },
				meeting,
				'not-recorded'
			)
		).toBe('Deferred');
	});

	it('an item taken after all, or moved to an earlier meeting, is not listed', () => {
		const taken = { status: 'accepted', meetingId: 1, meetingDate: meeting.date } as const;
		expect(whyNotTaken(taken, meeting, undefined)).toBeNull();
		expect(
			whyNotTaken({ ...taken, meetingId: 3, meetingDate: '2027-01-26' }, meeting, undefined)
		).toBeNull();
	});
});
