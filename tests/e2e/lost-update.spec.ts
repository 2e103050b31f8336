import { expect, test } from '@playwright/test';
import { agendaOpenMeeting } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	open,
	reload,
	submitForm,
	signedIn
} from './support/pages';

/** The submitter signed in in a browser of their own: their laptop, or their phone. */
const STALE =
	'This item was saved from another window or device while you were editing it. Your text is kept here: check the version saved there (reload the page) and save again';

test('a save from a page opened before the item was saved elsewhere is refused, with what was typed kept', async ({
	browser
}) => {
	const meeting = agendaOpenMeeting('Mortimer and Leominster');
	const email = 'pc.hughes@mag.example';
	const title = `Bikes ridden through the market ${Date.now().toString(36)}`;
	const laptop = await signedIn(browser, email);
	await open(laptop.page, `/meetings/${meeting.id}/items/new?part=community-issue`);
	await laptop.page.getByLabel('Title', { exact: true }).fill(title);
	await laptop.page.getByLabel('Place or setting').fill('Corn Square, Leominster');
	await laptop.page.getByLabel('What is happening?').fill('Bikes ridden fast on market days');
	await laptop.page.getByLabel('What do you want from the group?').fill('Ideas from the group');
	await submitForm(laptop.page, 'Submit the item');
	await expect(laptop.page).toHaveURL(/\/items\/\d+\?submitted=1$/);
	const itemUrl = new URL(laptop.page.url()).pathname;

	// The same person opens the item on their phone before the laptop's change is saved.
	const phone = await signedIn(browser, email);
	await open(phone.page, itemUrl);
	await expect(phone.page.getByLabel('What is happening?')).toHaveValue(
		'Bikes ridden fast on market days'
	);

	await laptop.page.getByLabel('What is happening?').fill('Two near misses with pushchairs');
	await submitForm(laptop.page, 'Save changes');
	await expect(laptop.page.getByRole('alert')).toContainText('Your changes have been saved.');

	const phoneTitle = `${title}, Saturdays`;
	await phone.page.getByLabel('Title', { exact: true }).fill(phoneTitle);
	await phone.page.getByLabel('What is happening?').fill('Typed on the phone, not yet seen');
	await submitForm(phone.page, 'Save changes');
	await expectErrorSummary(phone.page, { title: STALE });
	await expect(phone.page.getByLabel('Title', { exact: true })).toHaveValue(phoneTitle);
	await expect(phone.page.getByLabel('What is happening?')).toHaveValue(
		'Typed on the phone, not yet seen'
	);
	await expect(phone.page.getByLabel('Place or setting')).toHaveValue('Corn Square, Leominster');
	await expect(phone.page.getByText('Your changes have been saved.')).toHaveCount(0);
	await expectNoAxeViolations(phone.page);

	// Saving again from the same page is refused again: the phone has still not seen the laptop's text.
	await submitForm(phone.page, 'Save changes');
	await expectErrorSummary(phone.page, { title: STALE });

	// The laptop's change stands, and once the phone has reloaded it, the phone's change goes in.
	await reload(phone.page);
	const summary = phone.page.locator('.govuk-summary-list');
	await expect(summary).toContainText('Two near misses with pushchairs');
	await expect(summary).toContainText(title);
	await expect(summary).not.toContainText('Typed on the phone');
	await phone.page.getByLabel('Title', { exact: true }).fill(phoneTitle);
	await submitForm(phone.page, 'Save changes');
	await expect(phone.page.getByRole('alert')).toContainText('Your changes have been saved.');
	await expect(summary).toContainText(phoneTitle);
	await expect(summary).toContainText('Two near misses with pushchairs');

	await laptop.context.close();
	await phone.context.close();
});
