import { expect, test } from '@playwright/test';
import { addDays, longDate, today } from './support/dates';
import { communityId, meetingsOf, withDatabase, userId } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	open,
	signIn,
	submitForm
} from './support/pages';

/** A fictional Bromyard family, on the agenda of Bromyard's last meeting (no other spec uses it). */
const FAMILY = { child: 'Tabitha Wren', parent: 'Juniper Wren', reference: 'BRO-2026-951' };
const NEED = 'Not attending school since the autumn half-term';

/** Mark Hughes (PC) brought the new CAF and leads the case; the coordinator owns an action. */
function caseOnBromyardsLastAgenda(): { caseId: number; meetingDate: string } {
	const meeting = meetingsOf('Bromyard').at(-1)!;
	const community = communityId('Bromyard');
	return withDatabase((db) => {
		const lead = userId(db, 'pc.hughes@mag.example');
		// Made once per server: a worker started again after a failed test finds it in place.
		const existing = db
			.prepare('select id from family_case where reference = ?')
			.get(FAMILY.reference) as { id: number } | undefined;
		if (existing) return { caseId: existing.id, meetingDate: meeting.date };
		const now = new Date().toISOString();
		const caseId = Number(
			db
				.prepare(
					`insert into family_case (reference, community_id, initials, created_by, created_at, lead_professional_id)
					 values (?, ?, 'T.W.', ?, ?, ?)`
				)
				.run(FAMILY.reference, community, lead, now, lead).lastInsertRowid
		);
		const child = Number(
			db
				.prepare(
					`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
					 values (?, ?, '2014-09-01', 'Child', 'Bromyard Academy', 1)`
				)
				.run(caseId, FAMILY.child).lastInsertRowid
		);
		db.prepare(
			`insert into need (case_id, family_member_id, description, domain) values (?, ?, ?, 'development')`
		).run(caseId, child, NEED);
		const consent = Number(
			db
				.prepare(
					`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with, form_location, withdrawn_on, recorded_by, recorded_at)
					 values (?, ?, 'yes', ?, 1, 'School, police', 'Bromyard police station file', null, ?, ?)`
				)
				.run(caseId, FAMILY.parent, addDays(today(), -30), lead, now).lastInsertRowid
		);
		const item = Number(
			db
				.prepare(
					`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
					 values (?, 2, ?, null, 'accepted', 0, 1, 15, null, ?, ?)`
				)
				.run(meeting.id, lead, now, now).lastInsertRowid
		);
		db.prepare(
			`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need) values (?, ?, ?, ?, 'New CAF', '3a')`
		).run(item, caseId, consent, addDays(today(), -20));
		db.prepare(
			`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id, owner_name, owner_agency, due_date, created_by, created_at)
			 values (?, ?, ?, ?, 'Check attendance records', ?, 'Coordinator', 'CAF team', ?, ?, ?)`
		).run(
			community,
			meeting.id,
			item,
			caseId,
			userId(db, 'coordinator.north@mag.example'),
			addDays(meeting.date, 14),
			lead,
			now
		);
		return { caseId, meetingDate: meeting.date };
	});
}

let made: { caseId: number; meetingDate: string };

test.beforeAll(() => {
	made = caseOnBromyardsLastAgenda();
});

test('a member who neither leads nor brought the case sees its reference only', async ({
	page
}) => {
	await signIn(page, 'housing@mag.example');
	await open(page, `/cases/${made.caseId}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Case ${FAMILY.reference}`);
	await expect(
		page.getByText('You can see this case’s reference only', { exact: false })
	).toBeVisible();
	await expect(page.locator('main')).not.toContainText(FAMILY.child);
	await expect(page.locator('main')).not.toContainText(NEED);
	await expectNoAxeViolations(page);
});

test('the lead professional reads the case record and records that the family withdrew consent', async ({
	page
}) => {
	await signIn(page, 'pc.hughes@mag.example');
	await open(page, '/cases');
	const row = page.getByRole('row', { name: new RegExp(FAMILY.reference) });
	await expect(row).toContainText('T.W.');
	await expect(page.locator('main')).not.toContainText(FAMILY.child);
	await expectNoAxeViolations(page);

	// Searched by initials and sorted by the next review, through the plain GET form and headings.
	await page.getByLabel('Search').fill('t.w.');
	await page.getByRole('button', { name: 'Find cases' }).click();
	await expect(page).toHaveURL(/\/cases\?text=t\.w\./);
	await expect(page.getByTestId('showing')).toContainText(/Showing 1–\d+ of \d+ case/);
	await expect(row).toBeVisible();
	await page.getByRole('link', { name: 'Next review' }).click();
	await expect(page.getByRole('columnheader', { name: 'Next review' })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	await expect(page.getByLabel('Search')).toHaveValue('t.w.');
	await expectNoAxeViolations(page);

	await row.getByRole('link', { name: FAMILY.reference }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Case ${FAMILY.reference}`);
	await expect(page.locator('main')).toContainText(FAMILY.child);
	await expect(page.getByRole('heading', { name: NEED })).toBeVisible();
	const timeline = page.locator('.govuk-summary-card', { hasText: longDate(made.meetingDate) });
	await expect(timeline).toContainText('New CAF, with consent');
	await expect(timeline).toContainText('Check attendance records');
	await expectNoAxeViolations(page);

	// No date: the error summary, and nothing recorded.
	await submitForm(page, 'Record the withdrawal');
	await expectErrorSummary(page, { withdrawnOn: 'Enter the date consent was withdrawn' });
	await expectNoAxeViolations(page);
	// Half a date: what was typed stays.
	await page.locator('#withdrawnOn').fill('3');
	await page.locator('#withdrawnOn-month').fill('11');
	await submitForm(page, 'Record the withdrawal');
	await expectErrorSummary(page, {
		withdrawnOn: 'The date consent was withdrawn must include a year'
	});
	await expect(page.locator('#withdrawnOn')).toHaveValue('3');
	await expect(page.locator('#withdrawnOn-month')).toHaveValue('11');

	await fillDateInput(page, 'withdrawnOn', today());
	await submitForm(page, 'Record the withdrawal');
	await expect(page.getByText('The withdrawal of consent has been recorded')).toBeVisible();
	await expect(page.locator('main')).toContainText(
		`The family withdrew consent on ${longDate(today())}`
	);
	await expect(timeline).toContainText('withdrawn');
	await expect(page.getByRole('heading', { name: 'Actions waiting for the chair' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Record the withdrawal' })).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('after the withdrawal, the chair closes the case’s open action with a reason', async ({
	page
}) => {
	await signIn(page, 'chair.north@mag.example');
	await open(page, `/cases/${made.caseId}`);
	const flagged = page.locator('.govuk-inset-text', { hasText: 'Check attendance records' });
	await expect(flagged).toContainText('flagged because consent withdrawn');
	await submitForm(page, 'Save the decision');
	const flagId = await flagged.locator('input[name="flagId"]').inputValue();
	await expectErrorSummary(page, {
		[`decision-${flagId}`]: 'Choose whether to close the action or keep it'
	});
	await expectNoAxeViolations(page);
	await flagged.getByRole('radio', { name: 'Close it' }).check();
	await flagged.getByLabel('Why close it (if closing)').fill('The family no longer agree to it');
	await submitForm(page, 'Save the decision');
	await expect(page.getByText('The action is closed')).toBeVisible();
	await expect(flagged).toContainText('The family no longer agree to it');
	await expect(page.getByRole('button', { name: 'Save the decision' })).toHaveCount(0);
	await expectNoAxeViolations(page);
});
