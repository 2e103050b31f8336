import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { communityId, withDatabase } from './support/fixtures';
import {
	DEMO_PASSWORD,
	expectErrorSummary,
	expectNoAxeViolations,
	newContext,
	open,
	signIn,
	submitForm
} from './support/pages';

const HEADINGS = 'Name,Email,Job title,Agency,Communities';
const SHOTS = 'test-results/people-import';

/** A CSV file to choose in the file input, as a spreadsheet program saves one. */
function csvFile(lines: string[], { bom = true } = {}) {
	return {
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8')
	};
}

async function checkFile(page: Page, file: ReturnType<typeof csvFile> | string) {
	await page.getByLabel(/Upload a (CSV|corrected or different) file/).setInputFiles(file);
	await submitForm(page, 'Check the file');
}

async function screenshots(page: Page, name: string) {
	for (const [width, height] of [
		[390, 844],
		[1280, 720]
	] as const) {
		await page.setViewportSize({ width, height });
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
		// Readable at this width: nothing pushes the page sideways.
		const sideways = await page.evaluate(
			() => document.documentElement.scrollWidth > document.documentElement.clientWidth
		);
		expect(sideways, `${name} scrolls sideways at ${width}px`).toBe(false);
	}
}

/** The error summary lists each row's problems, each linked to the problem beside its row. */
async function expectRowProblems(page: Page, problems: Record<string, string>) {
	const summary = page.locator('.govuk-error-summary');
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(summary.getByRole('link')).toHaveCount(Object.keys(problems).length);
	for (const [id, message] of Object.entries(problems)) {
		await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', `#${id}`);
		await expect(page.locator(`#${id}`)).toHaveText(message.replace(/^Row \d+: /, ''));
	}
	await expect(page).toHaveTitle(/^Error: /);
}

/** People of this test's own, so no demo account's roles change under another spec. */
function addPeople(names: string[]): string[] {
	const now = new Date().toISOString();
	return withDatabase((db) => {
		const insert = db.prepare(
			`insert into user (email, name, job_title, agency_id, is_administrator, created_at)
			 values (?, ?, 'Family worker', (select id from agency where name = 'Home-Start Herefordshire'), 0, ?)`
		);
		for (const name of names)
			insert.run(`${name.toLowerCase().replace(/\W+/g, '.')}@mag.example`, name, now);
		return names;
	});
}

function userByEmail(email: string) {
	return withDatabase(
		(db) =>
			db.prepare('select id, name, job_title as jobTitle from user where email = ?').get(email) as
				{ id: number; name: string; jobTitle: string | null } | undefined
	);
}

function rolesOf(email: string) {
	return withDatabase(
		(db) =>
			db
				.prepare(
					`select c.name as community, m.role from community_membership m
					 join community c on c.id = m.community_id join user u on u.id = m.user_id
					 where u.email = ? order by c.name`
				)
				.all(email) as { community: string; role: string }[]
	);
}

function auditActions(since: number) {
	return withDatabase((db) =>
		db
			.prepare('select action from audit_log where id > ? order by id')
			.all(since)
			.map((row) => (row as { action: string }).action)
	);
}

function lastAuditId() {
	return withDatabase(
		(db) => (db.prepare('select max(id) as id from audit_log').get() as { id: number }).id
	);
}

