import { expect, test, type Page } from '@playwright/test';
import { today } from './support/dates';
import { agendaOpenMeeting, meetingsOf, withDatabase } from './support/fixtures';
import {
	BASE_URL,
	DEMO_PASSWORD,
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	newContext,
	open,
	reload,
	signIn,
	submitForm,
	submitSignIn,
	signedIn,
	waitForApp
} from './support/pages';

// Hereford South City is used only here.
const CHILD = 'Jamie Example-Smith';
const PARENT = 'Alex Example-Smith';
const NEED = 'Attendance below 85 percent since the autumn';

/** Fills in the part 2 form: a child and a parent, one need, consent signed on `signedOn`. */
async function fillNewCaf(page: Page, signedOn: string) {
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
	await fillDateInput(page, 'cafDate', signedOn);
	await page.getByLabel('New CAF', { exact: true }).check();
	await page.getByLabel('Level 2', { exact: true }).check();
	await page.getByLabel('Who gave consent').fill(PARENT);
	await page.getByLabel('Not of an age to consent').check();
	await fillDateInput(page, 'signedOn', signedOn);
	// Who may know: two agencies, not all at the MAG (members of the others see initials only).
	await page.getByLabel('Only the agencies chosen below').check();
	await page.getByLabel('Youth Service', { exact: true }).check();
	await page.getByLabel('Leominster Primary School', { exact: true }).check();
	await page.locator('#partnerChecks').check();
	await page.getByLabel('Where the signed form is kept').fill('Scanned to the case file');
}

/** The case reference on the item's page (e.g. HSC-2026-001), shown with the child's initials. */
async function referenceOn(page: Page): Promise<string> {
	const shown = await page.getByText(/^HSC-\d{4}-\d{3} \(J\.E\.S\.\)$/).textContent();
	return shown!.split(' ')[0]!;
}

// These come first: the tests after them publish the meeting's agenda.
test('“Continue” with no part chosen says which to choose', async ({ page }) => {
	const meeting = agendaOpenMeeting('Hereford South City');
	await signIn(page, 'youth.worker@mag.example');
	await open(page, `/meetings/${meeting.id}/items/new`);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectErrorSummary(page, { part: 'Select which part of the agenda this is for' });
	await expect(page).toHaveTitle(/^Error: /);
	await expectNoAxeViolations(page);
});

