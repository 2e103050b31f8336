import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { auditEntryHash, type ChainedFields } from '../../src/lib/server/audit/log';
import { DATABASE_PATH, uniqueEmail, withDatabase, userId } from './support/fixtures';
import {
	acceptInvitation,
	expectErrorSummary,
	expectNoAxeViolations,
	inviteUser,
	mainNavigation,
	newContext,
	open,
	signIn,
	signedIn
} from './support/pages';

/** Writes an entry as the app would (hash-chained), for reads made before this test ran. */
function recordEntry(entry: Omit<ChainedFields, 'at'> & { at?: string }) {
	withDatabase((db) =>
		db.transaction(() => {
			const last = db.prepare('select hash from audit_log order by id desc limit 1').get() as
				{ hash: string } | undefined;
			const fields: ChainedFields = { ...entry, at: entry.at ?? new Date().toISOString() };
			const previous = last?.hash ?? null;
			db.prepare(
				`insert into audit_log (at, actor_id, action, record_type, record_id, ip, detail, previous_hash, hash)
				 values (@at, @actor_id, @action, @record_type, @record_id, @ip, @detail, @previous, @hash)`
			).run({ ...fields, previous, hash: auditEntryHash(previous, fields) });
		})()
	);
}

async function searchFor(page: Page, fields: { person?: string; caseReference?: string }) {
	await page.getByLabel('Who (part of a name or email address)').fill(fields.person ?? '');
	await page.getByLabel('Case reference').fill(fields.caseReference ?? '');
	await page.getByRole('button', { name: 'Search', exact: true }).click();
}

