import { expect, test } from '@playwright/test';
import { addDays, meetingDate, today } from './support/dates';
import { agendaOpenMeeting, communityId, meetingsOf, withDatabase } from './support/fixtures';
import {
	expectNoAxeViolations,
	fillDateInput,
	open,
	signIn,
	submitForm,
	signedIn
} from './support/pages';

// Golden Valley and Ross on Wye are used only here.

test('after the deadline only the chair can add an item, and it is marked late', async ({
	page,
	browser
}) => {
	const meeting = agendaOpenMeeting('Golden Valley');
	const yesterday = addDays(today(), -1);
	withDatabase((db) =>
		db.prepare('update meeting set submission_deadline = ? where id = ?').run(yesterday, meeting.id)
	);

	await signIn(page, 'ewo@mag.example');
	await open(page, `/meetings/${meeting.id}`);
	await expect(
		page.getByText('The deadline for items has passed: ask the chair to add a late item')
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Add an item' })).toHaveCount(0);
	expect((await page.goto(`/meetings/${meeting.id}/items/new?part=advice`))?.status()).toBe(403);

	const { context: chair, page: chairPage } = await signedIn(browser, 'chair.south@mag.example');
	await open(chairPage, `/meetings/${meeting.id}`);
	await expect(chairPage.getByText('items you add now are marked late')).toBeVisible();
	await open(chairPage, `/meetings/${meeting.id}/items/new?part=community-issue`);
	await expect(chairPage.getByText('this item will be marked late')).toBeVisible();
	await expectNoAxeViolations(chairPage);
	await chairPage.getByLabel('Title').fill('Bus shelter gatherings');
	await chairPage.getByLabel('Place or setting').fill('Village bus shelters');
	await chairPage.getByLabel('What is happening?').fill('Younger children out late in winter');
	await chairPage.getByLabel('What do you want from the group?').fill('Youth outreach');
	await submitForm(chairPage, 'Submit the item');
	await expect(chairPage.getByText('late', { exact: true })).toBeVisible();
	await open(chairPage, `/meetings/${meeting.id}`);
	const row = chairPage.getByRole('row', { name: /Bus shelter gatherings/ });
	await expect(row).toContainText('late');
	await chair.close();
});

test('a coordinator schedules a single meeting', async ({ page }) => {
	const before = meetingsOf('Ross on Wye').length;
	// A Wednesday about three months ahead, so it falls between the seeded Tuesday meetings.
	let date = addDays(today(), 90);
	while (new Date(`${date}T12:00:00Z`).getUTCDay() !== 3) date = addDays(date, 1);

	await signIn(page, 'coordinator.south@mag.example');
	await open(page, `/communities/${communityId('Ross on Wye')}/meetings/new`);
	await fillDateInput(page, 'date', date);
	await page.getByLabel('Venue').fill('Ross Library');
	await page.getByLabel('One meeting').check();
	await submitForm(page, 'Check the dates');
	await expect(page.getByText(meetingDate(date))).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Schedule the meeting' }).click();
	await expect(page.getByTestId('upcoming-meetings')).toContainText(meetingDate(date));
	expect(meetingsOf('Ross on Wye')).toHaveLength(before + 1);
});

test('an administrator’s saved changes stay in the form, ready to change again', async ({
	page
}) => {
	const userId = withDatabase(
		(db) =>
			(
				db.prepare('select id from user where email = ?').get('homestart@mag.example') as {
					id: number;
				}
			).id
	);
	await signIn(page, 'admin@mag.example');
	await open(page, `/admin/users/${userId}`);
	await page.getByLabel('Job title (optional)').fill('Volunteer coordinator (Ross)');
	await submitForm(page, 'Save changes');
	await expect(page.getByText('Changes saved.')).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue('Margaret Ellis');
	await expect(page.getByLabel('Job title (optional)')).toHaveValue('Volunteer coordinator (Ross)');
	await expect(page.getByLabel('Ross on Wye')).toHaveValue('member');
	await submitForm(page, 'Save changes');
	await expect(page.locator('.govuk-error-summary')).toHaveCount(0);
});