test('a family member and a need are added and removed without JavaScript, keeping what was typed and saving nothing', async ({
	browser
}) => {
	const meeting = agendaOpenMeeting('Hereford South City');
	const context = await newContext(browser, { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await submitSignIn(page, 'youth.worker@mag.example', DEMO_PASSWORD);
	await page.goto(`/meetings/${meeting.id}/items/new?part=new-caf`);
	const cases = () =>
		withDatabase(
			(db) => (db.prepare('select count(*) as n from family_case').get() as { n: number }).n
		);
	const before = cases();
	await expect(page.getByTestId('member-row')).toHaveCount(2);
	await page.locator('#member-1-name').fill(CHILD);
	await page.locator('#member-2-name').fill(PARENT);
	await page.locator('#need-1-description').fill(NEED);
	await submitForm(page, 'Add another family member');
	await expect(page.getByTestId('member-row')).toHaveCount(3);
	await expect(page.locator('#member-1-name')).toHaveValue(CHILD);
	await expect(page.locator('#member-3-name')).toHaveValue('');
	await expect(page.locator('#need-1-description')).toHaveValue(NEED);
	await page.locator('#member-3-name').fill('Sam Example-Smith');
	await submitForm(page, 'Add another need');
	await expect(page.getByTestId('need-row')).toHaveCount(2);
	await submitForm(page, 'Remove family member 2');
	await expect(page.getByTestId('member-row')).toHaveCount(2);
	await expect(page.locator('#member-2-name')).toHaveValue('Sam Example-Smith');
	await expect(page.getByText('Error:')).toHaveCount(0);
	expect(cases()).toBe(before);
	await context.close();
});

test('with JavaScript a family member is added in place, focus on their name, up to twelve', async ({
	page
}) => {
	const meeting = agendaOpenMeeting('Hereford South City');
	await signIn(page, 'youth.worker@mag.example');
	await open(page, `/meetings/${meeting.id}/items/new?part=new-caf`);
	const sections = page.getByTestId('caf-sections');
	await expect(sections.locator('#caf-family-status')).toHaveText('Not started');
	await page.locator('#member-1-name').fill(CHILD);
	await expect(sections.locator('#caf-family-status')).toHaveText('In progress');
	await expect(sections.locator('#caf-consent-status')).toHaveText('Not started');
	let posts = 0;
	page.on('request', (request) => {
		if (request.method() === 'POST') posts++;
	});
	const add = page.getByRole('button', { name: 'Add another family member' });
	for (let count = 3; count <= 12; count++) {
		await add.click();
		await expect(page.locator(`#member-${count}-name`)).toBeFocused();
	}
	await expect(add).toHaveCount(0);
	await expect(page.getByText('A CAF holds up to 12 family members')).toBeVisible();
	await expect(page.locator('#member-1-name')).toHaveValue(CHILD);
	await page.getByRole('button', { name: 'Remove family member 1', exact: true }).click();
	await expect(page.getByTestId('member-row')).toHaveCount(11);
	await expect(page.locator('#member-1-name')).toHaveValue('');
	expect(posts).toBe(0);
	await expectNoAxeViolations(page);
});

test('a new CAF saved as a draft is its author’s alone, finished later with everything kept, and gone once submitted', async ({
	page,
	browser
}) => {
	test.slow();
	const meeting = agendaOpenMeeting('Hereford South City');
	await signIn(page, 'youth.worker@mag.example');
	await open(page, `/meetings/${meeting.id}/items/new?part=new-caf`);
	await page.locator('#need-1-description').fill(NEED);
	await submitForm(page, 'Save as draft');
	await expectErrorSummary(page, {
		'member-1-name': 'Enter the name of a family member, so that you can find the draft again'
	});
	await expect(page.locator('#need-1-description')).toHaveValue(NEED);
	await expectNoAxeViolations(page);
	await page.locator('#member-1-name').fill(CHILD);
	await submitForm(page, 'Save as draft');
	await expect(page.getByText('Your draft has been saved. Only you can see it.')).toBeVisible();
	await expectNoAxeViolations(page);
	const draftUrl = page.url().replace('&saved=1', '');

	// Someone else cannot open it.
	const { context: other, page: otherPage } = await signedIn(browser, 'school.nurse@mag.example');
	expect((await otherPage.goto(draftUrl))?.status()).toBe(404);
	await other.close();

	// Later: the author finds it where they start a new item, and carries on.
	await open(page, `/meetings/${meeting.id}/items/new`);
	const drafts = page.getByTestId('drafts');
	await expect(drafts).toContainText(`Continue the CAF for ${CHILD}`);
	await expectNoAxeViolations(page);
	await drafts.getByRole('link', { name: `Continue the CAF for ${CHILD}` }).click();
	await expect(page.locator('#member-1-name')).toHaveValue(CHILD);
	await expect(page.locator('#need-1-description')).toHaveValue(NEED);
	await expect(page.locator('#caf-family-status')).toHaveText('In progress');
	await waitForApp(page);
	await fillNewCaf(page, today());
	await page.getByLabel('Discussion at this MAG').check();
	await submitForm(page, 'Submit the item');
	await expect(page.getByText('Your item has been submitted.')).toBeVisible();
	// The consent names the agencies chosen, in the council's words for them.
	await expect(
		page.getByText('Leominster Primary School, Youth Service', { exact: true })
	).toBeVisible();
	await open(page, `/meetings/${meeting.id}/items/new`);
	await expect(page.getByTestId('drafts')).toHaveCount(0);
	expect(
		withDatabase(
			(db) => (db.prepare('select count(*) as n from caf_draft').get() as { n: number }).n
		)
	).toBe(0);
});

test('a new CAF goes into part 2 only with consent, and the published agenda shows only its reference and initials', async ({
	page,
	browser
}) => {
	test.slow();
	const meeting = agendaOpenMeeting('Hereford South City');
	const signedOn = today();

	await signIn(page, 'youth.worker@mag.example');
	await open(page, `/meetings/${meeting.id}/items/new`);
	await page.getByLabel('Part 2: a new CAF, with consent').check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { name: 'New CAF, with consent' })).toBeVisible();
	await expectNoAxeViolations(page);

	await fillNewCaf(page, signedOn);
	await expect(page.locator('#caf-family-status')).toHaveText('Completed');
	await expect(page.locator('#caf-consent-status')).toHaveText('In progress');

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
	await expect(page.getByRole('rowheader', { name: CHILD }).first()).toBeVisible();
	expect(cases()).toBe(before + 1);
	await expectNoAxeViolations(page);
	const itemUrl = page.url().replace(/\?.*$/, '');
	const reference = await referenceOn(page);

	// Another member, neither submitter nor chair, cannot open it.
	const { context: member, page: memberPage } = await signedIn(browser, 'school.nurse@mag.example');
	expect((await memberPage.goto(itemUrl))?.status()).toBe(403);

	// The chair accepts it (12 minutes by default) and publishes.
	const { context: chair, page: chairPage } = await signedIn(browser, 'chair.south@mag.example');
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

test('the submitter changes a new CAF until the agenda is published, under the same rules as at submission', async ({
	page,
	browser
}) => {
	test.slow();
	const RENAMED = 'Riley Example-Smith';
	const FATHER = 'Sam Example-Smith';
	const CHANGED_NEED = 'Attendance below 80 percent, late most mornings';
	const signedOn = today();
	const storedFamily = (reference: string) =>
		withDatabase((db) => ({
			members: (
				db
					.prepare(
						'select m.name from family_member m join family_case c on c.id = m.case_id where c.reference = ? order by m.id'
					)
					.all(reference) as { name: string }[]
			).map((m) => m.name),
			needs: (
				db
					.prepare(
						'select n.description from need n join family_case c on c.id = n.case_id where c.reference = ? order by n.id'
					)
					.all(reference) as { description: string }[]
			).map((n) => n.description)
		}));

	// The first test publishes the open meeting's agenda, so the chair opens the next one's.
	const meeting = meetingsOf('Hereford South City').find((m) => m.status === 'scheduled')!;
	const { context: chair, page: chairPage } = await signedIn(browser, 'chair.south@mag.example');
	await open(chairPage, `/meetings/${meeting.id}`);
	await submitForm(chairPage, 'Open the agenda');
	await expect(chairPage.getByText('The agenda is open')).toBeVisible();

	await signIn(page, 'youth.worker@mag.example');
	await open(page, `/meetings/${meeting.id}/items/new?part=new-caf`);
	await fillNewCaf(page, signedOn);
	await page.getByLabel('Discussion at this MAG').check();
	await submitForm(page, 'Submit the item');
	await expect(page.getByText('Your item has been submitted.')).toBeVisible();
	const itemUrl = page.url().replace(/\?.*$/, '');
	const reference = await referenceOn(page);

	// The form starts from what is stored.
	await expect(page.getByRole('heading', { name: 'Change this item' })).toBeVisible();
	await expect(page.locator('#member-1-name')).toHaveValue(CHILD);
	await expect(page.locator('#member-1-dob')).toHaveValue('4');
	await expect(page.locator('#member-1-dob-month')).toHaveValue('6');
	await expect(page.locator('#member-1-dob-year')).toHaveValue('2018');
	await expect(page.locator('#member-1-setting')).toHaveValue('Fictional Primary School');
	await expect(page.locator('#member-2-relationship')).toHaveValue('Mother');
	await expect(page.locator('#need-1-member')).toHaveValue('1');
	await expect(page.locator('#need-1-description')).toHaveValue(NEED);
	await expect(page.locator('#need-1-domain')).toHaveValue('development');
	await expect(page.getByLabel('Level 2', { exact: true })).toBeChecked();
	await expect(page.getByLabel('Who gave consent')).toHaveValue(PARENT);
	await expect(page.getByLabel('Discussion at this MAG')).toBeChecked();
	await expectNoAxeViolations(page);

	// Only the submitter may change it, whatever is sent.
	const notTheSubmitter = await chairPage.request.post(`${itemUrl}?/saveNewCaf`, {
		form: { 'member-1-name': 'Someone Else' },
		headers: { origin: BASE_URL }
	});
	expect(notTheSubmitter.status()).toBe(403);
	expect(await notTheSubmitter.text()).toContain(
		'Only the person who submitted this item can change it'
	);

	// A change without a consent date: refused, everything typed kept, nothing saved.
	await page.locator('#member-1-name').fill(RENAMED);
	await page.locator('#need-1-description').fill(CHANGED_NEED);
	for (const box of ['#signedOn', '#signedOn-month', '#signedOn-year'])
		await page.locator(box).fill('');
	await submitForm(page, 'Save changes');
	await expectErrorSummary(page, { signedOn: 'Enter the date consent was signed' });
	await expect(page.locator('#member-1-name')).toHaveValue(RENAMED);
	await expect(page.locator('#need-1-description')).toHaveValue(CHANGED_NEED);
	await expect(page.locator('#member-2-name')).toHaveValue(PARENT);
	await expect(page.getByLabel('Discussion at this MAG')).toBeChecked();
	expect(storedFamily(reference)).toEqual({ members: [CHILD, PARENT], needs: [NEED] });
	await expectNoAxeViolations(page);

	// Put right, and the mother swapped for the father, typed a row further down.
	await fillDateInput(page, 'signedOn', signedOn);
	for (const box of ['name', 'dob', 'dob-month', 'dob-year', 'setting'])
		await page.locator(`#member-2-${box}`).fill('');
	await page.locator('#member-2-relationship').selectOption('');
	await page.getByRole('button', { name: 'Add another family member' }).click();
	await expect(page.locator('#member-3-name')).toBeFocused();
	await page.locator('#member-3-name').fill(FATHER);
	await fillDateInput(page, 'member-3-dob', '1988-05-05');
	await page.locator('#member-3-relationship').selectOption('Father');
	await submitForm(page, 'Save changes');
	await expect(page.getByText('Your changes have been saved.')).toBeVisible();
	await expect(page.getByText(`${reference} (R.E.S.)`, { exact: true })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: RENAMED, exact: true }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: CHANGED_NEED, exact: true })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: CHILD, exact: true })).toHaveCount(0);
	expect(storedFamily(reference)).toEqual({ members: [RENAMED, FATHER], needs: [CHANGED_NEED] });
	// The form shows what was saved: the empty row closed up, the father now in row 2.
	await expect(page.locator('#member-2-name')).toHaveValue(FATHER);
	await expect(page.locator('#member-3-name')).toHaveCount(0);
	await reload(page);
	await expect(page.locator('#member-1-name')).toHaveValue(RENAMED);
	await expect(page.locator('#member-2-relationship')).toHaveValue('Father');
	await expect(page.locator('#member-3-name')).toHaveCount(0);
	await expect(page.locator('#need-1-description')).toHaveValue(CHANGED_NEED);

	// Once the agenda is published the form is gone, and a change sent anyway is refused.
	await open(chairPage, `/meetings/${meeting.id}/agenda`);
	const card = chairPage.locator('.govuk-summary-card', { hasText: reference });
	await card.getByRole('button', { name: /Add to the agenda/ }).click();
	await expect(
		chairPage.getByRole('heading', { name: 'Part 2: New CAF, with consent' })
	).toBeVisible();
	await submitForm(chairPage, 'Publish the agenda');
	await expect(chairPage.getByText('The agenda is published.')).toBeVisible();

	await reload(page);
	await expect(page.getByRole('rowheader', { name: RENAMED, exact: true }).first()).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Change this item' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
	const afterPublication = await page.request.post(`${itemUrl}?/saveNewCaf`, {
		form: { 'member-1-name': 'Someone Else' },
		headers: { origin: BASE_URL }
	});
	expect(afterPublication.status()).toBe(409);
	expect(await afterPublication.text()).toContain('the agenda has been published');
	expect(storedFamily(reference).members).toEqual([RENAMED, FATHER]);
	await chair.close();
});
