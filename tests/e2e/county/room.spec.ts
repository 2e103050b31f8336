import SQLite from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, scrollsSideways, WIDTHS } from '../support/county';

/**
 * The room at a county's volumes: Hereford North City and Bromyard each have well over a hundred
 * overdue actions. Each width runs its own MAG's last meeting (far ahead, used by no other spec),
 * started here straight in the database with one item on its agenda.
 */
const COUNTY_DATABASE = 'test-results/e2e-county.sqlite';
const COMMUNITY = { desktop: 'Hereford North City', phone: 'Bromyard' } as const;
const ISSUE = 'Young people gathering at the bus station after dark';

function runningMeeting(community: string): number {
	const db = new SQLite(COUNTY_DATABASE);
	try {
		db.pragma('busy_timeout = 5000');
		const meeting = db
			.prepare(
				`select meeting.id from meeting join community on community.id = meeting.community_id
				 where community.name = ? order by meeting.date desc limit 1`
			)
			.get(community) as { id: number };
		const chair = db
			.prepare("select id, agency_id from user where email = 'chair.north@mag.example'")
			.get() as { id: number; agency_id: number };
		const now = new Date().toISOString();
		const item = Number(
			db
				.prepare(
					`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
					 values (?, 4, ?, ?, 'accepted', 0, 1, 15, null, ?, ?)`
				)
				.run(meeting.id, chair.id, chair.agency_id, now, now).lastInsertRowid
		);
		db.prepare(
			`insert into community_issue (submission_id, title, place, happening, wanted) values (?, ?, 'The bus station', 'Groups of teenagers late at night', 'A joint plan')`
		).run(item, ISSUE);
		db.prepare(
			"update meeting set status = 'in-progress', started_at = ?, current_item_id = null where id = ?"
		).run(now, meeting.id);
		return meeting.id;
	} finally {
		db.close();
	}
}

for (const [width, viewport] of Object.entries(WIDTHS) as [
	keyof typeof WIDTHS,
	typeof WIDTHS.phone
][]) {
	test(`the room at ${width} width: a compact actions review, the item first, and a projector view`, async ({
		browser
	}) => {
		test.slow();
		const meetingId = runningMeeting(COMMUNITY[width]);
		const { context, page } = await countySignedIn(browser, 'chair.north@mag.example', viewport);
		const shot = (name: string) => page.screenshot({ path: `/tmp/room-${name}-${width}.png` });
		await page.goto(`/meetings/${meetingId}/room`);
		// The chair agrees the confidentiality statement first, as at any meeting.
		await page.getByRole('button', { name: 'I agree to this statement' }).click();
		await expect(page.locator('#confidentiality')).toHaveCount(0);

		// The review: over a hundred overdue, shown 50 at a time in a table, a box per row.
		const heading = page.locator('#actions-review-heading');
		await expect(heading).toHaveText(/^Actions review: \d{3} overdue$/);
		const rows = page.getByTestId('actions-review-table').locator('tbody');
		await expect(rows).toHaveCount(50);
		await expect(page.getByTestId('actions-review-table').locator('caption')).toHaveText(
			/showing 1–50 of \d{3}/
		);
		await expect(rows.first().getByRole('checkbox')).toBeVisible();
		// Compact: a row (with its "Record the decision" line) is a few lines, not a card of its own.
		await shot('review');
		const rowHeight = (await rows.first().boundingBox())!.height;
		await rows.first().scrollIntoViewIfNeeded();
		await shot('review-rows');
		await page.evaluate(() => window.scrollTo(0, 0));
		expect(rowHeight).toBeLessThan(width === 'desktop' ? 140 : 420);
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);

		// The chair puts the review off and takes the item: it is on the first screen, before the agenda.
		await page.getByRole('button', { name: 'Review them later' }).click();
		await expect(page.getByTestId('review-later-chosen')).toBeVisible();
		await page.getByRole('button', { name: new RegExp(`^Take this item\\W+${ISSUE}$`) }).click();
		const item = page.locator('#item-heading');
		await expect(item).toHaveText(ISSUE);
		await page.evaluate(() => window.scrollTo(0, 0));
		expect((await item.boundingBox())!.y).toBeLessThan(viewport.height);
		// On a phone the columns stack: the item comes before the agenda (beside it on a laptop).
		const agenda = page.getByRole('heading', { name: 'Agenda', exact: true });
		if (width === 'phone')
			expect((await item.boundingBox())!.y).toBeLessThan((await agenda.boundingBox())!.y);
		// With an item on screen, the review folds away below it.
		await expect(rows.first()).toBeHidden();
		expect(await scrollsSideways(page)).toBe(false);
		await shot('item');
		await expectNoAxeViolations(page);

		// The presentation view: no site header, menu or footer; the item first and large.
		await page.goto(`/meetings/${meetingId}/present`);
		await expect(page.locator('#item-heading')).toHaveText(ISSUE);
		await expect(page.locator('header')).toHaveCount(0);
		await expect(page.locator('.govuk-service-navigation')).toHaveCount(0);
		await expect(page.locator('footer')).toHaveCount(0);
		expect((await page.locator('#item-heading').boundingBox())!.y).toBeLessThan(200);
		expect(await scrollsSideways(page)).toBe(false);
		await shot('present');
		await expectNoAxeViolations(page);
		await context.close();
	});
}

test('without JavaScript, a decision on the second page of the actions review comes back to that page', async ({
	browser
}) => {
	test.slow();
	// Kington and Weobley: some 80 overdue actions, so the review has a second page.
	const meetingId = runningMeeting('Kington and Weobley');
	const { context, page } = await countySignedIn(
		browser,
		'chair.north@mag.example',
		WIDTHS.desktop,
		{ javaScriptEnabled: false }
	);
	await page.goto(`/meetings/${meetingId}/room`);
	await page.getByRole('button', { name: 'I agree to this statement' }).click();
	await page.goto(`/meetings/${meetingId}/room?page=2`);
	const caption = page.getByTestId('actions-review-table').locator('caption');
	await expect(caption).toHaveText(/showing 51–(\d+) of \1/);
	const total = Number((await caption.textContent())!.match(/of (\d+)/)![1]);

	await page
		.getByTestId('actions-review-table')
		.locator('tbody')
		.first()
		.getByRole('checkbox')
		.check();
	const nextYear = new Date().getFullYear() + 1;
	await page.locator('#bulk-due').fill('1');
	await page.locator('#bulk-due-month').fill('6');
	await page.locator('#bulk-due-year').fill(String(nextYear));
	await page.getByRole('button', { name: 'Extend the selected actions' }).click();

	// Still the second page, one action fewer: the extended one is no longer overdue.
	await expect(page).toHaveURL(/[?&]page=2/);
	await expect(caption).toHaveText(
		`Overdue actions, most overdue first: showing 51–${total - 1} of ${total - 1}`
	);
	await context.close();
});
