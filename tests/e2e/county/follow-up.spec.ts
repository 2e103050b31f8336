import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

// A North community's years of actions: the board pages them and reminds several owners at once.
for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`the follow-up board pages, searches and reminds several owners at once at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'chair.north@mag.example', viewport);
		await page.goto('/communities');
		await page.locator('main a[href^="/communities/"]').first().click();
		await page.getByRole('link', { name: "Follow up this MAG's actions" }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Follow-up board');
		const showing = page.getByTestId('showing');
		await expect(showing).toHaveText(/^Showing 1–50 of \d+ open actions$/);
		const total = Number((await showing.textContent())!.match(/of (\d+)/)![1]);
		expect(total).toBeGreaterThan(50);
		await expect(page.locator('tr[data-testid^="board-action-"]')).toHaveCount(50);
		expect(await scrollsSideways(page)).toBe(false);
		await page.screenshot({ path: `test-results/county-follow-up-${width}.png` });
		await expectNoAxeViolations(page);

		// Sorted by owner (a column heading on a laptop, the form on a phone); then overdue only.
		if (width === 'desktop') {
			await page.getByRole('link', { name: 'Owner', exact: true }).click();
			await expect(page).toHaveURL(/sort=owner/);
			await expect(page.getByLabel('Sort by')).toHaveValue('owner');
		} else await page.getByLabel('Sort by').selectOption('owner');
		await page.getByLabel('Overdue only').check();
		await page.getByRole('button', { name: 'Filter the actions' }).click();
		await expect(page).toHaveURL(/overdue=yes/);
		await expect(page.getByLabel('Overdue only')).toBeChecked();
		await expect(page).toHaveURL(/sort=owner/);
		await expect(page.getByRole('columnheader', { name: 'Owner' })).toHaveAttribute(
			'aria-sort',
			'ascending'
		);
		await expect(page.locator('tr[data-testid^="board-action-"]').first()).toContainText('overdue');

		// Sending with nothing selected says so; two selected remind their owners.
		await page
			.getByRole('button', { name: 'Send reminders to the owners of selected actions' })
			.click();
		await expect(page.locator('#selected-error')).toContainText('Select the actions');
		const boxes = page.locator('input[type="checkbox"][name="selected"]');
		// Each width its own two: an owner is not reminded of one action twice in a day.
		const first = width === 'phone' ? 0 : 2;
		await boxes.nth(first).check();
		await boxes.nth(first + 1).check();
		await page
			.getByRole('button', { name: 'Send reminders to the owners of selected actions' })
			.click();
		await expect(page.getByTestId('bulk-reminded')).toContainText(
			/Reminders sent to \d owners? about 2 actions/
		);
		await expectNoAxeViolations(page);
		await context.close();
	});
}
