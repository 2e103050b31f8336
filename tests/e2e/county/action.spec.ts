import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

// youth.worker@ owns 984 actions: open one from a filtered My actions, update it, land back on that
// list with the next action offered; mark that one done and reopen it; print the list.
for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`an action from My actions: update, next action, reopen, print at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', viewport);
		const shot = (name: string) =>
			page.screenshot({ path: `/tmp/shots/action-second/${name}-${width}.png`, fullPage: true });

		await page.goto('/actions?status=open');
		await page.locator('tbody tr a[href*="from="]').first().click();
		await expect(page).toHaveURL(/\/actions\/\d+\?from=%2Factions%3Fstatus%3Dopen/);
		await page.getByRole('radio', { name: 'In progress' }).check();
		await page.getByLabel('Note').fill('Met the young person twice; a referral is made');
		await page.getByRole('button', { name: 'Save the update' }).click();

		await expect(page).toHaveURL(/\/actions\?status=open&updated=\d+&next=\d+$/);
		await expect(page.getByRole('alert')).toContainText(
			/Your update to the action for .+ is recorded/
		);
		const next = page.getByRole('link', { name: /^Next action: / });
		await expect(next).toBeVisible();
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);
		await shot('back-on-my-actions');

		await next.click();
		await expect(page).toHaveURL(/\/actions\/\d+\?from=/);
		const actionAddress = new URL(page.url()).pathname;
		await page.getByRole('radio', { name: 'Done', exact: true }).check();
		await page.getByLabel('Note').fill('Referral accepted by the youth service');
		await page.getByRole('button', { name: 'Save the update' }).click();
		await expect(page).toHaveURL(/\/actions\?status=open&updated=\d+/);

		await page.goto(actionAddress);
		await expect(page.getByRole('heading', { name: 'Reopen this action' })).toBeVisible();
		await page.getByRole('button', { name: 'Reopen this action' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText(
			'Enter why the action is being reopened'
		);
		await page.getByLabel('Why is it being reopened?').fill('The referral fell through');
		await page.getByRole('button', { name: 'Reopen this action' }).click();
		await expect(page.getByRole('alert')).toContainText('The action is reopened');
		await expect(page.locator('.govuk-summary-list')).toContainText(/Open|In progress/);
		await expect(page.getByRole('list', { name: 'History' })).toContainText(
			'The referral fell through'
		);
		await expect(page.getByRole('button', { name: 'Reopen this action' })).toHaveCount(0);
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);
		await shot('reopened');

		await page.goto('/actions');
		await expect(page.getByRole('button', { name: 'Print this list' })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('.govuk-service-navigation')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Print this list' })).toBeHidden();
		await expect(page.locator('tbody tr').first()).toBeVisible();
		await shot('my-actions-print');
		await context.close();
	});
}