test('an administrator checks a file of people, imports it, and the same file again changes nothing', async ({
	page
}) => {
	test.slow();
	const stamp = Date.now();
	const jo = `jo.kay.${stamp}@mag.example`;
	const ann = `ann.lee.${stamp}@mag.example`;
	await signIn(page, 'admin@mag.example');
	await open(page, '/admin/users');
	await page.getByRole('link', { name: 'Add or change people in bulk' }).click();
	await expect(page.getByRole('heading', { name: 'Add people in bulk', level: 1 })).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'start');

	await submitForm(page, 'Check the file');
	await expectErrorSummary(page, { file: 'Select a CSV file' });

	// Every kind of problem, each linked from the summary to its row.
	await checkFile(
		page,
		csvFile([
			HEADINGS,
			`,${jo},,Youth Service,`,
			'Sam,not-an-email,,Youth Service,',
			`Jo Kay,${ann},,Polise,Ledbury: member`,
			`Ann Lee,${ann.toUpperCase()},,Youth Service,Ledbry: chair`
		])
	);
	await expectRowProblems(page, {
		'row-2-problem-1': 'Row 2: Enter the person’s full name',
		'row-3-problem-1': 'Row 3: Enter an email address in the correct format, like name@example.org',
		'row-4-problem-1':
			'Row 4: The same email address is also on row 5: put each person on one row only',
		'row-4-problem-2': 'Row 4: There is no agency called ‘Polise’',
		'row-5-problem-1':
			'Row 5: The same email address is also on row 4: put each person on one row only',
		'row-5-problem-2': 'Row 5: There is no community called ‘Ledbry’'
	});
	await expect(page.getByRole('button', { name: 'Import these changes' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await screenshots(page, 'problems');

	// Quotes, a comma inside them, CRLF and Excel's byte-order mark.
	const file = csvFile([
		HEADINGS,
		`Jo Kay,${jo},Health visitor,Health Visiting Service,Ledbury: member; Bromyard: coordinator`,
		`"Lee, Ann",${ann},"Officer, ""neighbourhood""",West Mercia Police,`
	]);
	await checkFile(page, file);
	await expect(
		page.getByRole('heading', { name: 'Check the changes before you import them' })
	).toBeVisible();
	const newPeople = page.getByRole('table', { name: 'New people: each is invited by email' });
	await expect(newPeople.getByRole('row', { name: /Jo Kay/ })).toContainText(
		'Joins Ledbury as a member'
	);
	await expect(newPeople.getByRole('row', { name: /Jo Kay/ })).toContainText(
		'Joins Bromyard as a coordinator'
	);
	await expect(newPeople.getByRole('row', { name: /Lee, Ann/ })).toContainText(
		'Officer, "neighbourhood"'
	);
	expect(userByEmail(jo)).toBeUndefined();
	await expectNoAxeViolations(page);
	await screenshots(page, 'preview');

	const before = lastAuditId();
	await submitForm(page, 'Import these changes');
	await expect(page.getByText('2 people invited, from people.csv.')).toBeVisible();
	await expectNoAxeViolations(page);
	expect(userByEmail(jo)).toMatchObject({ name: 'Jo Kay', jobTitle: 'Health visitor' });
	expect(userByEmail(ann)).toMatchObject({
		name: 'Lee, Ann',
		jobTitle: 'Officer, "neighbourhood"'
	});
	expect(rolesOf(jo)).toEqual([
		{ community: 'Bromyard', role: 'coordinator' },
		{ community: 'Ledbury', role: 'member' }
	]);
	expect(auditActions(before)).toEqual([
		'user.invited',
		'user.roles-changed',
		'user.invited',
		'people.imported'
	]);
	const invitations = withDatabase(
		(db) =>
			db
				.prepare(
					`select recipient from mail_outbox where kind = 'invitation' and recipient in (?, ?)`
				)
				.all(jo, ann) as { recipient: string }[]
	);
	expect(invitations).toHaveLength(2);

	// The same file again: nothing to import.
	await checkFile(page, file);
	await expect(page.getByTestId('no-changes')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Import these changes' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	// Changes to them: a job title, a role changed, a role removed; Bromyard is left alone.
	const afterChanges = lastAuditId();
	await checkFile(
		page,
		csvFile([
			HEADINGS,
			`Jo Kay,${jo},Senior health visitor,,Ledbury: chair`,
			`"Lee, Ann",${ann},,,`
		])
	);
	const changes = page.getByRole('table', {
		name: 'Changes to people who already have an account'
	});
	await expect(changes.getByRole('row', { name: /Jo Kay/ })).toContainText(
		'Job title changes from ‘Health visitor’ to ‘Senior health visitor’'
	);
	await expect(changes.getByRole('row', { name: /Jo Kay/ })).toContainText(
		'Role in Ledbury changes from member to chair'
	);
	await page.getByText('Rows with no changes (1)').click();
	await expect(page.getByText(`Row 3: Lee, Ann (${ann})`)).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'changes');
	await submitForm(page, 'Import these changes');
	await expect(page.getByText('1 person changed, from people.csv.')).toBeVisible();
	expect(rolesOf(jo)).toEqual([
		{ community: 'Bromyard', role: 'coordinator' },
		{ community: 'Ledbury', role: 'chair' }
	]);
	expect(auditActions(afterChanges)).toEqual(['user.roles-changed', 'people.imported']);

	// The export reads back as no changes.
	await open(page, '/admin/users/import');
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download everyone with an account as a CSV file' }).click();
	const download = await downloading;
	const exported = await download.path();
	const text = fs.readFileSync(exported, 'utf8');
	expect(text.startsWith(`\uFEFF${HEADINGS}\r\n`)).toBe(true);
	expect(text).toContain(
		`Jo Kay,${jo},Senior health visitor,Health Visiting Service,Bromyard: coordinator; Ledbury: chair\r\n`
	);
	await checkFile(page, exported);
	await expect(page.getByTestId('no-changes')).toBeVisible();
	expect(auditActions(afterChanges).slice(-1)).toEqual(['people.exported']);
});

test('without JavaScript the import works the same, and refuses a file changed after checking', async ({
	browser
}) => {
	test.slow();
	const context = await newContext(browser, { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill('admin@mag.example');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname !== '/sign-in');

	const email = `no.script.${Date.now()}@mag.example`;
	await page.goto('/admin/users/import');
	// A file saved in Windows-1252 ("Zoë"), not UTF-8: the message is the file field's own.
	await page.getByLabel('Upload a CSV file').setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.concat([
			Buffer.from(`${HEADINGS}\r\nZo`),
			Buffer.from([0xeb]),
			Buffer.from(',zoe@x\r\n')
		])
	});
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.locator('#file-error')).toContainText(
		'The selected file must be a CSV file saved as UTF-8'
	);
	await page
		.getByLabel('Upload a CSV file')
		.setInputFiles(
			csvFile([HEADINGS, `Rae Stone,${email},,Youth Service,Golden Valley: member`], { bom: false })
		);
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByRole('table', { name: /New people/ })).toContainText('Rae Stone');

	// Someone else invites her first: the import refuses, shows the new plan and writes nothing.
	const before = lastAuditId();
	withDatabase((db) =>
		db
			.prepare(
				`insert into user (email, name, job_title, agency_id, is_administrator, created_at)
				 values (?, 'Rae Stone', null, (select id from agency where name = 'Youth Service'), 0, ?)`
			)
			.run(email, new Date().toISOString())
	);
	await page.getByRole('button', { name: 'Import these changes' }).click();
	await expect(
		page.getByText('People, agencies or communities changed after you checked this file')
	).toBeVisible();
	expect(auditActions(before)).toEqual([]);
	await expect(page.getByRole('table', { name: /Changes to people/ })).toContainText(
		'Joins Golden Valley as a member'
	);

	// A confirm whose file was altered in the page is refused.
	await page.evaluate(() => {
		const field = document.querySelector<HTMLInputElement>('input[name="csv"]')!;
		field.value = btoa(atob(field.value).replace('member', 'chair'));
	});
	await page.getByRole('button', { name: 'Import these changes' }).click();
	await expect(page.locator('#file-error')).toContainText(
		'The file has changed since you checked it: upload it again and check the changes'
	);
	expect(auditActions(before)).toEqual([]);
	await context.close();
});

