import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { communityId, meetingsOf, uniqueEmail, withDatabase } from './support/fixtures';
import { expectErrorSummary, expectNoAxeViolations, open, signIn, signedIn } from './support/pages';

const CHILD = 'Juniper Sarsaparilla';
const PARENT = 'Rosemary Sarsaparilla';
const NEED = 'Not sleeping; waiting for a paediatric appointment';
const reference = `SAR-${Date.now()}`;
const officerEmail = uniqueEmail('sar.officer');

/**
 * A family brought to Golden Valley's last meeting (no other spec uses it), and a data protection
 * officer of its own, written straight into the test database: the steps that make them have
 * their own specs. The officer signs in with the demo password (its hash copied from the admin).
 */
test.beforeAll(() => {
	const meeting = meetingsOf('Golden Valley').at(-1)!;
	const community = communityId('Golden Valley');
	withDatabase((db) => {
		const now = new Date().toISOString();
		const admin = db
			.prepare("select password_hash from user where email = 'admin@mag.example'")
			.get() as { password_hash: string };
		db.prepare(
			`insert into user (email, name, job_title, agency_id, is_administrator, is_dpo, password_hash, created_at)
			 values (?, 'Priya Officer', 'Data protection officer', null, 0, 1, ?, ?)`
		).run(officerEmail, admin.password_hash, now);
		const submitter = db
			.prepare("select id, agency_id from user where email = 'health.visitor@mag.example'")
			.get() as {
			id: number;
			agency_id: number;
		};
		const caseId = Number(
			db
				.prepare(
					`insert into family_case (reference, community_id, initials, created_by, created_at, lead_professional_id)
					 values (?, ?, 'J.S.', ?, ?, ?)`
				)
				.run(reference, community, submitter.id, now, submitter.id).lastInsertRowid
		);
		const child = Number(
			db
				.prepare(
					`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
					 values (?, ?, '2020-02-14', 'Child', 'Peterchurch Primary School', 1)`
				)
				.run(caseId, CHILD).lastInsertRowid
		);
		db.prepare(
			`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
			 values (?, ?, '1992-08-30', 'Mother', null, 0)`
		).run(caseId, PARENT);
		db.prepare(
			`insert into need (case_id, family_member_id, description, domain) values (?, ?, ?, 'development')`
		).run(caseId, child, NEED);
		const consent = Number(
			db
				.prepare(
					`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with, form_location, withdrawn_on, recorded_by, recorded_at)
					 values (?, ?, 'not-of-age', ?, 1, 'Health, school', 'Health visiting file', null, ?, ?)`
				)
				.run(caseId, PARENT, now.slice(0, 10), submitter.id, now).lastInsertRowid
		);
		const item = Number(
			db
				.prepare(
					`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
					 values (?, 2, ?, ?, 'submitted', 0, null, null, null, ?, ?)`
				)
				.run(meeting.id, submitter.id, submitter.agency_id, now, now).lastInsertRowid
		);
		db.prepare(
			`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need) values (?, ?, ?, ?, 'New CAF', '2')`
		).run(item, caseId, consent, now.slice(0, 10));
	});
});

async function download(page: Page, link: string): Promise<{ name: string; body: Buffer }> {
	const started = page.waitForEvent('download');
	await page.getByRole('link', { name: link }).click();
	const file = await started;
	return { name: file.suggestedFilename(), body: await readFile((await file.path())!) };
}

test('the data protection officer finds a case by its reference and downloads everything held about it', async ({
	page
}) => {
	await signIn(page, officerEmail);
	await page.getByRole('link', { name: 'Answer a subject access request' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Subject access requests');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Find the case' }).click();
	await expectErrorSummary(page, { reference: 'Enter a case reference' });
	await expectNoAxeViolations(page);

	await page.getByLabel('Case reference').fill('NOT-A-CASE-1');
	await page.getByRole('button', { name: 'Find the case' }).click();
	await expectErrorSummary(page, { reference: 'No case has the reference NOT-A-CASE-1' });

	// Typed in lower case, as people do.
	await page.getByLabel('Case reference').fill(reference.toLowerCase());
	await page.getByRole('button', { name: 'Find the case' }).click();
	await expect(page.getByRole('heading', { name: `Case ${reference}` })).toBeVisible();
	// The page itself names no one.
	await expect(page.locator('main')).not.toContainText(CHILD);
	await expectNoAxeViolations(page);

	const json = await download(page, `Download everything held about ${reference} as JSON`);
	expect(json.name).toBe(`subject-access-${reference}.json`);
	const record = JSON.parse(json.body.toString('utf8')) as {
		case: { reference: string };
		familyMembers: { name: string }[];
		needs: { description: string }[];
		consents: { given_by: string }[];
		auditEntries: { action: string; actor_name: string | null }[];
	};
	expect(record.case.reference).toBe(reference);
	expect(record.familyMembers.map((m) => m.name)).toEqual([CHILD, PARENT]);
	expect(record.needs.map((n) => n.description)).toEqual([NEED]);
	expect(record.consents.map((c) => c.given_by)).toEqual([PARENT]);
	expect(record.auditEntries.at(-1)).toMatchObject({
		action: 'case.exported',
		actor_name: 'Priya Officer'
	});

	const pdf = await download(page, `Download everything held about ${reference} as a PDF`);
	expect(pdf.name).toBe(`subject-access-${reference}.pdf`);
	expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

	const response = await page.request.get(`/admin/cases/${reference}/export.json`);
	expect(response.headers()['cache-control']).toBe('no-store');
	expect(response.headers()['content-disposition']).toMatch(/^attachment/);

	// Every export is in the audit log, against the case.
	const exports = withDatabase(
		(db) =>
			db
				.prepare(
					"select count(*) as n from audit_log where action = 'case.exported' and record_id = ?"
				)
				.get(reference) as { n: number }
	);
	expect(exports.n).toBe(3);
});

for (const [who, email] of [
	['an administrator', 'admin@mag.example'],
	['a member', 'health.visitor@mag.example']
] as const) {
	test(`${who} cannot find or export a case`, async ({ browser }) => {
		const { context, page } = await signedIn(browser, email);
		expect((await open(page, '/admin/cases'))?.status()).toBe(403);
		for (const format of ['json', 'pdf'])
			expect((await page.request.get(`/admin/cases/${reference}/export.${format}`)).status()).toBe(
				403
			);
		await context.close();
	});
}
