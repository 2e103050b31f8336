import SQLite from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, pageHeight, scrollsSideways, WIDTHS } from '../support/county';

/**
 * The county's latest concluded meetings chaired by chair.north@ (each with 14 to 22 items and
 * twenty-odd actions): one for each width, so the two runs do not correct the same minutes.
 */
function latestConcludedMeetings(): number[] {
	const db = new SQLite('test-results/e2e-county.sqlite', { readonly: true });
	try {
		return (
			db
				.prepare(
					`select meeting.id from meeting
					 join community_membership on community_membership.community_id = meeting.community_id
					 join user on user.id = community_membership.user_id
					 where user.email = 'chair.north@mag.example' and community_membership.role = 'chair'
					   and meeting.status = 'concluded'
					 order by meeting.date desc, meeting.id limit 2`
				)
				.all() as { id: number }[]
		).map((row) => row.id);
	} finally {
		db.close();
	}
}

for (const [index, [width, viewport]] of Object.entries(WIDTHS).entries()) {
	test(`the chair reads, corrects and prints a county meeting's minutes at ${width} width`, async ({
		browser
	}) => {
		const meetingId = latestConcludedMeetings()[index]!;
		const { context, page } = await countySignedIn(browser, 'chair.north@mag.example', viewport);
		const shot = (name: string) => page.screenshot({ path: `/tmp/minutes/${name}-${width}.png` });

		await page.goto(`/meetings/${meetingId}/minutes`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(
			'Minutes of the meeting on'
		);
		await expect(page.getByRole('table', { name: 'Actions' }).first()).toBeVisible();
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);
		await shot('minutes');
		await page.getByRole('table', { name: 'Actions' }).first().scrollIntoViewIfNeeded();
		await shot('minutes-actions');
		console.log(`minutes at ${width}: ${await pageHeight(page)} px tall`);

		await page.getByRole('link', { name: 'Correct these minutes' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Correct the minutes' })
		).toBeVisible();
		const note = page.locator('textarea[name^="note-"]').first();
		const typed = `Corrected at ${width} width, run ${Date.now()}`;
		await note.fill(typed);
		await page.getByRole('button', { name: 'Save the correction' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText(
			'Enter why the minutes are being corrected'
		);
		await expect(note).toHaveValue(typed);
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);
		await shot('correct-error');

		await page.getByLabel('Why are the minutes being corrected?').fill('A word was misheard');
		await page.getByRole('button', { name: 'Save the correction' }).click();
		await expect(page).toHaveURL(/\/minutes\?corrected=\d+$/);
		await expect(page.getByTestId('minutes-corrections')).toContainText(
			/Corrected on .+ by .+: A word was misheard/
		);
		await expect(page.getByText(typed)).toBeVisible();
		expect(await scrollsSideways(page)).toBe(false);
		await expectNoAxeViolations(page);
		await shot('corrected');

		await expect(page.getByRole('button', { name: 'Print these minutes' })).toBeVisible();
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('button', { name: 'Print these minutes' })).toBeHidden();
		await expect(page.locator('.govuk-service-navigation')).toBeHidden();
		await page.getByTestId('minutes-corrections').scrollIntoViewIfNeeded();
		await shot('minutes-print');
		await context.close();
	});
}
