import SQLite from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

/**
 * Every family member's name in the county's history (db/generate/families.ts), less any that is
 * also a member of staff's: home names families by reference and initials only, for everyone.
 */
function familyNames(): string[] {
	const db = new SQLite('test-results/e2e-county.sqlite', { readonly: true, fileMustExist: true });
	try {
		const staff = new Set(
			db
				.prepare('select name from user')
				.pluck()
				.all()
				.map((name) => String(name))
		);
		return (
			db
				.prepare(
					// Retention replaces an old family's names with "Removed": not a name to look for.
					'select distinct family_member.name from family_member join family_case on family_case.id = family_member.case_id where family_case.anonymised_at is null'
				)
				.pluck()
				.all() as string[]
		).filter((name) => !staff.has(name));
	} finally {
		db.close();
	}
}

/** The page as drawn and the data its load sent: neither names a family. */
async function expectNoFamilyNames(page: Page, names: string[]) {
	// Five years of families: thousands of names to look for.
	expect(names.length).toBeGreaterThan(1000);
	const html = await page.content();
	const data = await (await page.request.get('/__data.json')).text();
	expect(data).toContain('"type":"data"');
	const leaked = names.filter((name) => html.includes(name) || data.includes(name));
	expect(leaked).toEqual([]);
}

/** The count card's number, from its link or its text ("106 overdue actions"). */
async function count(page: Page, testId: string): Promise<number> {
	const text = (await page.getByTestId(testId).textContent()) ?? '';
	return Number(text.trim().split(/\s/)[0]!.replace(/,/g, ''));
}

/** The first thing to act on is on the first screen, with nothing pushed sideways. */
async function expectFirstScreen(page: Page, testId: string, height: number) {
	const box = await page.getByTestId(testId).boundingBox();
	expect(box).not.toBeNull();
	expect(box!.y + box!.height).toBeLessThan(height);
	expect(await scrollsSideways(page)).toBe(false);
}

/** Read once the county server has made its database, not when the file is first loaded. */
let names: string[] | null = null;
const NAMES = () => (names ??= familyNames());

for (const [width, viewport] of Object.entries(WIDTHS)) {
	test(`a practitioner with years of overdue actions sees their worklist first at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'youth.worker@mag.example', viewport);
		await expect(page).toHaveURL('/');
		const work = page.getByRole('group', { name: 'Your work' });
		await expect(work.getByTestId('count-overdue')).toContainText('overdue actions');
		expect(await count(page, 'count-overdue')).toBeGreaterThan(50);
		await expectFirstScreen(page, 'count-overdue', viewport.height);
		// The first five, longest overdue first, each with its reference and how late it is.
		const overdue = page.getByTestId('overdue').getByRole('listitem');
		await expect(overdue).toHaveCount(5);
		await expect(overdue.first()).toContainText('weeks overdue');
		await expect(
			page.getByRole('link', { name: /^See all [\d,]+ overdue actions$/ })
		).toHaveAttribute('href', '/actions?due=overdue');
		for (const id of ['count-soon', 'count-reviews', 'count-items'])
			await expect(page.getByTestId(id)).toBeVisible();
		await expect(
			page.getByRole('heading', { name: /^Meetings coming up in your communities/ })
		).toBeVisible();
		await expect(page.getByTestId('meetings').getByRole('listitem').first()).toContainText(
			'Items by'
		);
		await expect(page.getByRole('table', { name: 'Your MAG communities' })).toBeVisible();
		// Not a chair or coordinator: nothing of the MAGs they would run.
		await expect(page.getByRole('heading', { name: 'The MAGs you run' })).toHaveCount(0);
		await page.screenshot({
			path: `test-results/county-home-practitioner-${width}.png`,
			fullPage: true
		});
		await expectNoAxeViolations(page);
		await expectNoFamilyNames(page, NAMES());

		await page.getByTestId('overdue').getByRole('link').first().click();
		await expect(page).toHaveURL(/\/actions\/\d+$/);
		await context.close();
	});

	test(`a chair sees what waits on the MAGs they run first at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'chair.north@mag.example', viewport);
		await expect(page.getByRole('heading', { name: 'The MAGs you run' })).toBeVisible();
		const mags = page.getByRole('group', { name: 'What waits on the MAGs you run' });
		await expect(mags.getByTestId('count-waiting')).toContainText('waiting for a decision');
		await expect(mags.getByTestId('count-agendas')).toContainText(/agendas? to publish/);
		expect(await count(page, 'count-community-overdue')).toBeGreaterThan(0);
		await expectFirstScreen(page, 'count-agendas', viewport.height);
		await expect(page.getByTestId('agendas').getByRole('listitem').first()).toContainText(
			'Deadline for items'
		);
		// Each community's overdue count opens its follow-up board, overdue only.
		const byCommunity = page.getByTestId('community-overdue');
		await expect(byCommunity.getByRole('listitem')).toHaveCount(4);
		await expect(byCommunity.getByRole('listitem').first()).toContainText(/[\d,]+ overdue/);
		const first = byCommunity.getByRole('link').first();
		await expect(first).toHaveAttribute('href', /^\/communities\/\d+\/follow-up\?overdue=yes$/);
		await expect(page.getByRole('table', { name: 'Your MAG communities' })).toBeVisible();
		await page.screenshot({ path: `test-results/county-home-chair-${width}.png`, fullPage: true });
		await expectNoAxeViolations(page);
		await expectNoFamilyNames(page, NAMES());

		await first.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Follow-up board');
		await expect(page.getByLabel('Overdue only')).toBeChecked();
		await context.close();
	});

	test(`an administrator sees the set-up gaps and no family work at ${width} width`, async ({
		browser
	}) => {
		const { context, page } = await countySignedIn(browser, 'admin@mag.example', viewport);
		await expect(page.getByRole('heading', { name: 'Setting up your council' })).toBeVisible();
		await expect(
			page.getByText(
				/^(Still missing for a working MAG \(\d+ gaps?\):|Every community has members)/
			)
		).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'The MAGs you run' })).toHaveCount(0);
		expect(await scrollsSideways(page)).toBe(false);
		await page.screenshot({ path: `test-results/county-home-admin-${width}.png`, fullPage: true });
		await expectNoAxeViolations(page);
		await expectNoFamilyNames(page, NAMES());
		await context.close();
	});
}
