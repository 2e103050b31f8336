import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, open } from '../support/pages';
import { countySignedIn, pageHeight, scrollsSideways, WIDTHS } from '../support/county';

// The pages a practitioner opens between meetings, on five years of a county's history: nothing
// pushed sideways at 390 px, tables read as cards, the menu folded away, the page's task on the
// first screen.

/** The page fits the window and passes axe; a screenshot of it is kept to look at. */
async function fitsAndPasses(page: Page, name: string, width: string) {
	expect(await scrollsSideways(page)).toBe(false);
	await page.screenshot({ path: `test-results/county-phone-${name}-${width}.png`, fullPage: true });
	await expectNoAxeViolations(page);
}

test('on a phone the menu folds behind a Menu button that opens and closes, by mouse or keyboard', async ({
	browser
}) => {
	const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', WIDTHS.phone);
	await open(page, '/actions');
	const menu = page.getByRole('button', { name: 'Menu' });
	const myActions = page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
		name: 'My actions'
	});
	await expect(menu).toBeVisible();
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(menu).toHaveAttribute('aria-controls', 'navigation');
	await expect(myActions).toBeHidden();

	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await expect(myActions).toBeVisible();
	await expectNoAxeViolations(page);
	await page.screenshot({ path: 'test-results/county-phone-menu-open-phone.png' });
	await menu.click();
	await expect(myActions).toBeHidden();

	// From the keyboard: Enter opens it, Tab reaches its links, Space closes it again.
	await menu.focus();
	await page.keyboard.press('Enter');
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await page.keyboard.press('Tab');
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link').first()
	).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(menu).toBeFocused();
	await page.keyboard.press('Space');
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(myActions).toBeHidden();

	// Following a link from the open menu lands on a page whose menu is closed.
	await menu.click();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'My communities' })
		.click();
	await expect(page).toHaveURL(/\/communities$/);
	await expect(menu).toHaveAttribute('aria-expanded', 'false');

	// Widened to a laptop, the button goes and the links are there.
	await page.setViewportSize(WIDTHS.desktop);
	await expect(menu).toBeHidden();
	await expect(myActions).toBeVisible();
	await context.close();
});

test('without JavaScript the menu is open on a phone: every link reachable, no button', async ({
	browser
}) => {
	const { context, page } = await countySignedIn(
		browser,
		'youth.worker@mag.example',
		WIDTHS.phone,
		{
			javaScriptEnabled: false
		}
	);
	await page.goto('/actions');
	await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
	const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
	expect(await links.count()).toBeGreaterThan(1);
	for (const link of await links.all()) await expect(link).toBeVisible();
	await context.close();
});

for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`a case record, a review and a new CAF fit the screen at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', viewport);

		// Items they brought: a review (its needs and open actions) and a new CAF (the family).
		await page.goto('/submissions');
		await page
			.locator('tbody tr', { hasText: '3. Review' })
			.first()
			.locator('a[href^="/items/"]')
			.click();
		await expect(page.getByRole('table', { name: 'Needs' })).toBeVisible();
		await expect(page.getByRole('rowheader').first()).toBeVisible();
		await fitsAndPasses(page, 'review', width);

		await page.getByRole('link', { name: 'The case record' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Case /);
		const family = page.getByRole('table', { name: 'Family' });
		await expect(family.getByRole('rowheader').first()).toBeVisible();
		if (width === 'phone') {
			// Each person is a card: their name heads it, each detail labelled beside its value.
			await expect(family.locator('thead')).not.toBeInViewport();
			await expect(family.locator('td[data-label="Relationship"]').first()).toBeVisible();
		}
		await fitsAndPasses(page, 'case-record', width);

		await page.goto('/submissions');
		await page
			.locator('tbody tr', { hasText: '2. New CAF' })
			.first()
			.locator('a[href^="/items/"]')
			.click();
		await expect(page.getByRole('table', { name: 'The family' })).toBeVisible();
		await fitsAndPasses(page, 'new-caf', width);
		await context.close();
	});

	test(`an action offers its update on the first screen at ${width} width`, async ({ browser }) => {
		const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', viewport);
		await page.goto('/actions?status=open');
		await page.locator('tbody tr a[href*="from="]').first().click();
		await expect(page).toHaveURL(/\/actions\/\d+\?from=/);
		const update = page.getByRole('link', { name: 'Update this action' });
		const box = await update.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
		await fitsAndPasses(page, 'action', width);

		await update.click();
		await expect(page).toHaveURL(/#update$/);
		await expect(page.getByRole('group', { name: 'How is it going?' })).toBeInViewport();

		// The family's details, for the action's owner, read as cards too.
		await page.getByRole('link', { name: "Show the family's details" }).click();
		await expect(page.getByRole('table', { name: 'Who is in the family' })).toBeVisible();
		await fitsAndPasses(page, 'action-family', width);
		await context.close();
	});
}

test('My actions on a phone: 50 compact cards, each with its due date and status', async ({
	browser
}) => {
	const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', WIDTHS.phone);
	await page.goto('/actions');
	await expect(page.locator('tbody tr')).toHaveCount(50);
	const card = page.locator('tbody tr').first();
	await expect(card.locator('td[data-label="Due"]')).toContainText(/due|overdue/);
	// The reference starts the line the action continues; the status tag starts the latest update's.
	for (const [first, next] of [
		['About', 'What'],
		['Status', 'Latest update']
	]) {
		const a = await card.locator(`td[data-label="${first}"]`).boundingBox();
		const b = await card.locator(`td[data-label="${next}"]`).boundingBox();
		expect(a!.y).toBeGreaterThanOrEqual(b!.y - 4);
		expect(a!.y).toBeLessThan(b!.y + b!.height);
	}
	// Half the 24,700 px the 50 cards took before; about 10,700 now.
	expect(await pageHeight(page)).toBeLessThan(13_000);
	await fitsAndPasses(page, 'my-actions', 'phone');
	await context.close();
});
