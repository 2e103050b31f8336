import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { CHILD, concludedMinutesMeeting, NEED, REFERENCE } from './support/concluded-minutes';
import { withDatabase } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	open,
	signedIn,
	submitForm,
	waitForApp
} from './support/pages';

let meetingId: number;
let openMeetingId: number;

test.beforeAll(() => {
	({ meetingId, openMeetingId } = concludedMinutesMeeting());
});

test('a member who confirmed confidentiality reads the minutes with the family named, and downloads them as a PDF', async ({
	browser
}) => {
	const { page } = await signedIn(browser, 'health.visitor@mag.example');
	await open(page, `/meetings/${meetingId}/minutes`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Minutes of the meeting on');
	const present = page.getByRole('table', { name: 'Present' });
	await expect(present.getByRole('row', { name: /Sarah Williams/ })).toContainText(
		'Confirmed on their own device'
	);
	await expect(present.getByRole('row', { name: /Helen Price/ })).toContainText(
		'Agreed aloud, recorded by the chair'
	);
	await expect(page.getByRole('table', { name: 'Apologies' })).toContainText('Lucy Clarke');
	await expect(page.getByRole('table', { name: 'The family' })).toContainText(CHILD);
	await expect(page.getByRole('table', { name: 'Needs' })).toContainText('Breakfast club place');
	await expect(page.getByText('Single-agency response agreed')).toBeVisible();
	await expect(page.getByText('Often hungry at school')).toBeVisible();
	await expectNoAxeViolations(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download the minutes as a PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(
		/^minutes-kington-and-weobley-\d{4}-\d{2}-\d{2}\.pdf$/
	);
	const pdf = fs.readFileSync((await download.path())!);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

	const response = await page.request.get(`/meetings/${meetingId}/minutes/pdf`);
	expect(response.headers()['content-type']).toBe('application/pdf');
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="minutes-/);
	expect(response.headers()['cache-control']).toBe('no-store');
	await page.context().close();
});

test('a member who was not in the room sees the family item by reference and initials only', async ({
	browser
}) => {
	const { page } = await signedIn(browser, 'family.support@mag.example');
	await open(page, `/meetings/${meetingId}/minutes`);
	await expect(
		page.getByRole('heading', { name: new RegExp(`${REFERENCE} \\(J\\.M\\.E\\.\\)`) })
	).toBeVisible();
	await expect(page.getByTestId('identity-withheld')).toBeVisible();
	await expect(page.locator('main')).not.toContainText('Minutes-Example');
	await expect(page.locator('main')).not.toContainText(NEED);
	await expectNoAxeViolations(page);
	await page.context().close();
});

test('members see the action list, each agency’s extract, and download it as CSV and PDF', async ({
	browser
}) => {
	const { page } = await signedIn(browser, 'coordinator.north@mag.example');
	await open(page, `/meetings/${meetingId}/actions`);
	await expect(page.getByRole('heading', { level: 1, name: 'Action list' })).toBeVisible();
	const table = page.getByRole('table', { name: '4 actions agreed' });
	await expect(table.getByRole('row')).toHaveCount(5);
	await expect(table).toContainText('Advice');
	await expect(table).toContainText(REFERENCE);
	await expect(table).toContainText('Drinking by the river');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Actions for West Mercia Police' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Actions for West Mercia Police' })
	).toBeVisible();
	const extract = page.getByRole('table', { name: '2 actions for West Mercia Police' });
	await expect(extract.getByRole('row')).toHaveCount(3);
	await expect(extract).not.toContainText('School Nursing Service');
	await expect(extract).not.toContainText('Leominster Primary School');
	await expectNoAxeViolations(page);

	const csv = await page.request.get(`/meetings/${meetingId}/actions/csv`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(csv.headers()['content-disposition']).toMatch(
		/^attachment; filename="actions-kington-and-weobley-\d{4}-\d{2}-\d{2}\.csv"$/
	);
	expect(csv.headers()['cache-control']).toBe('no-store');
	const text = await csv.text();
	const lines = text.replace(/^\uFEFF/, '').split('\r\n');
	expect(lines[0]).toBe('Reference,What,Owner,Agency,Due date');
	expect(lines).toContain(
		'Advice,See the child at the school drop-in,Aisha Begum,School Nursing Service,2099-01-10'
	);
	// A cell a spreadsheet would run as a formula is neutralised, then quoted.
	expect(text).toContain(`"'=HYPERLINK(""http://example.invalid"",""Click"")"`);

	const police = await page.request.get(
		`/meetings/${meetingId}/actions/csv?agency=${encodeURIComponent('West Mercia Police')}`
	);
	const policeLines = (await police.text()).trim().split('\r\n');
	expect(policeLines).toHaveLength(3);
	expect(policeLines.slice(1).every((line) => line.includes(',West Mercia Police,'))).toBe(true);
	expect(police.headers()['content-disposition']).toContain('-west-mercia-police.csv"');

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download these actions as a PDF' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/-west-mercia-police\.pdf$/);
	expect(
		fs
			.readFileSync((await download.path())!)
			.subarray(0, 5)
			.toString()
	).toBe('%PDF-');

	expect((await page.request.get(`/meetings/${meetingId}/actions?agency=Nobody`)).status()).toBe(
		404
	);
	await page.context().close();
});

