import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { startExtraServer, type ExtraServer, extraPort } from './support/extra-server';
import { addDays } from './support/dates';
import {
	acceptInvitation,
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	inviteUser,
	open,
	submitForm
} from './support/pages';

// A council's own service, from an empty database to its first published agenda, with no code
// and no SQL: `npm run setup`, then everything else in the browser.
const PORT = extraPort(17);
let server: ExtraServer;

test.beforeAll(async ({ request }) => {
	server = await startExtraServer(request, PORT, { MAG_DEMO: 'off', REQUIRE_TWO_FACTOR: 'none' });
});
test.afterAll(() => server?.stop());

function setUp(args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/setup.ts', ...args], {
		env: { ...process.env, DATABASE_PATH: server.databasePath, ORIGIN: server.url },
		encoding: 'utf8'
	});
}

async function at(page: Page, path: string) {
	await open(page, `${server.url}${path}`);
}

test('a new council sets itself up and publishes its first agenda without the demo', async ({
	browser
}) => {
	test.slow();
	const admin = await (await browser.newContext({ baseURL: server.url })).newPage();
	const chair = await (await browser.newContext({ baseURL: server.url })).newPage();

	let adminLink = '';
	await test.step('setup creates the council and its first administrator, once', async () => {
		const first = setUp([
			'--council',
			'Wyeshire Council',
			'--name',
			'Ada Admin',
			'--email',
			'ada@wyeshire.example'
		]);
		expect(first.status, first.stderr).toBe(0);
		adminLink = first.stdout.match(/http:\/\/localhost:\d+\/invitation\/[a-z0-9]+/)?.[0] ?? '';
		expect(adminLink).not.toBe('');
		const again = setUp(['--council', 'Other', '--name', 'Bob', '--email', 'bob@wyeshire.example']);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('setup runs once, on an empty database');
	});

	await test.step('the administrator sees what is missing, and adds a locality', async () => {
		await acceptInvitation(admin, adminLink, 'willow harbour compass 2026');
		await at(admin, '/');
		await expect(admin.locator('.app-header__council')).toContainText('Wyeshire Council');
		const gaps = admin.getByTestId('set-up-gaps');
		await expect(gaps).toContainText('No localities yet');
		await expect(gaps).toContainText('No agencies yet');
		await expectNoAxeViolations(admin);
		await gaps.getByRole('link', { name: /Add a locality/ }).click();
		await submitForm(admin, 'Add the locality');
		await expectErrorSummary(admin, { name: 'Enter the locality’s name' });
		await admin.getByLabel('Locality name').fill('Golden Valley and Kington');
		await submitForm(admin, 'Add the locality');
		await expect(admin.getByRole('alert')).toContainText('The locality is saved.');
		await expect(admin.getByRole('table', { name: 'Golden Valley and Kington' })).toBeVisible();
		await expectNoAxeViolations(admin);
	});

	await test.step('adds a community with its MAG settings, refusing bad ones by the field', async () => {
		await admin.getByRole('link', { name: 'Add a community in Golden Valley and Kington' }).click();
		await expect(admin.getByLabel('Locality')).toHaveValue(/\d+/);
		await expect(admin.getByLabel('Meeting length, in minutes')).toHaveValue('120');
		await expect(admin.getByLabel('How often it meets, in weeks')).toHaveValue('6');
		await expect(admin.getByLabel('Family items per meeting')).toHaveValue('15');
		await expectNoAxeViolations(admin);
		await admin.getByLabel('Name', { exact: true }).fill('Kingstone');
		await admin.getByLabel('Meeting length, in minutes').fill('10');
		await admin.getByLabel('Usual online meeting link (optional)').fill('teams.example/kingstone');
		await submitForm(admin, 'Add the community');
		await expectErrorSummary(admin, {
			meetingLength: 'Meeting length must be a whole number from 30 to 480 minutes',
			onlineLink: 'Enter the online meeting link as a full address starting https://'
		});
		await expect(admin.getByLabel('Name', { exact: true })).toHaveValue('Kingstone');
		await expectNoAxeViolations(admin);
		await admin.getByLabel('Meeting length, in minutes').fill('90');
		await admin.getByLabel('Usual online meeting link (optional)').fill('');
		await admin.getByLabel('Usual venue (optional)').fill('Kingstone Village Hall');
		await admin.getByLabel('Family items per meeting').fill('12');
		await submitForm(admin, 'Add the community');
		await expect(admin.getByRole('alert')).toContainText('The community is saved.');
		await expect(admin.getByRole('link', { name: 'Kingstone', exact: true })).toBeVisible();
	});

	await test.step('adds an agency with its information-sharing agreement', async () => {
		await at(admin, '/admin/council/agencies/new');
		await admin.getByLabel('Name').fill('Wyeshire Police');
		await admin.getByLabel('Kind of service').fill('Police');
		await fillDateInput(admin, 'agreementSignedOn', '2026-04-01');
		await fillDateInput(admin, 'agreementReviewDue', '2026-03-01');
		await submitForm(admin, 'Add the agency');
		await expectErrorSummary(admin, {
			agreementReviewDue: 'The review date must be after the date it was signed'
		});
		await fillDateInput(
			admin,
			'agreementReviewDue',
			addDays(new Date().toISOString().slice(0, 10), 400)
		);
		await admin
			.getByLabel('Where the signed agreement is kept (optional)')
			.fill('IG register, ISA-0042');
		await submitForm(admin, 'Add the agency');
		await expect(admin.getByRole('alert')).toContainText('The agency is saved.');
		const row = admin.getByRole('row').filter({ hasText: 'Wyeshire Police' });
		await expect(row).toContainText('Agreement in place');
		await expectNoAxeViolations(admin);
	});

	let chairLink = '';
	await test.step('invites the chair and gives them the community', async () => {
		const invitation = await inviteUser(admin, {
			name: 'Cara Chair',
			email: 'cara@wyeshire.example',
			agency: 'Wyeshire Police'
		});
		chairLink = invitation.link;
		await at(admin, `/admin/users/${invitation.userId}`);
		await admin.getByLabel('Kingstone', { exact: true }).selectOption({ label: 'Chair' });
		await submitForm(admin, 'Save changes');
		await expect(admin.getByRole('alert')).toContainText('Changes saved.');
		await at(admin, '/');
		const gaps = admin.getByTestId('set-up-gaps');
		await expect(gaps).toContainText('Kingstone has no meetings scheduled');
		await expect(gaps).not.toContainText('No localities yet');
		await expect(gaps).not.toContainText('has no chair');
	});

	await test.step('the chair schedules the meetings, on the community’s settings, and publishes an agenda', async () => {
		await acceptInvitation(chair, chairLink, 'copper meadow lantern 2026');
		await at(chair, '/communities');
		await chair.getByRole('link', { name: 'Kingstone' }).click();
		await chair.getByRole('link', { name: 'Schedule meetings' }).click();
		await expect(chair.getByLabel('Length in minutes')).toHaveValue('90');
		await expect(chair.getByLabel('Venue', { exact: true })).toHaveValue('Kingstone Village Hall');
		const first = addDays(new Date().toISOString().slice(0, 10), 21);
		await fillDateInput(chair, 'date', first);
		await chair.getByLabel('One meeting', { exact: true }).check();
		await submitForm(chair, 'Check the dates');
		await submitForm(chair, 'Schedule the meeting');
		await chair.getByTestId('upcoming-meetings').getByRole('link').first().click();
		await submitForm(chair, 'Open the agenda');
		await expect(chair.getByRole('alert')).toContainText('The agenda is open');
		await chair.getByRole('link', { name: 'Build the agenda' }).click();
		await submitForm(chair, 'Publish the agenda');
		await expect(chair.getByText('The agenda is published.')).toBeVisible();
		await expectNoAxeViolations(chair);
	});
});
