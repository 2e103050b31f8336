import { describe, expect, it } from 'vitest';
import {
	isEditable,
	isWithdrawable,
	itemLabel,
	newItemKey,
	submissionWindow
} from '$lib/server/agenda/submission-rules';
import type { AgendaPart, MeetingStatus, SubmissionStatus } from '$lib/server/platform/schema';

describe('who may add an item, and when', () => {
	it.each([
		[
			'scheduled',
			false,
			'2027-01-01',
			{ open: false, reason: 'The agenda for this meeting is not open for items yet' }
		],
		['agenda-open', false, '2027-01-08', { open: true, late: false }],
		[
			'agenda-open',
			false,
			'2027-01-09',
			{ open: false, reason: 'The deadline for items has passed: ask the chair to add a late item' }
		],
		['agenda-open', true, '2027-01-09', { open: true, late: true }],
		[
			'agenda-published',
			true,
			'2027-01-01',
			{ open: false, reason: 'The agenda for this meeting is closed' }
		]
	] as const)('%s, chair %s, on %s', (status, isChair, today, expected) => {
		expect(submissionWindow({ status, submissionDeadline: '2027-01-08' }, isChair, today)).toEqual(
			expected
		);
	});
});

describe('which items the submitter can change', () => {
	it.each<[AgendaPart, MeetingStatus, SubmissionStatus, boolean]>([
		[2, 'scheduled', 'submitted', true],
		[2, 'agenda-open', 'submitted', true],
		[2, 'agenda-open', 'accepted', true],
		[2, 'agenda-published', 'accepted', false],
		[2, 'in-progress', 'accepted', false],
		[2, 'concluded', 'accepted', false],
		[2, 'agenda-open', 'withdrawn', false],
		[2, 'agenda-open', 'declined', false],
		[2, 'agenda-open', 'deferred', false],
		[1, 'agenda-open', 'submitted', true],
		[4, 'agenda-open', 'accepted', true],
		[1, 'agenda-published', 'accepted', false],
		[4, 'agenda-published', 'accepted', false],
		[3, 'agenda-open', 'submitted', false]
	])('part %i, meeting %s, item %s → %s', (part, meetingStatus, status, editable) => {
		expect(isEditable({ part, meetingStatus, status })).toBe(editable);
	});
});

describe('which items the submitter can withdraw', () => {
	it.each<[MeetingStatus, SubmissionStatus, boolean]>([
		['scheduled', 'submitted', true],
		['agenda-open', 'accepted', true],
		['agenda-open', 'deferred', false],
		['agenda-open', 'declined', false],
		['agenda-open', 'withdrawn', false],
		['agenda-published', 'accepted', false],
		['cancelled', 'submitted', false]
	])('meeting %s, item %s → %s', (meetingStatus, status, withdrawable) => {
		expect(isWithdrawable({ meetingStatus, status })).toBe(withdrawable);
	});

	it('lets the lead professional withdraw a review they cannot change on this form', () => {
		const review = {
			part: 3 as const,
			meetingStatus: 'agenda-open' as const,
			status: 'submitted' as const
		};
		expect(isWithdrawable(review)).toBe(true);
		expect(isEditable(review)).toBe(false);
	});
});

describe('the key of an "add an item" form', () => {
	it('is this person’s new item of this part at this meeting', () => {
		expect(newItemKey(12, 2, 7, 'abc')).toEqual({ token: 'abc', userId: 7, form: 'new-item:12:2' });
		expect(newItemKey(12, 4, 7, null).token).toBeNull();
	});
});

describe('how an item is named in lists and on the agenda', () => {
	const none = {
		issueTitle: null,
		ageBand: null,
		setting: null,
		reference: null,
		initials: null,
		wayIn: null,
		stuck: null
	};

	it.each<[string, Parameters<typeof itemLabel>[0], string]>([
		[
			'a community issue by its title',
			{ ...none, part: 4, issueTitle: 'Drinking in the park' },
			'Drinking in the park'
		],
		['a community issue with no title', { ...none, part: 4 }, 'Community issue'],
		[
			'a new CAF by reference, initials and way in',
			{ ...none, part: 2, reference: 'BRO-2027-001', initials: 'J.E.S.', wayIn: 'New CAF' },
			'BRO-2027-001 (J.E.S.), New CAF'
		],
		[
			'a review by reference and initials',
			{ ...none, part: 3, reference: 'BRO-2027-002', initials: 'P.E.J.', stuck: 0 },
			'BRO-2027-002 (P.E.J.), review'
		],
		[
			'a stuck review, said so',
			{ ...none, part: 3, reference: 'BRO-2027-002', initials: 'P.E.J.', stuck: 1 },
			'BRO-2027-002 (P.E.J.), review, stuck'
		],
		[
			'an advice request by the child’s age band and setting',
			{ ...none, part: 1, ageBand: 'Under 2', setting: 'a village nursery' },
			'Advice: child under 2, a village nursery'
		],
		[
			'a family item whose case is not found, by its part',
			{ ...none, part: 2 },
			'New CAF, with consent'
		]
	])('names %s', (_what, row, label) => {
		expect(itemLabel(row)).toBe(label);
	});
});
