import { describe, expect, it } from 'vitest';
import {
	isComplete,
	reviewableCase,
	reviewChoices,
	schedulable,
	scheduledReviewNotice,
	type CaseToReview
} from '$lib/server/agenda/review-rules';

const free: CaseToReview = {
	id: 1,
	reference: 'KWE-2027-001',
	initials: 'P.E.J.',
	waitingReview: null
};
const waiting: CaseToReview = {
	id: 2,
	reference: 'KWE-2027-002',
	initials: 'A.B.',
	waitingReview: { itemId: 40, meetingDate: '2027-02-23' }
};

describe('the cases a lead professional may bring for review', () => {
	it('offers the cases with no review waiting, and lists the others with where they wait', () => {
		expect(reviewChoices([free, waiting])).toEqual({
			offered: [free],
			waiting: [
				{ reference: 'KWE-2027-002', initials: 'A.B.', itemId: 40, meetingDate: '2027-02-23' }
			]
		});
	});

	it.each<[string | null, CaseToReview | undefined]>([
		['1', free],
		['2', undefined],
		['3', undefined],
		['', undefined],
		[null, undefined]
	])('case %j → %j', (caseId, chosen) => {
		expect(reviewableCase([free, waiting], caseId)).toEqual(chosen);
	});
});

describe('when the chair may put a review on the agenda', () => {
	const meeting = { communityId: 7 };
	const open = { reference: 'KWE-2027-001', communityId: 7, status: 'open' };

	it('may for an open case of this MAG with no review waiting', () => {
		expect(schedulable(meeting, open, false)).toEqual({ ok: true, meeting, familyCase: open });
	});

	it.each<[string, typeof meeting | undefined, typeof open | undefined, boolean, string]>([
		['no meeting', undefined, open, false, 'That case has no lead professional in this MAG'],
		[
			'no case (or no lead professional)',
			meeting,
			undefined,
			false,
			'That case has no lead professional in this MAG'
		],
		[
			'a case of another MAG',
			meeting,
			{ ...open, communityId: 8 },
			false,
			'That case has no lead professional in this MAG'
		],
		[
			'a closed case',
			meeting,
			{ ...open, status: 'closed-needs-met' },
			false,
			'That case is closed'
		],
		['a review already waiting', meeting, open, true, 'A review of KWE-2027-001 is already waiting']
	])('may not with %s', (_what, m, c, alreadyWaiting, reason) => {
		expect(schedulable(m, c, alreadyWaiting)).toEqual({ ok: false, reason });
	});
});

describe('the notice of a review the chair scheduled', () => {
	it('names the case by reference and the meeting by its day', () => {
		expect(scheduledReviewNotice('KWE-2027-001', '2027-02-23')).toBe(
			'A review of KWE-2027-001, a case you lead, is on the agenda for the MAG meeting on Tuesday 23 February 2027. Say how each need is going before the agenda is published.'
		);
	});
});

describe('a complete review', () => {
	it.each([
		[[], true],
		[[{ status: 'met', progress: 'Done' }], true],
		[
			[
				{ status: 'met', progress: 'Done' },
				{ status: null, progress: null }
			],
			false
		],
		[[{ status: 'met', progress: null }], false],
		[[{ status: null, progress: 'Some' }], false]
	])('%j → %s', (needs, complete) => expect(isComplete(needs)).toBe(complete));
});