test('someone outside the MAG gets 403 for the minutes, action list and downloads; nothing is published before the meeting concludes', async ({
	browser
}) => {
	const { page: outsider } = await signedIn(browser, 'childrens.centre@mag.example');
	for (const path of ['minutes', 'minutes/pdf', 'actions', 'actions/csv', 'actions/pdf']) {
		const response = await outsider.request.get(`/meetings/${meetingId}/${path}`);
		expect(response.status(), path).toBe(403);
	}
	const response = await open(outsider, `/meetings/${meetingId}/minutes`);
	expect(response?.status()).toBe(403);
	await expect(outsider.getByText('Only members of this MAG can see its meetings')).toBeVisible();
	await expectNoAxeViolations(outsider);
	await outsider.context().close();

	const { page: member } = await signedIn(browser, 'health.visitor@mag.example');
	for (const path of ['minutes', 'actions', 'actions/csv', 'minutes/pdf'])
		expect((await member.request.get(`/meetings/${openMeetingId}/${path}`)).status(), path).toBe(
			403
		);
	await open(member, `/meetings/${openMeetingId}/actions`);
	await expect(
		member.getByText('The minutes and action list are published when the meeting concludes')
	).toBeVisible();
	await member.context().close();
});

test('the chair corrects the minutes with a reason: errors keep what was typed, the correction is shown and the published version stays readable', async ({
	browser
}) => {
	const { page } = await signedIn(browser, 'chair.north@mag.example');
	await open(page, `/meetings/${meetingId}/minutes`);
	await expect(page.getByRole('button', { name: 'Print these minutes' })).toBeVisible();
	await page.getByRole('link', { name: 'Correct these minutes' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Correct the minutes' })).toBeVisible();
	await waitForApp(page);
	await expectNoAxeViolations(page);
	const issueNote = page.getByLabel(/Drinking by the river/);
	await expect(issueNote).toHaveValue('Joint patrols on Fridays');
	// Nothing changed: the message is by the first note.
	const first = await page.locator('textarea').first().getAttribute('id');

	await submitForm(page, 'Save the correction');
	await expectErrorSummary(page, {
		[first!]: 'Change at least one note: the minutes say the same as before',
		reason: 'Enter why the minutes are being corrected'
	});

	await issueNote.fill('Joint police and youth service patrols on Fridays');
	await submitForm(page, 'Save the correction');
	await expectErrorSummary(page, { reason: 'Enter why the minutes are being corrected' });
	await expect(issueNote).toHaveValue('Joint police and youth service patrols on Fridays');
	await expectNoAxeViolations(page);

	await page.getByLabel('Why are the minutes being corrected?').fill('The youth service joins too');
	await page.getByRole('button', { name: 'Save the correction' }).click();
	await page.waitForURL(/\/minutes\?corrected=1$/);
	await expect(page.getByText('The minutes are corrected.')).toBeVisible();
	await expect(page.getByTestId('minutes-corrections')).toContainText(
		/Corrected on .+ by Helen Price: The youth service joins too/
	);
	await expect(page.getByText('Joint police and youth service patrols on Fridays')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByText('Earlier versions of these minutes').click();
	await page.getByRole('link', { name: 'Version 0 (as published)' }).click();
	await expect(page.getByTestId('earlier-version')).toContainText('version 0');
	await expect(page.getByText('Joint patrols on Fridays', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.context().close();

	// A member is told on their home page, by the meeting's date: no family is named.
	const { page: member } = await signedIn(browser, 'health.visitor@mag.example');
	await expect(member.locator('main')).toContainText(
		/The minutes of the Kington and Weobley MAG meeting on .+ were corrected by the chair\./
	);
	await open(member, `/meetings/${meetingId}/minutes`);
	await expect(member.getByTestId('minutes-corrections')).toContainText('Helen Price');
	await expect(member.getByRole('link', { name: 'Correct these minutes' })).toHaveCount(0);
	expect((await member.request.get(`/meetings/${meetingId}/minutes/correct`)).status()).toBe(403);
	await member.context().close();
});

test('someone outside the MAG cannot open the correction page, and no minute text reaches them or a member who may not identify the family', async ({
	browser
}) => {
	const { page: outsider } = await signedIn(browser, 'childrens.centre@mag.example');
	for (const path of ['minutes/correct', 'minutes/correct/__data.json', 'minutes/__data.json']) {
		const response = await outsider.request.get(`/meetings/${meetingId}/${path}`);
		const text = await response.text();
		// A page answers 403; its data answers with the 403 inside (SvelteKit's way).
		if (path.endsWith('__data.json')) expect(text, path).toContain('"status":403');
		else expect(response.status(), path).toBe(403);
		expect(text).not.toContain('patrols');
		expect(text).not.toContain('welcomed the help');
	}
	const response = await open(outsider, `/meetings/${meetingId}/minutes/correct`);
	expect(response?.status()).toBe(403);
	await expectNoAxeViolations(outsider);
	await outsider.context().close();

	const { page: member } = await signedIn(browser, 'family.support@mag.example');
	for (const version of ['', '?version=0']) {
		const data = await member.request.get(`/meetings/${meetingId}/minutes/__data.json${version}`);
		expect(data.status()).toBe(200);
		const text = await data.text();
		expect(text).not.toContain('Minutes-Example');
		expect(text).not.toContain('welcomed the help');
	}
	await member.context().close();
});

test('the chair marks the minutes approved from the next meeting’s room; they say so', async ({
	browser
}) => {
	// The next meeting of the MAG, running: written for this test and removed after it.
	const nextId = withDatabase((db) =>
		Number(
			db
				.prepare(
					`insert into meeting (community_id, date, start_time, length_minutes, venue, online_link, submission_deadline, status, started_at, created_by, created_at)
					 select community_id, '2100-01-05', start_time, length_minutes, venue, online_link, '2099-12-29', 'in-progress', '2100-01-05T09:30:00.000Z', created_by, created_at from meeting where id = ?`
				)
				.run(meetingId).lastInsertRowid
		)
	);
	try {
		const { page } = await signedIn(browser, 'chair.north@mag.example');
		await open(page, `/meetings/${nextId}/room`);
		await expect(page.getByRole('link', { name: /Minutes of the meeting on/ })).toHaveAttribute(
			'href',
			`/meetings/${meetingId}/minutes`
		);
		await page.getByRole('button', { name: 'Mark the last meeting’s minutes approved' }).click();
		await page.waitForURL(new RegExp(`/meetings/${nextId}/room$`));
		await expect(page.getByText(/Minutes of the meeting on .+: approved\./)).toBeVisible();
		await expectNoAxeViolations(page);
		await open(page, `/meetings/${meetingId}/minutes`);
		await expect(page.getByTestId('minutes-approved')).toContainText(
			'Approved at the meeting on Tuesday 5 January 2100'
		);
		await expect(page.getByRole('button', { name: 'Mark these minutes approved' })).toHaveCount(0);
		await expectNoAxeViolations(page);
		await page.context().close();
	} finally {
		withDatabase((db) => {
			db.prepare('delete from minutes_approval where approved_at_meeting_id = ?').run(nextId);
			db.prepare('delete from attendance where meeting_id = ?').run(nextId);
			db.prepare('delete from meeting where id = ?').run(nextId);
		});
	}
});