test("an administrator finds who has looked at a family's record, by its case reference", async ({
	page
}) => {
	const reference = `AUD-${Date.now()}`;
	const chair = withDatabase((db) => userId(db, 'chair.south@mag.example'));
	const visitor = withDatabase((db) => userId(db, 'health.visitor@mag.example'));
	recordEntry({
		at: '2026-06-01T08:15:00.000Z',
		actor_id: visitor,
		action: 'family.viewed',
		record_type: 'family_case',
		record_id: reference,
		ip: '192.0.2.41',
		detail: JSON.stringify({ why: 'submitter reading their own item', submissionId: 1 })
	});
	recordEntry({
		at: '2026-06-02T13:05:00.000Z',
		actor_id: chair,
		action: 'family.viewed',
		record_type: 'family_case',
		record_id: reference,
		ip: '192.0.2.42',
		detail: JSON.stringify({ why: 'chair preparing the agenda', submissionId: 1 })
	});
	recordEntry({
		at: '2026-06-09T09:40:00.000Z',
		actor_id: chair,
		action: 'consent-gate.opened',
		record_type: 'family_case',
		record_id: reference,
		ip: '192.0.2.42',
		detail: JSON.stringify({ submissionId: 1, meetingId: 1, consentId: 1, reason: null })
	});

	await signIn(page, 'admin@mag.example');
	await open(page, '/admin/audit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
	await expectNoAxeViolations(page);

	// Nothing yet for a reference nobody has touched.
	await searchFor(page, { caseReference: 'NONE-0000-000' });
	await expect(page.getByTestId('no-audit-results')).toHaveText('No entries match this search.');
	await expectNoAxeViolations(page);

	await searchFor(page, { caseReference: reference.toLowerCase() });
	await expect(page).toHaveURL(/[?&]case=aud-/);
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toContainText('consent-gate.opened');
	await expect(rows.nth(1)).toContainText('David Okafor');
	await expect(rows.nth(1)).toContainText('2 June 2026 at 2:05pm');
	await expect(rows.nth(2)).toContainText('Sarah Williams');
	await expect(rows.nth(2)).toContainText('192.0.2.41');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: `Who has looked at the record of ${reference}?` }).click();
	await expect(page).toHaveURL(`/admin/audit/case/${reference}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Who has looked at this family’s record?'
	);
	await expect(page.getByTestId('case-summary')).toHaveText('3 entries by 2 people.');
	const entries = page.locator('tbody tr');
	await expect(entries.nth(0)).toContainText('Checked consent: the gate opened');
	await expect(entries.nth(1)).toContainText('Read the family’s details');
	await expect(entries.nth(1)).toContainText('chair preparing the agenda');
	await expect(entries.nth(1)).toContainText('192.0.2.42');
	await expect(entries.nth(2)).toContainText('Sarah Williams');
	await expect(entries.nth(2)).toContainText('Health Visiting Service');
	await expect(entries.nth(2)).toContainText('1 June 2026 at 9:15am');
	await expect(entries.nth(2)).toContainText('submitter reading their own item');
	await expectNoAxeViolations(page);
});

test('a search with a date that is not real keeps what was typed and says what is wrong', async ({
	page
}) => {
	await signIn(page, 'admin@mag.example');
	await open(page, '/admin/audit');
	await page.getByLabel('Case reference').fill('HSC-2026-001');
	await page.locator('#from').fill('31');
	await page.locator('#from-month').fill('2');
	await page.locator('#from-year').fill('2026');
	await page.getByRole('button', { name: 'Search', exact: true }).click();
	await expectErrorSummary(page, { from: 'The from date must be a real date' });
	await expect(page.getByLabel('Case reference')).toHaveValue('HSC-2026-001');
	await expect(page.locator('#from')).toHaveValue('31');
	await expectNoAxeViolations(page);
});

test('a member is refused the audit log, and the refusal is itself in the log', async ({
	page,
	browser
}) => {
	const nurse = withDatabase((db) => userId(db, 'school.nurse@mag.example'));
	const refusals = () =>
		withDatabase(
			(db) =>
				db
					.prepare(
						`select detail from audit_log where action = 'access.refused' and actor_id = ?
						 and record_id = '/admin/audit' order by id`
					)
					.all(nurse) as { detail: string }[]
		);
	const before = refusals().length;

	await signIn(page, 'school.nurse@mag.example');
	const response = await open(page, '/admin/audit');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('Only administrators and the data protection officer')).toBeVisible();
	expect((await open(page, '/admin/audit/case/HSC-2026-001'))?.status()).toBe(403);
	const after = refusals();
	expect(after.length).toBe(before + 1);
	expect(JSON.parse(after.at(-1)!.detail)).toEqual({ method: 'GET', status: 403 });

	// Followed as a link inside the app, the page's data is fetched, not the page: refused and logged.
	await open(page, '/');
	await page.evaluate(() => {
		const link = document.createElement('a');
		link.href = '/admin/audit';
		link.textContent = 'A link to the audit log';
		document.body.append(link);
	});
	await page.getByRole('link', { name: 'A link to the audit log' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You do not have access to this page'
	);
	await expect.poll(() => refusals().length).toBe(before + 2);
	expect(JSON.parse(refusals().at(-1)!.detail)).toEqual({
		method: 'GET',
		status: 403,
		navigation: true
	});

	const { context: admin, page: adminPage } = await signedIn(browser, 'admin@mag.example');
	await open(adminPage, '/admin/audit');
	await adminPage.getByLabel('What happened').selectOption('access.refused');
	await searchFor(adminPage, { person: 'school.nurse@mag.example' });
	const found = adminPage.locator('tbody tr');
	await expect(found.first()).toContainText('access.refused');
	await expect(found.first()).toContainText('"navigation":true');
	await expect(found.filter({ hasText: 'path /admin/audit/case/HSC-2026-001' })).not.toHaveCount(0);
	await admin.close();
});

test('the data protection officer reads the audit log and nothing else an administrator can', async ({
	page,
	browser
}) => {
	await signIn(page, 'admin@mag.example');
	const email = uniqueEmail('dpo');
	const invitation = await inviteUser(page, { name: 'Dana Protection', email, agency: 'CAF Team' });
	await open(page, `/admin/users/${invitation.userId}`);
	await page.getByRole('checkbox', { name: 'Data protection officer' }).check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('Changes saved.')).toBeVisible();
	await expect(page.getByRole('checkbox', { name: 'Data protection officer' })).toBeChecked();

	const officer = await newContext(browser);
	const officerPage = await officer.newPage();
	await acceptInvitation(officerPage, invitation.link, 'harbour-lantern-meadow-42');
	await expect(mainNavigation(officerPage)).toHaveText([
		'Home',
		'My actions',
		'Audit log',
		'Your account'
	]);
	await expect(officerPage.getByTestId('signed-in-as')).toContainText('Data protection officer');
	await mainNavigation(officerPage).filter({ hasText: 'Audit log' }).click();
	await expect(officerPage).toHaveURL('/admin/audit');
	await expect(officerPage.getByRole('heading', { level: 1 })).toHaveText('Audit log');
	for (const refused of [
		'/admin/users',
		`/admin/users/${invitation.userId}`,
		'/admin/closure-days'
	])
		expect((await open(officerPage, refused))?.status(), refused).toBe(403);
	await officer.close();

	// Everything these tests did, and the server did for them, still chains.
	const output = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
		env: { ...process.env, DATABASE_PATH },
		encoding: 'utf8'
	});
	expect(output).toMatch(/^audit log intact: \d+ entries$/m);
});
