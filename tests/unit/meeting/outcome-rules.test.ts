import { describe, expect, it } from 'vitest';
import {
	caseStatusAfterReview,
	isAdviceOutcome,
	isAnonymousOutcome,
	outcomeColumns,
	outcomeShape,
	shareOutcomeDue
} from '$lib/server/meeting/outcome-rules';

describe('the rules of an outcome', () => {
	it.each([
		[1, false, 'advice', true],
		[2, false, 'new-caf', false],
		[3, false, 'review', false],
		[4, false, 'community-issue', true],
		[2, true, 'advice', true],
		[3, true, 'advice', true]
	] as const)(
		'part %s (as advice: %s) takes the %s form; its note screened: %s',
		(part, asAdvice, shape, anonymous) => {
			expect(outcomeShape(part, asAdvice)).toBe(shape);
			expect(isAnonymousOutcome(part, asAdvice)).toBe(anonymous);
		}
	);

	it.each(['toString', 'constructor', 'agreed', 'continue', ''])(
		'"%s" is not one of the answers to a request for advice',
		(kind) => expect(isAdviceOutcome(kind)).toBe(false)
	);

	it('knows the three answers to a request for advice', () => {
		expect(['advice-given', 'single-agency', 'caf-offered'].every(isAdviceOutcome)).toBe(true);
	});

	it('a review that continues keeps the case open; any other decision is its status', () => {
		expect(caseStatusAfterReview('continue')).toBe('open');
		expect(caseStatusAfterReview('closed-needs-met')).toBe('closed-needs-met');
		expect(caseStatusAfterReview('stepped-up')).toBe('stepped-up');
		expect(caseStatusAfterReview('stepped-down')).toBe('stepped-down');
	});

	it('the lead professional shares the outcome within five working days, closures skipped', () => {
		// Tuesday 11 May 2027 + 5 working days = Tuesday 18 May 2027.
		expect(shareOutcomeDue('2027-05-11', new Set())).toBe('2027-05-18');
		expect(shareOutcomeDue('2027-05-11', new Set(['2027-05-13']))).toBe('2027-05-19');
	});

	it('records what each kind of outcome fills in, and leaves the rest empty', () => {
		const empty = {
			agency: null,
			lead_professional_id: null,
			next_review_meeting_id: null,
			taken_as_advice: 0,
			level_of_need: null
		};
		expect(
			outcomeColumns({
				kind: 'single-agency',
				note: 'Housing to call',
				agency: 'Housing',
				offer: null,
				takenAsAdvice: true
			})
		).toEqual({
			...empty,
			kind: 'single-agency',
			note: 'Housing to call',
			agency: 'Housing',
			taken_as_advice: 1
		});
		expect(
			outcomeColumns({
				kind: 'agreed',
				part: 2,
				note: '',
				support: { 1: 'Speech therapy' },
				leadProfessionalId: 4,
				nextReviewMeetingId: 9
			})
		).toEqual({
			...empty,
			kind: 'agreed',
			note: '',
			lead_professional_id: 4,
			next_review_meeting_id: 9
		});
		expect(
			outcomeColumns({
				kind: 'continue',
				part: 3,
				note: 'Going well',
				needStatuses: {},
				nextReviewMeetingId: null,
				levelOfNeed: '3a'
			})
		).toEqual({ ...empty, kind: 'continue', note: 'Going well', level_of_need: '3a' });
		expect(outcomeColumns({ kind: 'agreed', part: 4, note: 'Joint letter' })).toEqual({
			...empty,
			kind: 'agreed',
			note: 'Joint letter'
		});
	});
});