test('only administrators can add people in bulk or download them', async ({ page }) => {
	await signIn(page, 'coordinator.south@mag.example');
	expect((await page.goto('/admin/users/import'))?.status()).toBe(403);
	expect((await page.request.get('/admin/users/export')).status()).toBe(403);
});

test('an administrator adds several people to a MAG at once, then changes and removes roles', async ({
	page
}) => {
	test.slow();
	const stamp = `m${Date.now()}`;
	const names = addPeople([`Ada Quill ${stamp}`, `Ben Quill ${stamp}`, `Cy Quill ${stamp}`]);
	const community = communityId('Bromyard');
	await signIn(page, 'admin@mag.example');
	await open(page, `/communities/${community}`);
	await page.getByRole('link', { name: 'Add or change members' }).click();
	await expect(page.getByRole('heading', { name: 'Members of Bromyard MAG' })).toBeVisible();
	await expectNoAxeViolations(page);

	await submitForm(page, 'Add to this MAG');
	await expectErrorSummary(page, {
		person: 'Select the people to add',
		role: 'Choose the role they will have in this MAG'
	});

	await page.getByLabel('Search by name, email address or agency').fill(stamp);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(new RegExp(`search=${stamp}`));
	const choices = page.getByRole('group', { name: 'People to add' }).getByRole('checkbox');
	await expect(choices).toHaveCount(3);
	for (const name of names) await page.getByRole('checkbox', { name, exact: true }).check();
	await page.getByRole('radio', { name: 'Coordinator' }).check();
	await submitForm(page, 'Add to this MAG');
	await expect(
		page.getByText(`${names[0]}, ${names[1]} and ${names[2]} are now in this MAG as coordinators.`)
	).toBeVisible();
	await expect(page.getByText(`No one without a role here matches ‘${stamp}’.`)).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'members');
	const audited = withDatabase(
		(db) =>
			db
				.prepare(
					`select count(*) as n from audit_log where action = 'user.roles-changed'
					 and record_id in (select id from user where name like ?)`
				)
				.get(`%${stamp}`) as { n: number }
	);
	expect(audited.n).toBe(3);

	const [ada, ben, cy] = names as [string, string, string];
	await page.getByLabel(`Role of ${ada}`).selectOption('member');
	await page.getByLabel(`Role of ${ben}`).selectOption('remove');
	await submitForm(page, 'Save roles');
	await expect(page.getByText(`${ada} is now a member; ${ben} has left this MAG.`)).toBeVisible();
	await expect(page.getByLabel(`Role of ${ada}`)).toHaveValue('member');
	await expect(page.getByLabel(`Role of ${ben}`)).toHaveCount(0);

	// Someone else takes Cy out meanwhile: the save is refused, saying so, and nothing is saved.
	withDatabase((db) =>
		db
			.prepare(
				`delete from community_membership where community_id = ? and user_id = (select id from user where name = ?)`
			)
			.run(community, cy)
	);
	await page.getByLabel(`Role of ${ada}`).selectOption('chair');
	await page.getByLabel(`Role of ${cy}`).selectOption('member');
	await submitForm(page, 'Save roles');
	await expectErrorSummary(page, {
		members: `Someone else has taken ${cy} out of this MAG since you opened this page. Nothing was saved: check the roles and save again`
	});
	await expectNoAxeViolations(page);
	await expect(page.getByLabel(`Role of ${cy}`)).toHaveCount(0);
	await expect(page.getByLabel(`Role of ${ada}`)).toHaveValue('chair');
	expect(rolesOf(`${ada.toLowerCase().replace(/\W+/g, '.')}@mag.example`)).toEqual([
		{ community: 'Bromyard', role: 'member' }
	]);
});

