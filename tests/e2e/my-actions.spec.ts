import { expect, test } from '@playwright/test';
import { addDays, today } from './support/dates';
import { communityId, meetingsOf, userId, withDatabase } from './support/fixtures';
import { expectNoAxeViolations, open, signIn } from './support/pages';

const OWNER = 'homestart@mag.example';

/** 55 actions due in 3 days and 5 overdue, owned by one volunteer coordinator. */
test.beforeAll(() => {
	const meeting = meetingsOf('Ross on Wye').at(-1)!;
	const community = communityId('Ross on Wye');
	withDatabase((db) => {
		const owner = userId(db, OWNER);
		const chair = userId(db, 'chair.south@mag.example');
		const insert = db.prepare(
			`insert into action (community_id, meeting_id, description, owner_id, owner_name, owner_agency, due_date, status, created_by, created_at)
			 values (?, ?, ?, ?, 'Margaret Ellis', 'Home-Start Herefordshire', ?, 'open', ?, ?)`
		);
		const now = new Date().toISOString();
		for (let i = 1; i <= 55; i++)
			insert.run(community, meeting.id, `Home visit ${i}`, owner, addDays(today(), 3), chair, now);
		for (let i = 1; i <= 5; i++)
			insert.run(
				community,
				meeting.id,
				`Overdue visit ${i}`,
				owner,
				addDays(today(), -4),
				chair,
				now
			);
	});
});

test('a long list of actions shows 50 a page, this fortnight first, and can be searched without JavaScript', async ({
	page
}) => {
	await signIn(page, OWNER);
	await open(page, '/actions');
	await expect(page.getByTestId('showing')).toHaveText('Showing 1–50 of 60 actions');
	const soon = page.getByTestId('actions-soon');
	await expect(soon.getByRole('table')).toContainText('Due in the next 14 days (55)');
	await expect(soon.locator('tbody tr')).toHaveCount(50);
	await expect(page.getByTestId('actions-overdue')).toHaveCount(0);

	await page
		.getByRole('navigation', { name: 'Pages of your actions' })
		.getByRole('link', { name: /Next/ })
		.click();
	await expect(page).toHaveURL('/actions?page=2');
	await expect(page.getByTestId('showing')).toHaveText('Showing 51–60 of 60 actions');
	await expect(page.getByTestId('actions-soon').locator('tbody tr')).toHaveCount(5);
	await expect(page.getByTestId('actions-overdue').locator('tbody tr')).toHaveCount(5);
	await expect(page.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
	await expectNoAxeViolations(page);

	await page.getByLabel('Search').fill('overdue VISIT 3');
	await page.getByRole('button', { name: 'Filter the actions' }).click();
	await expect(page).toHaveURL(/\/actions\?text=overdue\+VISIT\+3/);
	await expect(page.getByTestId('showing')).toHaveText('Showing 1–1 of 1 action');
	await expect(page.getByTestId('actions-overdue')).toContainText('Overdue visit 3');
	await expect(page.getByLabel('Search')).toHaveValue('overdue VISIT 3');
	await expectNoAxeViolations(page);
});

test('on a phone, My actions reads as cards with nothing pushed sideways', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, OWNER);
	await open(page, '/actions?page=2');
	const first = page.getByTestId('actions-overdue').locator('tbody tr').first();
	// Each cell is labelled by its column; the due date and status stay on the screen.
	await expect(first.locator('td[data-label="Due"]')).toContainText('4 days overdue');
	await expect(first.locator('td[data-label="Status"]')).toContainText('Open');
	await expect(page.locator('table thead').first()).not.toBeInViewport();
	const sideways = await page.evaluate(
		() => document.documentElement.scrollWidth > document.documentElement.clientWidth
	);
	expect(sideways).toBe(false);
	await expectNoAxeViolations(page);
});

test('home counts the overdue actions and those due this fortnight, and each count opens My actions narrowed to them', async ({
	page
}) => {
	await signIn(page, OWNER);
	await expect(page).toHaveURL('/');
	const work = page.getByRole('group', { name: 'Your work' });
	await expect(work.getByRole('link', { name: '5 overdue actions' })).toBeVisible();
	await expect(
		work.getByRole('link', { name: '55 actions due in the next 14 days' })
	).toBeVisible();
	await expect(page.getByTestId('overdue').getByRole('listitem')).toHaveCount(5);
	await expect(page.getByTestId('overdue')).toContainText('Overdue visit');
	await expect(page.getByTestId('due-soon').getByRole('listitem')).toHaveCount(5);
	await expect(
		page.getByRole('link', { name: 'See all 55 due in the next 14 days' })
	).toBeVisible();
	await expectNoAxeViolations(page);

	await work.getByRole('link', { name: '5 overdue actions' }).click();
	await expect(page).toHaveURL('/actions?due=overdue');
	await expect(page.getByTestId('showing')).toHaveText('Showing 1–5 of 5 actions');
	await expect(page.getByLabel('When due')).toHaveValue('overdue');
	await expect(page.getByTestId('actions-soon')).toHaveCount(0);
	// Only the overdue section: no empty "Due later" or "Done" headings.
	await expect(page.getByRole('heading', { name: 'Due later' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.getByLabel('When due').selectOption('soon');
	await page.getByRole('button', { name: 'Filter the actions' }).click();
	await expect(page).toHaveURL(/due=soon/);
	await expect(page.getByTestId('showing')).toHaveText('Showing 1–50 of 55 actions');
	await expect(page.getByTestId('actions-overdue')).toHaveCount(0);
});
