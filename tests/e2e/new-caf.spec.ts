import { expect, test } from '@playwright/test';
import {
	agendaOpenMeeting,
	expectNoAxeViolations,
	fillDateInput,
	newContext,
	open,
	signIn,
	submitForm,
	withDatabase
} from './helpers';

// Hereford South City is used only here.
const CHILD = 'Jamie Example-Smith';
const PARENT = 'Alex Example-Smith';
const NEED = 'Attendance below 85 percent since the autumn';

test('a new CAF goes into part 2 only with consent, and the published agenda shows only its reference and initials', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	const meeting = agendaOpenMeeting('Hereford South City');
	const today = new Date().toISOString().slice(0, 10);

	await signIn(page, 'youth.worker@mag.example');
	await open(page, `/meetings/${meeting.id}/items/new`);
	await page.getByLabel('Part 2: a new CAF, with consent').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'New CAF, with consent' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.locator('#member-1-name').fill(CHILD);
	await fillDateInput(page, 'member-1-dob', '2018-06-04');
	await page.locator('#member-1-relationship').selectOption('Child');
	await page.locator('#member-1-setting').fill('Fictional Primary School');
	await page.locator('#member-2-name').fill(PARENT);
	await fillDateInput(page, 'member-2-dob', '1990-01-01');
	await page.locator('#member-2-relationship').selectOption('Mother');
	await page.locator('#need-1-member').selectOption('1');
	await page.locator('#need-1-description').fill(NEED);
	await page.locator('#need-1-domain').selectOption('development');
	await fillDateInput(page, 'cafDate', today);
	await page.getByLabel('New CAF', { exact: true }).check();
	await page.getByLabel('Level 2', { exact: true }).check();
	await page.getByLabel('Who gave consent').fill(PARENT);
	await page.getByLabel('Not of an age to consent').check();
	await fillDateInput(page, 'signedOn', today);
	await page
		.getByLabel('Agencies the family agreed to share information with')
		.fill('School, youth service');
	await page.getByLabel('Where the signed form is kept').fill('Scanned to the case file');

	// Consent that does not cover this MAG: refused, part 1 offered, nothing lost, nothing saved.
	await submitForm(page, 'Submit the item');
	await expect(page.locator('#coversMag-error')).toContainText('only with signed, in-date consent');
	await expect(page.getByTestId('offer-part-one').getByRole('link')).toHaveAttribute(
		'href',
		`/meetings/${meeting.id}/items/new?part=advice`
	);
	await expect(page.locator('#member-1-name')).toHaveValue(CHILD);
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
	const cases = () =>
		withDatabase(
			(db) => (db.prepare('select count(*) as n from family_case').get() as { n: number }).n
		);
	const before = cases();

	await page.getByLabel('Discussion at this MAG').check();
	await submitForm(page, 'Submit the item');
	await expect(page.getByText('Your item has been submitted.')).toBeVisible();
	await expect(page.getByRole('cell', { name: CHILD }).first()).toBeVisible();
	expect(cases()).toBe(before + 1);
	await expectNoAxeViolations(page);
	const itemUrl = page.url().replace(/\?.*$/, '');
	const reference = (await page.getByText(/^HSC-\d{4}-\d{3} \(J\.E\.S\.\)$/).textContent())!.split(
		' '
	)[0]!;

	// Another member, neither submitter nor chair, cannot open it.
	const member = await newContext(browser);
	const memberPage = await member.newPage();
	await signIn(memberPage, 'school.nurse@mag.example');
	expect((await memberPage.goto(itemUrl))?.status()).toBe(403);

	// The chair accepts it (12 minutes by default) and publishes.
	const chair = await newContext(browser);
	const chairPage = await chair.newPage();
	await signIn(chairPage, 'chair.south@mag.example');
	await open(chairPage, `/meetings/${meeting.id}/agenda`);
	const card = chairPage.locator('.govuk-summary-card', { hasText: reference });
	await expect(card).toContainText(`${reference} (J.E.S.), New CAF`);
	await expect(card.getByLabel('Minutes for this item')).toHaveValue('12');
	await card.getByRole('button', { name: /Add to the agenda/ }).click();
	await expect(
		chairPage.getByRole('heading', { name: 'Part 2: New CAF, with consent' })
	).toBeVisible();
	await submitForm(chairPage, 'Publish the agenda');
	await expect(chairPage.getByText('The agenda is published.')).toBeVisible();

	const response = await memberPage.goto(`/meetings/${meeting.id}/agenda`);
	expect(response?.status()).toBe(200);
	await expect(memberPage.getByText(`${reference} (J.E.S.), New CAF`)).toBeVisible();
	const html = await response!.text();
	for (const secret of [
		CHILD,
		PARENT,
		'Jamie',
		'2018-06-04',
		'4 June 2018',
		NEED,
		'Fictional Primary School'
	]) {
		expect(html, `published agenda must not contain ${secret}`).not.toContain(secret);
	}
	await expectNoAxeViolations(memberPage);

	const reads = withDatabase(
		(db) =>
			db
				.prepare(
					"select count(*) as n from audit_log where action = 'family.viewed' and record_id = ?"
				)
				.get(reference) as { n: number }
	);
	expect(reads.n).toBeGreaterThanOrEqual(1);
	await member.close();
	await chair.close();
});
