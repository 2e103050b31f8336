import { describe, expect, it } from 'vitest';
import {
	levelOfNeedOverTime,
	needsWithHistory,
	pendingHandOverFor,
	timelineOf,
	type ItemRow
} from '$lib/server/cases/case-record-rules';

const item = (over: Partial<ItemRow>): ItemRow => ({
	id: 1,
	part: 2,
	meetingDate: '2027-05-11',
	levelOfNeed: null,
	reviewedLevelOfNeed: null,
	outcomeKind: null,
	...over
});

describe('the case record, put together', () => {
	it('gives each need what each meeting said of it, and nothing of the others', () => {
		const needs = needsWithHistory(
			[
				{ id: 1, description: 'Speech' },
				{ id: 2, description: 'Attendance' }
			],
			[
				{ needId: 1, status: null, progress: null, support: 'Speech therapy', meetingDate: 'a' },
				{ needId: 1, status: 'partly-met', progress: 'Seen twice', support: null, meetingDate: 'b' }
			]
		);
		expect(needs).toEqual([
			{
				id: 1,
				description: 'Speech',
				history: [
					{ meetingDate: 'a', status: null, progress: null, support: 'Speech therapy' },
					{ meetingDate: 'b', status: 'partly-met', progress: 'Seen twice', support: null }
				]
			},
			{ id: 2, description: 'Attendance', history: [] }
		]);
	});

	it('takes the level of need from the new CAF, then as each review agreed it', () => {
		expect(
			levelOfNeedOverTime([
				item({ id: 1, meetingDate: '2027-01-05', levelOfNeed: '3a' }),
				item({ id: 2, part: 3, meetingDate: '2027-02-16' }),
				item({ id: 3, part: 3, meetingDate: '2027-03-30', reviewedLevelOfNeed: '2' })
			])
		).toEqual([
			{ meetingDate: '2027-01-05', level: '3a' },
			{ meetingDate: '2027-03-30', level: '2' }
		]);
	});

	it("shows each item's last consent check, its outcome in the case's words and its actions", () => {
		const timeline = timelineOf(
			[item({ id: 1, outcomeKind: 'agreed' }), item({ id: 2, part: 3 })],
			[
				{ submissionId: 1, result: 'refused', reason: 'not signed' },
				{ submissionId: 1, result: 'opened', reason: null }
			],
			[
				{
					submissionId: 1,
					description: 'Home visit',
					ownerName: 'Bea',
					ownerAgency: 'Police',
					dueDate: '2027-06-01',
					status: 'open'
				},
				{
					submissionId: null,
					description: 'For the meeting',
					ownerName: 'Cy',
					ownerAgency: 'Health',
					dueDate: '2027-06-01',
					status: 'open'
				}
			]
		);
		expect(timeline.map((i) => [i.id, i.outcome, i.gate?.result ?? null])).toEqual([
			[1, 'Support agreed', 'opened'],
			[2, null, null]
		]);
		expect(timeline[0]!.actions).toEqual([
			{
				description: 'Home visit',
				ownerName: 'Bea',
				ownerAgency: 'Police',
				dueDate: '2027-06-01',
				status: 'open'
			}
		]);
		expect(timeline[1]!.actions).toEqual([]);
		expect(timeline[0]).not.toHaveProperty('outcomeKind');
	});

	it('finds the hand-over waiting for this person, not one already accepted or for another', () => {
		const changes = [
			{ id: 1, toUserId: 7, acknowledgedAt: '2027-05-01T10:00:00Z' },
			{ id: 2, toUserId: 8, acknowledgedAt: null },
			{ id: 3, toUserId: 7, acknowledgedAt: null }
		];
		expect(pendingHandOverFor(changes, 7)?.id).toBe(3);
		expect(pendingHandOverFor(changes, 9)).toBeUndefined();
	});
});