test('a coordinator adds members and removes them, but cannot give other roles', async ({
	page
}) => {
	const stamp = `c${Date.now()}`;
	const [name] = addPeople([`Dee Quill ${stamp}`]) as [string];
	const community = communityId('Golden Valley');
	await signIn(page, 'coordinator.south@mag.example');
	await open(page, `/communities/${community}`);
	await page.getByRole('link', { name: 'Add or change members' }).click();
	await expect(page.getByText('They are added as members.')).toBeVisible();
	await expect(page.getByRole('radio')).toHaveCount(0);
	await page.getByLabel('Search by name, email address or agency').fill(stamp);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(new RegExp(`search=${stamp}`));
	await page.getByRole('checkbox', { name, exact: true }).check();
	await submitForm(page, 'Add to this MAG');
	await expect(page.getByText(`${name} is now in this MAG as a member.`)).toBeVisible();
	await expectNoAxeViolations(page);
	await screenshots(page, 'members-coordinator');

	// The chair and coordinators have no Remove box; a member does.
	await expect(page.getByRole('checkbox', { name: 'Remove David Okafor' })).toHaveCount(0);
	await expect(page.getByRole('combobox')).toHaveCount(0);
	await page.getByRole('checkbox', { name: `Remove ${name}` }).check();
	await submitForm(page, 'Remove the people ticked');
	await expect(page.getByText(`${name} has left this MAG.`)).toBeVisible();

	// Making a member a chair by hand is refused on the server.
	const memberId = withDatabase(
		(db) =>
			(
				db
					.prepare(
						`select user_id as id from community_membership where community_id = ? and role = 'member' limit 1`
					)
					.get(community) as { id: number }
			).id
	);
	const refused = await page.request.post(`/communities/${community}/members?/change`, {
		form: { [`was-${memberId}`]: 'member', [`role-${memberId}`]: 'chair' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(refused.status()).toBe(403);
	expect(rolesOf('ewo@mag.example')).toContainEqual({ community: 'Golden Valley', role: 'member' });
	expect((await page.goto(`/communities/${communityId('Bromyard')}/members`))?.status()).toBe(403);
});

test('a member cannot change who is in their MAG', async ({ page }) => {
	await signIn(page, 'health.visitor@mag.example');
	const response = await page.goto(`/communities/${communityId('Kington and Weobley')}/members`);
	expect(response?.status()).toBe(403);
});
