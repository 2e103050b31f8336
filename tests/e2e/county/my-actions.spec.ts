import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, pageHeight, scrollsSideways, WIDTHS } from '../support/county';

// youth.worker@ owns 984 actions over five years of the county's meetings.
for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`My actions with five years of actions is one page of 50 at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', viewport);
		await page.goto('/actions');
		await expect(page.getByTestId('showing')).toHaveText(/^Showing 1–50 of [\d,]+ actions$/);
		await expect(page.locator('tbody tr')).toHaveCount(50);
		expect(await scrollsSideways(page)).toBe(false);
		// 50 cards on a phone stay a page a person can scroll, not the 188,000 px of before.
		expect(await pageHeight(page)).toBeLessThan(width === 'phone' ? 30_000 : 12_000);
		await page.screenshot({ path: `test-results/county-my-actions-${width}.png` });
		await expectNoAxeViolations(page);
		await context.close();
	});
}
