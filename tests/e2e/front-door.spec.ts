import { expect, test, type Page } from '@playwright/test';
import { agendaOpenMeeting, withDatabase } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	mainNavigation,
	open,
	signIn,
	submitForm
} from './support/pages';

const FRONT_DOOR = 'frontdoor@mag.example';
const MEMBER = 'health.visitor@mag.example';
/** Fictional: the caller's words and the child's name must reach no one outside the front door. */
const CHILD = 'Tobias Wrenfield';
const ASKED = 'Tobias Wrenfield keeps missing nursery and mum sounds exhausted on the phone';

async function noSidewaysScroll(page: Page) {
	const sideways = await page.evaluate(
		() => document.documentElement.scrollWidth > document.documentElement.clientWidth
	);
	expect(sideways).toBe(false);
}

function todayBoxes() {
	const now = new Date();
	return {
		day: String(now.getDate()),
		month: String(now.getMonth() + 1),
		year: String(now.getFullYear())
	};
}

let contactPath = '';

test.describe.configure({ mode: 'serial' });

for (const width of [390, 1280]) {
	test(`the front door records a contact, fixing a bad field, and finds it in the log (${width} px)`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 720 });
		await signIn(page, FRONT_DOOR);
		if (width === 1280)
			await expect(mainNavigation(page).filter({ hasText: 'Front door' })).toHaveCount(1);
		await open(page, '/front-door');
		await expect(page.getByRole('heading', { name: 'Front door', level: 1 })).toBeVisible();
		await expect(page.getByTestId('showing')).toContainText('contacts');
		await noSidewaysScroll(page);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: 'Record a contact' }).click();
		await expect(page.getByRole('heading', { name: 'Record a contact' })).toBeVisible();
		const today = todayBoxes();
		await page.locator('#received').fill(today.day);
		await page.locator('#received-month').fill(today.month);
		await page.locator('#received-year').fill(today.year);
		await page.getByLabel('Time', { exact: true }).fill('00:05');
		await page.getByRole('radio', { name: 'Practitioner' }).check();
		await page.getByLabel('Caller’s name').fill('Imogen Castell');
		// The agency is left out: the form says so by the field, keeping the rest.
		await page.getByLabel('Child’s name').fill(`${CHILD} ${width}`);
		await page.getByLabel('What the caller asked').fill(ASKED);
		await page.getByRole('radio', { name: 'Brought to a MAG' }).check();
		await submitForm(page, 'Save the contact');
		await expectErrorSummary(page, { callerAgency: 'Enter the practitioner’s agency' });
		await expect(page.getByLabel('What the caller asked')).toHaveValue(ASKED);
		await noSidewaysScroll(page);
		await expectNoAxeViolations(page);

		await page.getByLabel('Agency (a practitioner)').fill('Leominster Nursery');
		await page.getByRole('button', { name: 'Save the contact' }).click();
		await expect(page.getByRole('heading', { name: 'Bring to a MAG' })).toBeVisible();
		contactPath = new URL(page.url()).pathname.replace(/\/bring$/, '');
		await open(page, '/front-door');
		await expect(page.locator('tbody')).toContainText('T.W.');
		await expect(page.locator('tbody')).not.toContainText(CHILD);
		if (width === 390) await expect(page.locator('table thead').first()).not.toBeInViewport();
	});
}

test('a contact is brought to a MAG as anonymous advice, its names taken out', async ({ page }) => {
	const meeting = agendaOpenMeeting('Mortimer and Leominster');
	await signIn(page, FRONT_DOOR);
	await open(page, `${contactPath}/bring`);
	await expect(page.getByLabel('What you are worried about')).toHaveValue(
		/^T\. W\. keeps missing nursery/
	);
	await expectNoAxeViolations(page);
	await page.getByLabel('Mortimer and Leominster').check();
	await page.getByLabel('An anonymous request for advice (part 1)').check();
	await page.getByLabel('Child’s age band').selectOption('2 to 4');
	await page.getByLabel('The child’s setting').fill('A nursery in Leominster');
	await page.getByLabel('What you are worried about').fill('Tobias keeps missing nursery');
	await page.getByLabel('What you want from the group').fill('Ideas for support at home');
	await submitForm(page, 'Bring to the MAG');
	await expectErrorSummary(page, {
		worry: 'Advice requests must be anonymous: remove the family’s name (Tobias)'
	});
	await expectNoAxeViolations(page);
	await page.getByLabel('What you are worried about').fill('The child keeps missing nursery');
	await page.getByRole('button', { name: 'Bring to the MAG' }).click();
	await expect(page.getByText('The contact is brought to the MAG.')).toBeVisible();
	await expect(page.getByText(`Mortimer and Leominster MAG`)).toBeVisible();
	await expectNoAxeViolations(page);
	const item = withDatabase(
		(db) =>
			db
				.prepare(
					`select s.meeting_id as meetingId, s.part, a.worry from front_door_contact c
					 join submission s on s.id = c.brought_submission_id
					 join advice_request a on a.submission_id = s.id where c.id = ?`
				)
				.get(Number(contactPath.split('/').pop())) as {
				meetingId: number;
				part: number;
				worry: string;
			}
	);
	expect(item).toEqual({
		meetingId: meeting.id,
		part: 1,
		worry: 'The child keeps missing nursery'
	});
	const viewed = withDatabase(
		(db) =>
			db
				.prepare(
					`select count(*) as n from audit_log where action = 'contact.viewed' and record_id = ?`
				)
				.get(contactPath.split('/').pop()) as { n: number }
	);
	expect(viewed.n).toBeGreaterThan(0);
});

test('the monthly report gives each outcome’s share and the practitioners supported', async ({
	page
}) => {
	for (const width of [390, 1280]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 720 });
		if (width === 390) await signIn(page, FRONT_DOOR);
		await open(page, '/front-door/report');
		await expect(page.getByRole('heading', { name: /Monthly report/ })).toBeVisible();
		await expect(page.getByTestId('report-total')).toContainText('practitioner');
		const rows = page.locator('tbody tr');
		await expect(rows).toHaveCount(4);
		await expect(rows.filter({ hasText: 'Brought to a MAG' })).toBeVisible();
		await noSidewaysScroll(page);
		await expectNoAxeViolations(page);
	}
});

test('a MAG member outside the front door is refused the log and a contact, and sees none of it', async ({
	page
}) => {
	await signIn(page, MEMBER);
	await expect(mainNavigation(page).filter({ hasText: 'Front door' })).toHaveCount(0);
	for (const path of ['/front-door', contactPath, `${contactPath}/bring`, '/front-door/new']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
		await expect(page.locator('body')).not.toContainText(CHILD);
		await expect(page.locator('body')).not.toContainText('keeps missing nursery');
	}
	for (const path of ['/', '/communities', '/submissions', '/actions']) {
		await open(page, path);
		await expect(page.locator('body')).not.toContainText(CHILD);
		await expect(page.locator('body')).not.toContainText(ASKED);
	}
});
