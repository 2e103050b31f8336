import { describe, expect, it } from 'vitest';
import { newFormKey } from '$lib/server/http/form-keys';
import {
	actionsForReview,
	recordReviewDecision,
	reviewedAtMeeting
} from '$lib/server/actions/actions-review';
import { actionHistory } from '$lib/server/actions/history';
import { findAction } from '$lib/server/actions/my-actions';
import { readActionReviewForm, type ReviewDecision } from '$lib/server/actions/review-form';
import {
	REVIEW_DATE,
	addAction,
	chair,
	count,
	database,
	fixture,
	form,
	otherCommunityMeeting,
	reviewDay,
	reviewContext,
	reviewMeeting,
	useActionsFixture
} from './fixture';

useActionsFixture();

describe('the actions review at the next meeting', () => {
	const context = reviewContext;

	it("lists the community's overdue actions from its other meetings only", async () => {
		const overdue = await addAction({ description: 'Overdue', due: '2027-06-01' });
		// Agreed at the meeting under way: discussed with its item, not in the review.
		await addAction({
			description: 'This meeting',
			due: '2027-06-01',
			meetingId: reviewMeeting().id
		});
		await addAction({ description: 'Not yet due', due: '2027-06-30' });
		await addAction({ description: 'Due today', due: REVIEW_DATE });
		await addAction({ description: 'Done', due: '2027-06-01', status: 'done' });
		const elsewhere = await otherCommunityMeeting();
		await addAction({ description: 'Elsewhere', due: '2027-06-01', ...elsewhere });
		const listed = await actionsForReview(database.db, reviewMeeting(), REVIEW_DATE, reviewDay);
		expect(listed.map((a) => [a.id, a.due])).toEqual([[overdue, '3 weeks overdue']]);
	});

	const decisions = (): [string, Record<string, string>, (id: number) => Promise<void>][] => [
		[
			'extended',
			{ decision: 'extended', 'due-day': '20', 'due-month': '7', 'due-year': '2027' },
			async (id) => {
				expect(await findAction(database.db, id)).toMatchObject({
					dueDate: '2027-07-20',
					status: 'in-progress'
				});
				expect((await actionHistory(database.db, id))[0]).toMatchObject({
					kind: 'extended',
					previousDueDate: '2027-06-01',
					newDueDate: '2027-07-20',
					meetingId: reviewMeeting().id
				});
			}
		],
		[
			'reassigned',
			{
				decision: 'reassigned',
				owner: `member:${fixture.people.leadProfessional}`,
				'due-day': '6',
				'due-month': '7',
				'due-year': '2027'
			},
			async (id) => {
				expect(await findAction(database.db, id)).toMatchObject({
					ownerId: fixture.people.leadProfessional,
					ownerName: 'The leadProfessional',
					ownerAgency: 'Agency 4',
					dueDate: '2027-07-06',
					status: 'open'
				});
				expect((await actionHistory(database.db, id))[0]).toMatchObject({
					kind: 'reassigned',
					previousOwner: 'The confirmedMember, Agency 5',
					note: 'Reassigned to The leadProfessional, Agency 4'
				});
				// The new owner is told.
				const notice = await database.db.selectFrom('notice').selectAll().executeTakeFirstOrThrow();
				expect(notice).toMatchObject({
					user_id: fixture.people.leadProfessional,
					link: `/actions/${id}`
				});
			}
		],
		[
			'closed',
			{ decision: 'closed', reason: 'The family moved out of the county' },
			async (id) => {
				expect(await findAction(database.db, id)).toMatchObject({
					status: 'closed',
					completedAt: reviewDay.toISOString()
				});
				expect((await actionHistory(database.db, id))[0]).toMatchObject({
					kind: 'closed',
					note: 'The family moved out of the county'
				});
			}
		]
	];

	it.each(['extended', 'reassigned', 'closed'])(
		'%s: the action, its history and the audit change together, and the review lists it as decided',
		async (kind) => {
			const [, fields, check] = decisions().find(([k]) => k === kind)!;
			const id = await addAction({ due: '2027-06-01', status: 'in-progress' });
			const prefixed = Object.fromEntries(
				Object.entries(fields).map(([key, value]) => [`review-${id}-${key}`, value])
			);
			const read = await readActionReviewForm(database.db, form(prefixed), id, context());
			expect(read.errors).toEqual({});
			expect(
				await recordReviewDecision(
					database.db,
					reviewMeeting(),
					id,
					read.input!,
					chair(),
					REVIEW_DATE,
					reviewDay
				)
			).toBe(true);
			await check(id);
			const audit = await database.db
				.selectFrom('audit_log')
				.select(['action', 'actor_id', 'record_id'])
				.where('action', 'like', 'action.%')
				.execute();
			expect(audit).toEqual([
				{ action: `action.${kind}`, actor_id: fixture.people.chair, record_id: String(id) }
			]);
			expect(await actionsForReview(database.db, reviewMeeting(), REVIEW_DATE)).toEqual([]);
			expect(
				(await reviewedAtMeeting(database.db, reviewMeeting().id)).map((r) => [r.actionId, r.kind])
			).toEqual([[id, kind]]);
			// Decided once: a second decision on the same action (say from another device) is refused.
			expect(
				await recordReviewDecision(
					database.db,
					reviewMeeting(),
					id,
					{ kind: 'closed', note: 'Again' },
					chair(),
					REVIEW_DATE,
					reviewDay
				)
			).toBe(false);
		}
	);

	it.each<[string, ReviewDecision]>([
		['extended', { kind: 'extended', dueDate: '2027-07-20' }],
		[
			'reassigned',
			{
				kind: 'reassigned',
				owner: { id: null, name: 'Ann Lee', agency: 'Food bank' },
				dueDate: '2027-07-20'
			}
		],
		['closed', { kind: 'closed', note: 'No longer needed' }]
	])('%s: a failure part-way through leaves the action as it was', async (_, decision) => {
		const id = await addAction({ due: '2027-06-01' });
		const before = await findAction(database.db, id);
		// No such person: the history entry cannot be written once the action has changed.
		await expect(
			recordReviewDecision(
				database.db,
				reviewMeeting(),
				id,
				decision,
				{ id: 99999, ip: null },
				REVIEW_DATE,
				reviewDay
			)
		).rejects.toThrow();
		expect(await findAction(database.db, id)).toEqual(before);
		expect(await count('action_update')).toBe(0);
		expect(await count('notice')).toBe(0);
		expect(
			await database.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', 'like', 'action.%')
				.execute()
		).toEqual([]);
	});

	it('refuses an action that is not overdue, or from another community', async () => {
		const notDue = await addAction({ due: '2027-06-30' });
		const elsewhere = await otherCommunityMeeting();
		const other = await addAction({ due: '2027-06-01', ...elsewhere });
		for (const id of [notDue, other])
			expect(
				await recordReviewDecision(
					database.db,
					reviewMeeting(),
					id,
					{ kind: 'closed', note: 'No' },
					chair(),
					REVIEW_DATE
				)
			).toBe(false);
		expect(await count('action_update')).toBe(0);
	});
});

describe('a post sent twice (a retry after a dropped connection, a double click)', () => {
	it('a review decision with the same key is one decision, answered as decided, not as already reviewed', async () => {
		const id = await addAction({ due: '2027-06-01' });
		const key = newFormKey();
		const decide = (formKey: string) =>
			recordReviewDecision(
				database.db,
				reviewMeeting(),
				id,
				{ kind: 'extended', dueDate: '2027-07-20' },
				chair(),
				REVIEW_DATE,
				reviewDay,
				formKey
			);
		expect(await decide(key)).toBe(true);

		expect(await decide(key)).toBe(true);
		expect(await count('action_update')).toBe(1);
		// A new post (a new key) is a second decision, refused as before: the action is decided.
		expect(await decide(newFormKey())).toBe(false);
		expect(await count('action_update')).toBe(1);
	});
});
