import { expect, test } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

/** The North meeting whose agenda is open, straight from the county server's database. */
function openMeeting(community: string): number {
	const db = new SQLite('test-results/e2e-county.sqlite', { readonly: true });
	try {
		const row = db
			.prepare(
				`select meeting.id from meeting join community on community.id = meeting.community_id
				 where community.name = ? and meeting.status = 'agenda-open'`
			)
			.get(community) as { id: number } | undefined;
		if (!row) throw new Error(`No open agenda for ${community}`);
		return row.id;
	} finally {
		db.close();
	}
}

// Each width its own North MAG: scheduling every review due changes the meeting for good.
const COMMUNITY = { desktop: 'Mortimer and Leominster', phone: 'Bromyard' } as const;

for (const [width, viewport] of Object.entries(WIDTHS) as [
	keyof typeof WIDTHS,
	typeof WIDTHS.phone
][]) {
	test(`the chair schedules every review due in one step and accepts several items at once at ${width} width`, async ({
		browser
	}) => {
		test.slow();
		const { context, page } = await countySignedIn(browser, 'chair.north@mag.example', viewport);
		await page.goto(`/meetings/${openMeeting(COMMUNITY[width])}/agenda`);
		const scheduleAll = page.getByRole('button', { name: /^Schedule all \d+ reviews due$/ });
		await expect(scheduleAll).toBeVisible();
		const due = Number((await scheduleAll.textContent())!.match(/\d+/)![0]);
		expect(due).toBeGreaterThan(3);
		await expect(
			page.getByRole('table', { name: 'Reviews due by this meeting' }).getByRole('checkbox')
		).toHaveCount(due);
		expect(await scrollsSideways(page)).toBe(false);
		await page.screenshot({ path: `test-results/county-agenda-due-${width}.png`, fullPage: true });
		await expectNoAxeViolations(page);

		await scheduleAll.click();
		await expect(page.getByRole('alert')).toContainText(`${due} reviews scheduled`);
		await expect(page.getByText('No case’s review falls due by this meeting')).toBeVisible();
		const waiting = page.locator('.govuk-summary-card');
		await expect(waiting).toHaveCount(due);

		// Three ticked, each with its own time, accepted together.
		for (const [index, minutes] of [
			[0, '10'],
			[1, '12'],
			[2, '8']
		] as const) {
			await waiting.nth(index).getByLabel('Minutes for this item').fill(minutes);
			await waiting
				.nth(index)
				.getByRole('checkbox', { name: /Choose to accept/ })
				.check();
		}
		await page.getByRole('button', { name: 'Accept selected' }).click();
		await expect(page.getByRole('alert')).toContainText('3 items added to the agenda.');
		await expect(waiting).toHaveCount(due - 3);
		await expect(page.getByTestId('agenda-total')).toContainText(
			'30 of 120 minutes; 3 family items'
		);
		const partThree = page
			.getByRole('heading', { name: 'Part 3: Review' })
			.locator('xpath=following-sibling::ol[1]')
			.getByRole('listitem');
		await expect(partThree).toHaveCount(3);
		expect(await scrollsSideways(page)).toBe(false);
		await page.screenshot({
			path: `test-results/county-agenda-accepted-${width}.png`,
			fullPage: true
		});
		await expectNoAxeViolations(page);
		await context.close();
	});
}
