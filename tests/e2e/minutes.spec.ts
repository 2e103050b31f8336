import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { communityId, meetingsOf, withDatabase, userId } from './support/fixtures';
import { expectNoAxeViolations, open, signedIn } from './support/pages';

// Kington and Weobley's last scheduled meeting (a year ahead), so no other spec is disturbed: it is
// written straight into the database as concluded, as the meeting room would have left it.
const COMMUNITY = 'Kington and Weobley';
const REFERENCE = 'KWE-2099-001';
const CHILD = 'Jamie Minutes-Example';
const PARENT = 'Alex Minutes-Example';
const NEED = 'Attendance below 85 percent';
const FORMULA = '=HYPERLINK("http://example.invalid","Click")';

let meetingId: number;
let openMeetingId: number;

test.beforeAll(() => {
	const meetings = meetingsOf(COMMUNITY);
	const last = meetings.at(-1)!;
	meetingId = last.id;
	openMeetingId = meetings.at(-2)!.id;
	const community = communityId(COMMUNITY);
	withDatabase((db) => {
		const chair = userId(db, 'chair.north@mag.example');
		const visitor = userId(db, 'health.visitor@mag.example');
		const support = userId(db, 'family.support@mag.example');
		const coordinator = userId(db, 'coordinator.north@mag.example');
		const at = `${last.date}T09:30:00.000Z`;
		const ended = `${last.date}T11:15:00.000Z`;
		db.transaction(() => {
			const item = (part: number, position: number) =>
				Number(
					db
						.prepare(
							`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
							 values (?, ?, ?, null, 'accepted', 0, ?, 10, null, ?, ?)`
						)
						.run(meetingId, part, visitor, position, at, at).lastInsertRowid
				);
			const advice = item(1, 1);
			db.prepare(
				`insert into advice_request (submission_id, age_band, setting, worry, asked_for) values (?, '5 to 10', 'primary school', 'Often hungry at school', 'Which agency could help')`
			).run(advice);
			const caf = item(2, 1);
			const caseId = Number(
				db
					.prepare(
						`insert into family_case (reference, community_id, initials, created_by, created_at, lead_professional_id, next_review_meeting_id)
						 values (?, ?, 'J.M.E.', ?, ?, ?, null)`
					)
					.run(REFERENCE, community, visitor, at, visitor).lastInsertRowid
			);
			const member = db.prepare(
				`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child) values (?, ?, ?, ?, ?, ?)`
			);
			const child = Number(
				member.run(caseId, CHILD, '2018-06-04', 'Child', 'Fictional Primary', 1).lastInsertRowid
			);
			member.run(caseId, PARENT, '1990-01-01', 'Mother', null, 0);
			const need = Number(
				db
					.prepare(
						`insert into need (case_id, family_member_id, description, domain) values (?, ?, ?, 'development')`
					)
					.run(caseId, child, NEED).lastInsertRowid
			);
			const consent = Number(
				db
					.prepare(
						`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with, form_location, withdrawn_on, recorded_by, recorded_at)
						 values (?, ?, 'not-of-age', ?, 1, 'School, health', 'Case file', null, ?, ?)`
					)
					.run(caseId, PARENT, last.date, visitor, at).lastInsertRowid
			);
			db.prepare(
				`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need) values (?, ?, ?, ?, 'New CAF', '2')`
			).run(caf, caseId, consent, last.date);
			const issue = item(4, 1);
			db.prepare(
				`insert into community_issue (submission_id, title, place, happening, wanted) values (?, 'Drinking by the river', 'Riverside walk', 'Teenagers drinking on Friday nights', 'A joint response')`
			).run(issue);

			const attend = db.prepare(
				`insert into attendance (meeting_id, user_id, name, agency, status, substitute_name, confirmed_at, confirmed_via, recorded_by, recorded_at)
				 values (?, ?, ?, ?, ?, null, ?, ?, ?, ?)`
			);
			attend.run(meetingId, chair, 'Helen Price', 'CAF Team', 'present', at, 'chair', chair, at);
			attend.run(
				meetingId,
				visitor,
				'Sarah Williams',
				'Health Visiting Service',
				'present',
				at,
				'self',
				chair,
				at
			);
			attend.run(
				meetingId,
				support,
				'Lucy Clarke',
				'Parenting and Family Support',
				'apologies',
				null,
				null,
				chair,
				at
			);
			attend.run(meetingId, coordinator, 'Jo Evans', 'CAF Team', 'present', null, null, chair, at);
			db.prepare(
				`insert into gate_check (meeting_id, submission_id, consent_id, result, reason, checked_by, checked_at) values (?, ?, ?, 'opened', null, ?, ?)`
			).run(meetingId, caf, consent, chair, at);

			const outcome = db.prepare(
				`insert into outcome (submission_id, meeting_id, kind, note, agency, lead_professional_id, next_review_meeting_id, taken_as_advice, version, recorded_by, recorded_at)
				 values (?, ?, ?, ?, ?, ?, null, 0, 1, ?, ?)`
			);
			outcome.run(
				advice,
				meetingId,
				'single-agency',
				'School nurse to see the child',
				'School Nursing Service',
				null,
				chair,
				at
			);
			outcome.run(
				caf,
				meetingId,
				'agreed',
				`${PARENT} welcomed the help`,
				null,
				visitor,
				chair,
				at
			);
			outcome.run(issue, meetingId, 'agreed', 'Joint patrols on Fridays', null, null, chair, at);
			db.prepare(
				`insert into need_update (submission_id, need_id, status, progress, support) values (?, ?, null, null, 'Breakfast club place')`
			).run(caf, need);

			const action = db.prepare(
				`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id, owner_name, owner_agency, due_date, created_by, created_at)
				 values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?)`
			);
			action.run(
				community,
				meetingId,
				advice,
				null,
				'See the child at the school drop-in',
				'Aisha Begum',
				'School Nursing Service',
				'2099-01-10',
				chair,
				at
			);
			action.run(
				community,
				meetingId,
				caf,
				caseId,
				`Book a breakfast club place for ${REFERENCE}`,
				'Priya Shah',
				'Leominster Primary School',
				'2099-01-17',
				chair,
				at
			);
			action.run(
				community,
				meetingId,
				issue,
				null,
				'Patrol the riverside on Friday nights',
				'Mark Hughes',
				'West Mercia Police',
				'2099-01-24',
				chair,
				at
			);
			action.run(
				community,
				meetingId,
				issue,
				null,
				FORMULA,
				'Mark Hughes',
				'West Mercia Police',
				'2099-01-31',
				chair,
				at
			);

			db.prepare(
				`update meeting set status = 'concluded', started_at = ?, concluded_at = ? where id = ?`
			).run(at, ended, meetingId);
		})();
	});
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
