import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

async function totalShown(page: Page): Promise<number> {
	const line = (await page.getByTestId('showing').textContent()) ?? '';
	return Number(line.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
}

for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`the administrators' Users list searches, filters and sorts at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'admin@mag.example', viewport);
		await page.goto('/admin/users');
		await expect(page.getByTestId('showing')).toHaveText(/^Showing 1–\d+ of \d+ people$/);
		const total = await totalShown(page);
		const rows = page.locator('tr[data-testid^="user-"]');
		await expect(rows).toHaveCount(Math.min(total, 50));
		expect(await scrollsSideways(page)).toBe(false);
		await page.screenshot({ path: `test-results/county-users-${width}.png` });
		await expectNoAxeViolations(page);

		// Sorted by email address, the other way round: a different first person.
		const first = await rows.first().getAttribute('data-testid');
		if (width === 'desktop') {
			await page.getByRole('link', { name: 'Email address', exact: true }).click();
			await page.getByRole('link', { name: 'Email address', exact: true }).click();
		} else {
			await page.getByLabel('Sort by').selectOption('email');
			await page.getByLabel('Order').selectOption('desc');
			await page.getByRole('button', { name: 'Find people' }).click();
		}
		await expect(page).toHaveURL(/sort=email&dir=desc/);
		await expect(page.getByRole('columnheader', { name: 'Email address' })).toHaveAttribute(
			'aria-sort',
			'descending'
		);
		await expect(rows.first()).not.toHaveAttribute('data-testid', first!);

		// Search by part of an address, then by role.
		await page.getByLabel('Search').fill('north');
		await page.getByRole('button', { name: 'Find people' }).click();
		expect(await totalShown(page)).toBeLessThan(total);
		for (const row of await rows.all()) await expect(row).toContainText(/north/i);
		await page.goto('/admin/users?role=administrator');
		await expect(page.getByLabel('Role')).toHaveValue('administrator');
		await expect(rows.first()).toContainText('Administrator');
		await expectNoAxeViolations(page);
		await context.close();
	});
}
