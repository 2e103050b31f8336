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
		await expect.poll(() => totalShown(page)).toBeLessThan(total);
		for (const row of await rows.all()) await expect(row).toContainText(/north/i);
		await page.goto('/admin/users?role=administrator');
		await expect(page.getByLabel('Role')).toHaveValue('administrator');
		await expect(rows.first()).toContainText('Administrator');
		await expectNoAxeViolations(page);
		await context.close();
	});
}

// The county's log holds little until people use it: a practitioner trying the audit log 55 times
// is refused 55 times, and each refusal is an entry, so the log has more than one page.
test.beforeAll(async ({ browser }) => {
	const { context } = await countySignedIn(browser, 'youth.worker@mag.example');
	for (let n = 0; n < 55; n++) {
		const response = await context.request.get('/admin/audit', { maxRedirects: 0 });
		expect(response.status()).toBe(403);
	}
	await context.close();
});

for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`the audit log pages its entries with a count, and narrows by what happened, at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'admin@mag.example', viewport);
		await page.goto('/admin/audit');
		await expect(page.getByTestId('showing')).toHaveText(/^Showing 1–50 of [\d,]+ entries$/);
		const total = await totalShown(page);
		expect(total).toBeGreaterThan(55);
		const rows = page.locator('main table tbody tr');
		await expect(rows).toHaveCount(50);
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Next page' }).click();
		await expect(page.getByTestId('showing')).toHaveText(
			`Showing 51–${Math.min(100, total)} of ${total} entries`
		);
		await expect(rows).toHaveCount(Math.min(50, total - 50));

		await page.goto('/admin/audit');
		await page.getByLabel('What happened').selectOption('access.refused');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await expect.poll(() => totalShown(page)).toBeLessThan(total);
		for (const row of await rows.all()) await expect(row).toContainText('access.refused');
		await context.close();
	});
}
