import { describe, expect, it } from 'vitest';
import { followUpPage } from '$lib/server/actions/follow-up-list';
import { addAction, database, fixture, useActionsFixture } from './fixture';

useActionsFixture();

const today = '2027-06-22';

describe('the follow-up board, paged by the database', () => {
	it('shows a page of the open actions with the count of all that match', async () => {
		for (let n = 1; n <= 7; n++)
			await addAction({ description: `Task ${n}`, due: `2027-06-0${n}` });
		await addAction({ description: 'Finished', status: 'done' });
		const second = await followUpPage(database.db, fixture.communityId, today, { page: 2 }, 3);
		expect(second.total).toBe(7);
		expect(second.pageCount).toBe(3);
		expect(second.rows.map((r) => r.description)).toEqual(['Task 4', 'Task 5', 'Task 6']);
		expect([second.from, second.to]).toEqual([4, 6]);
		const past = await followUpPage(database.db, fixture.communityId, today, { page: 9 }, 3);
		expect(past.page).toBe(3);
		expect(past.rows.map((r) => r.description)).toEqual(['Task 7']);
	});

	it('searches, filters and sorts', async () => {
		await addAction({ description: 'Call school', agency: 'Education', due: '2027-06-01' });
		await addAction({ description: 'Home visit', agency: 'Police', due: '2027-07-01' });
		await addAction({
			description: 'Call GP',
			agency: 'Police',
			due: '2027-06-02',
			status: 'in-progress'
		});
		const page = (q: object) =>
			followUpPage(database.db, fixture.communityId, today, { page: 1, ...q }).then((p) =>
				p.rows.map((r) => r.description)
			);
		expect(await page({ search: 'call' })).toEqual(['Call school', 'Call GP']);
		expect(await page({ agency: 'Police' })).toEqual(['Call GP', 'Home visit']);
		expect(await page({ overdueOnly: true })).toEqual(['Call school', 'Call GP']);
		expect(await page({ status: 'in-progress' })).toEqual(['Call GP']);
		expect(await page({ sort: 'due', descending: true })).toEqual([
			'Home visit',
			'Call GP',
			'Call school'
		]);
		expect(await page({ search: '100%' })).toEqual([]);
	});
});
