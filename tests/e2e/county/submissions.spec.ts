import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

/** "Showing 1–50 of 697 items": the total. */
async function totalShown(page: Page): Promise<number> {
	const line = (await page.getByTestId('showing').textContent()) ?? '';
	return Number(line.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
}

const rows = (page: Page) => page.locator('tr[data-testid^="submission-"]');

// youth.worker@ has brought some 700 items to the county's meetings over five years.
for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`My submissions pages, searches, filters and sorts hundreds of items at ${width} width`, async ({
		browser
	}) => {
		test.slow();
		const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', viewport);
		await page.goto('/submissions');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('My submissions');
		await expect(page.getByTestId('showing')).toHaveText(/^Showing 1–50 of [\d,]+ items$/);
		const total = await totalShown(page);
		expect(total).toBeGreaterThan(50);
		await expect(rows(page)).toHaveCount(50);
		await expect(page.getByRole('columnheader', { name: 'Submitted' })).toHaveAttribute(
			'aria-sort',
			'descending'
		);
		expect(await scrollsSideways(page)).toBe(false);
		await page.screenshot({ path: `test-results/county-submissions-${width}.png` });
		await expectNoAxeViolations(page);

		// Page 2 is the next 50, and keeps its place in the address.
		await page.getByRole('link', { name: 'Next page' }).click();
		await expect(page).toHaveURL(/page=2/);
		await expect(page.getByTestId('showing')).toHaveText(`Showing 51–100 of ${total} items`);
		await expect(rows(page)).toHaveCount(50);

		// Sorted by the meeting's date, oldest first: a different first item.
		const newestFirst = await rows(page).first().getAttribute('data-testid');
		await page.goto('/submissions');
		if (width === 'desktop') {
			await page.getByRole('link', { name: 'Meeting', exact: true }).click();
			await expect(page).toHaveURL(/sort=meeting/);
			await page.getByRole('link', { name: 'Meeting', exact: true }).click();
			await expect(page).toHaveURL(/dir=asc/);
		} else {
			await page.getByLabel('Sort by').selectOption('meeting');
			await page.getByLabel('Order').selectOption('asc');
			await page.getByRole('button', { name: 'Find items' }).click();
			await expect(page).toHaveURL(/sort=meeting&dir=asc/);
		}
		await expect(page.getByRole('columnheader', { name: 'Meeting' })).toHaveAttribute(
			'aria-sort',
			'ascending'
		);
		await expect(rows(page).first()).not.toHaveAttribute('data-testid', newestFirst!);
		const firstMeeting = await rows(page).first().locator('td').first().textContent();
		const lastMeeting = await rows(page).last().locator('td').first().textContent();
		const day = (text: string | null) => Date.parse(text!.split(', ').at(-1)!);
		expect(day(firstMeeting)).toBeLessThanOrEqual(day(lastMeeting));

		// A case reference from the list finds that case's items only.
		const reference = (await page.locator('tbody').textContent())!.match(/[A-Z]{2,}-\d{4}-\d+/)![0];
		await page.getByLabel('Search').fill(reference);
		await page.getByRole('button', { name: 'Find items' }).click();
		await expect(page.getByLabel('Search')).toHaveValue(reference);
		await expect(page.getByTestId('showing')).toHaveText(/^Showing 1–\d+ of \d+ items?$/);
		await expect.poll(() => totalShown(page)).toBeLessThan(total);
		for (const row of await rows(page).all()) await expect(row).toContainText(reference);
		await expectNoAxeViolations(page);

		// Filtered by part: only community issues.
		await page.goto('/submissions');
		await page.getByLabel('Part').selectOption('4');
		await page.getByRole('button', { name: 'Find items' }).click();
		await expect(page).toHaveURL(/part=4/);
		await expect.poll(() => totalShown(page)).toBeLessThan(total);
		await expect(rows(page).first()).toContainText('4. Community issue');
		await expect(page.getByRole('link', { name: 'Show all my submissions' })).toBeVisible();
		expect(await scrollsSideways(page)).toBe(false);
		await context.close();
	});
}
