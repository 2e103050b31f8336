import { describe, expect, it } from 'vitest';
import { myActions } from '$lib/server/actions/my-actions';
import { MEETING_DATE } from '../meeting-fixture';
import {
	addAction,
	database,
	fixture,
	otherCommunityMeeting,
	reviewDay,
	useActionsFixture
} from './fixture';

useActionsFixture();

/** My actions' first page as its sections, by key. */
async function groupsOn(now?: Date, filter: Parameters<typeof myActions>[2] = {}) {
	const list = await myActions(database.db, fixture.people.confirmedMember, filter, 1, now);
	return Object.fromEntries(list.sections.map((s) => [s.key, s.actions])) as Record<
		'overdue' | 'soon' | 'later' | 'done',
		(typeof list.sections)[number]['actions']
	>;
}

describe('My actions', () => {
	it('groups what a person owns as overdue, due in the next 14 days, later and done, with the due date in words', async () => {
		const today = new Date('2027-06-01T09:00:00Z');
		const ids = {
			overdue: await addAction({ description: 'Overdue', due: '2027-05-28' }),
			today: await addAction({ description: 'Today', due: '2027-06-01', status: 'in-progress' }),
			fortnight: await addAction({ description: 'Fortnight', due: '2027-06-15' }),
			later: await addAction({ description: 'Later', due: '2027-06-16' }),
			done: await addAction({ description: 'Done', due: '2027-05-20', status: 'done' }),
			cannot: await addAction({
				description: 'Cannot',
				due: '2027-07-20',
				status: 'cannot-be-done'
			}),
			closed: await addAction({ description: 'Closed', due: '2027-05-20', status: 'closed' })
		};
		// Someone else's action is not on my list.
		await addAction({ description: 'Not mine', owner: 'submitter' });

		const groups = await groupsOn(today);
		const described = (group: keyof typeof groups) =>
			groups[group].map((a) => [a.description, a.due]);
		expect(described('overdue')).toEqual([['Overdue', '4 days overdue']]);
		expect(described('soon')).toEqual([
			['Today', 'due today'],
			['Fortnight', 'due in 2 weeks']
		]);
		expect(described('later')).toEqual([['Later', 'due in 2 weeks']]);
		expect(groups.done.map((a) => a.id).sort()).toEqual([ids.done, ids.cannot, ids.closed].sort());
		expect(groups.overdue[0]).toMatchObject({
			communityName: 'Ledbury',
			meetingDate: MEETING_DATE,
			// Not tied to an item: the action is for the meeting as a whole.
			reference: 'General'
		});
	});

	it('filters by community and status', async () => {
		const elsewhere = await otherCommunityMeeting();
		await addAction({ description: 'Here, open' });
		await addAction({ description: 'Here, done', status: 'done' });
		await addAction({
			description: 'Elsewhere, open',
			communityId: elsewhere.communityId,
			meetingId: elsewhere.meetingId
		});
		const mine = async (filter: Parameters<typeof myActions>[2]) => {
			const groups = await groupsOn(undefined, filter);
			return Object.values(groups)
				.flat()
				.map((a) => a.description)
				.sort();
		};
		expect(await mine({})).toEqual(['Elsewhere, open', 'Here, done', 'Here, open']);
		expect(await mine({ communityId: fixture.communityId })).toEqual(['Here, done', 'Here, open']);
		expect(await mine({ status: 'open' })).toEqual(['Elsewhere, open', 'Here, open']);
		expect(await mine({ communityId: elsewhere.communityId, status: 'done' })).toEqual([]);
	});

	it('says what an action is about by reference: the case, the community issue, or "Advice"', async () => {
		await addAction({ description: 'Case', submissionId: fixture.items.fine, caseId: 1 });
		await addAction({ description: 'Issue', submissionId: fixture.items.issue });
		await addAction({ description: 'Advice', submissionId: fixture.items.advice });
		const groups = await groupsOn(reviewDay);
		expect(groups.overdue.map((a) => [a.description, a.reference])).toEqual([
			['Case', fixture.references.fine],
			['Issue', 'Vaping'],
			['Advice', 'Advice']
		]);
	});

	it('finds words in the action or its reference, in any case', async () => {
		await addAction({ description: 'Referral to the food bank' });
		await addAction({ description: 'Case', submissionId: fixture.items.fine, caseId: 1 });
		await addAction({ description: 'Something else' });
		const found = async (text: string) =>
			Object.values(await groupsOn(reviewDay, { text }))
				.flat()
				.map((a) => a.description);
		expect(await found('FOOD bank')).toEqual(['Referral to the food bank']);
		expect(await found(fixture.references.fine.toLowerCase())).toEqual(['Case']);
		expect(await found('nothing like this')).toEqual([]);
	});

	it('shows 50 a page: due in the next 14 days first, then overdue, later and done, with counts over every page', async () => {
		const today = new Date('2027-06-01T09:00:00Z');
		for (let i = 0; i < 30; i++) await addAction({ description: `Soon ${i}`, due: '2027-06-05' });
		for (let i = 0; i < 30; i++)
			await addAction({ description: `Overdue ${i}`, due: '2027-05-20' });
		await addAction({ description: 'Later', due: '2027-09-01' });
		const list = (page: number) =>
			myActions(database.db, fixture.people.confirmedMember, {}, page, today);

		const first = await list(1);
		expect(first).toMatchObject({ page: 1, pageCount: 2, total: 61, from: 1, to: 50 });
		expect(first.sections.map((s) => [s.key, s.total, s.actions.length])).toEqual([
			['soon', 30, 30],
			['overdue', 30, 20],
			['later', 1, 0],
			['done', 0, 0]
		]);
		const second = await list(2);
		expect(second).toMatchObject({ page: 2, from: 51, to: 61 });
		expect(second.sections.map((s) => s.actions.length)).toEqual([0, 10, 1, 0]);
		// A page past the end shows the last one.
		expect(await list(9)).toMatchObject({ page: 2, from: 51 });
	});

	it('narrows to the overdue ones, or to those due in the next 14 days, as home links there', async () => {
		const today = new Date('2027-06-01T09:00:00Z');
		await addAction({ description: 'Overdue', due: '2027-05-28' });
		await addAction({ description: 'Soon', due: '2027-06-10' });
		await addAction({ description: 'Later', due: '2027-08-10' });
		const only = async (due: 'overdue' | 'soon') =>
			Object.values(await groupsOn(today, { due }))
				.flat()
				.map((a) => a.description);
		expect(await only('overdue')).toEqual(['Overdue']);
		expect(await only('soon')).toEqual(['Soon']);
	});
});
