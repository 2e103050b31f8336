import { expect, test, type Locator, type Page } from '@playwright/test';
import { addDays, longDate } from './support/dates';
import { communityId, meetingsOf, withDatabase, userId } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	mainNavigation,
	newContext,
	open,
	signIn,
	submitForm
} from './support/pages';

/**
 * Following actions up between meetings. Everything happens in Mortimer and Leominster: the actions
 * hang off its last scheduled meeting (far in the future, used by no other spec) and the actions
 * review runs in its second-to-last, started here straight in the database.
 */

/** Today in England, as the server counts due dates. */
const today = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const OWNER = 'pc.hughes@mag.example';
const CHILD = 'Wilfred Fernsby';
const REFERENCE = 'MOR-2026-950';

const ACTIONS = {
	school: 'Speak to the school about the park',
	patrol: 'Patrol the recreation ground after school',
	visit: `Joint home visit for ${REFERENCE} with the health visitor`,
	figures: 'Share the crime figures with the youth service',
	cctv: 'Check whether the CCTV request was granted',
	bromyard: 'Attend the Bromyard parents evening'
};

interface Setup {
	ids: Record<keyof typeof ACTIONS, number>;
	runningMeetingId: number;
	mortimer: number;
}

/** Mark Hughes's actions (West Mercia Police), a family whose gate opened, a running meeting. */
function setUp(): Setup {
	const mortimerMeetings = meetingsOf('Mortimer and Leominster');
	const last = mortimerMeetings.at(-1)!;
	const running = mortimerMeetings.at(-2)!;
	const bromyardLast = meetingsOf('Bromyard').at(-1)!;
	const mortimer = communityId('Mortimer and Leominster');
	const bromyard = communityId('Bromyard');
	return withDatabase((db) => {
		const mark = userId(db, OWNER);
		const chair = userId(db, 'chair.north@mag.example');
		const visitor = userId(db, 'health.visitor@mag.example');
		const now = new Date().toISOString();

		// A new CAF discussed at the last meeting with the gate open, as the room would leave it.
		const submission = Number(
			db
				.prepare(
					`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
					 values (?, 2, ?, null, 'accepted', 0, 1, 12, null, ?, ?)`
				)
				.run(last.id, visitor, now, now).lastInsertRowid
		);
		const caseId = Number(
			db
				.prepare(
					`insert into family_case (reference, community_id, initials, created_by, created_at, lead_professional_id)
					 values (?, ?, 'W.F.', ?, ?, ?)`
				)
				.run(REFERENCE, mortimer, visitor, now, visitor).lastInsertRowid
		);
		const child = Number(
			db
				.prepare(
					`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
					 values (?, ?, '2016-09-01', 'Child', 'Leominster Primary School', 1)`
				)
				.run(caseId, CHILD).lastInsertRowid
		);
		const need = Number(
			db
				.prepare(
					`insert into need (case_id, family_member_id, description, domain)
					 values (?, ?, 'Spending evenings in the park with older teenagers', 'development')`
				)
				.run(caseId, child).lastInsertRowid
		);
		const consent = Number(
			db
				.prepare(
					`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with, form_location, withdrawn_on, recorded_by, recorded_at)
					 values (?, 'Hazel Fernsby', 'not-of-age', ?, 1, 'Police, school, health', 'CAF team file', null, ?, ?)`
				)
				.run(caseId, addDays(today(), -20), visitor, now).lastInsertRowid
		);
		db.prepare(
			`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need) values (?, ?, ?, ?, 'New CAF', '2')`
		).run(submission, caseId, consent, addDays(today(), -21));
		db.prepare(
			`insert into need_update (submission_id, need_id, status, progress, support) values (?, ?, null, null, 'Youth worker and police to meet him at the park')`
		).run(submission, need);
		db.prepare(
			`insert into gate_check (meeting_id, submission_id, consent_id, result, reason, checked_by, checked_at) values (?, ?, ?, 'opened', null, ?, ?)`
		).run(last.id, submission, consent, chair, now);

		const action = (
			key: keyof typeof ACTIONS,
			due: number,
			status = 'open',
			where = { community: mortimer, meeting: last.id },
			item: { submission: number; caseId: number } | null = null
		) =>
			Number(
				db
					.prepare(
						`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id, owner_name, owner_agency, due_date, status, created_by, created_at, completed_at)
						 values (?, ?, ?, ?, ?, ?, 'Mark Hughes', 'West Mercia Police', ?, ?, ?, ?, null)`
					)
					.run(
						where.community,
						where.meeting,
						item?.submission ?? null,
						item?.caseId ?? null,
						ACTIONS[key],
						mark,
						addDays(today(), due),
						status,
						chair,
						now
					).lastInsertRowid
			);
		const ids = {
			school: action('school', -10),
			patrol: action('patrol', 3),
			visit: action('visit', 30, 'open', undefined, { submission, caseId }),
			figures: action('figures', -30, 'done'),
			cctv: action('cctv', -5),
			bromyard: action('bromyard', 5, 'open', { community: bromyard, meeting: bromyardLast.id })
		};

		db.prepare(
			"update meeting set status = 'in-progress', started_at = ?, current_item_id = null where id = ?"
		).run(now, running.id);
		return { ids, runningMeetingId: running.id, mortimer };
	});
}

function group(page: Page, key: 'overdue' | 'soon' | 'later' | 'done'): Locator {
	return page.getByTestId(`actions-${key}`);
}

test('owners keep their actions up to date, the chair follows them up and the next meeting reviews what is overdue', async ({
	page,
	browser
}) => {
	test.slow();
	const { ids, runningMeetingId, mortimer } = setUp();

	await test.step('the owner sees his actions grouped by when they are due', async () => {
		await signIn(page, OWNER);
		await mainNavigation(page).filter({ hasText: 'My actions' }).click();
		await expect(page).toHaveURL('/actions');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('My actions');
		const overdue = group(page, 'overdue');
		await expect(overdue.getByRole('row').filter({ hasText: ACTIONS.school })).toContainText(
			'10 days overdue'
		);
		await expect(overdue.getByRole('row').filter({ hasText: ACTIONS.cctv })).toContainText(
			'5 days overdue'
		);
		await expect(
			group(page, 'soon').getByRole('row').filter({ hasText: ACTIONS.patrol })
		).toContainText('due in 3 days');
		await expect(group(page, 'soon')).toContainText(ACTIONS.bromyard);
		const later = group(page, 'later').getByRole('row').filter({ hasText: ACTIONS.visit });
		await expect(later).toContainText('due in 4 weeks');
		await expect(later).toContainText(REFERENCE);
		await expect(later).toContainText('Mortimer and Leominster MAG');
		await expect(group(page, 'done')).toContainText(ACTIONS.figures);
		// A case reference only: the list never names the family.
		await expect(page.locator('main')).not.toContainText(CHILD);
		await expectNoAxeViolations(page);
	});

	await test.step('he filters by community and status, without needing JavaScript', async () => {
		await page.getByLabel('Community').selectOption({ label: 'Mortimer and Leominster' });
		await page.getByLabel('Status').selectOption({ label: 'Open' });
		await page.getByRole('button', { name: 'Filter the actions' }).click();
		await expect(page).toHaveURL(`/actions?text=&community=${mortimer}&status=open&due=`);
		await expect(page.locator('main')).toContainText(ACTIONS.school);
		await expect(page.locator('main')).not.toContainText(ACTIONS.bromyard);
		await expect(page.locator('main')).not.toContainText(ACTIONS.figures);
		await expect(page.getByLabel('Status')).toHaveValue('open');
		await expectNoAxeViolations(page);
		await page.getByRole('link', { name: 'Show all my actions' }).click();
		await expect(page.locator('main')).toContainText(ACTIONS.bromyard);
	});

	await test.step('he marks one in progress', async () => {
		await page.getByRole('link', { name: ACTIONS.patrol }).click();
		await expect(page).toHaveURL(`/actions/${ids.patrol}?from=%2Factions`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(ACTIONS.patrol);
		await expect(page.getByText('No updates yet.')).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByLabel('In progress').check();
		await page.getByLabel('Note').fill('Two evening patrols so far; the group has moved on twice');
		await submitForm(page, 'Save the update', { exact: false });
		// Back to the list he came from, told which action was updated and offered the next one.
		await expect(page).toHaveURL(new RegExp(`/actions\\?updated=${ids.patrol}(&next=\\d+)?$`));
		await expect(page.getByRole('alert')).toContainText('is recorded.');
		await expect(page.getByRole('link', { name: /^Next action: / })).toBeVisible();
		await expectNoAxeViolations(page);
		await open(page, `/actions/${ids.patrol}`);
		await expect(page.locator('.govuk-summary-list')).toContainText('In progress');
		const history = page.getByRole('list', { name: 'History' });
		await expect(history).toContainText('Progress');
		await expect(history).toContainText('Mark Hughes');
		await expect(history).toContainText('Two evening patrols so far');
		await expectNoAxeViolations(page);
	});

	await test.step('he says another cannot be done: the reason is asked for and his text kept', async () => {
		await open(page, `/actions/${ids.school}`);
		await page.getByLabel('Cannot be done').check();
		const why = 'The school is closed for the summer; the head will not meet until September';
		await page.getByLabel('Note').fill(why);
		await submitForm(page, 'Save the update', { exact: false });
		await expectErrorSummary(page, {
			reason: 'Choose why it cannot be done: circumstances changed or the agency could not act'
		});
		await expect(page.getByLabel('Note')).toHaveValue(why);
		await expect(page.getByLabel('Cannot be done')).toBeChecked();
		await expectNoAxeViolations(page);
		await page.getByLabel('Circumstances changed').check();
		await submitForm(page, 'Save the update', { exact: false });
		await expect(page.getByRole('alert')).toContainText('Your update is recorded.');
		await expect(page.locator('.govuk-summary-list')).toContainText('Cannot be done');
		await expect(page.getByRole('list', { name: 'History' })).toContainText(
			'Reason: Circumstances changed'
		);
		await expect(
			page.getByText('This action cannot be done: it takes no more updates')
		).toBeVisible();
		await expect(page.getByRole('button', { name: 'Save the update' })).toHaveCount(0);
		await expectNoAxeViolations(page);
	});

	await test.step("he opens the family's details only when he asks, having agreed confidentiality for the case (he was not at the meeting), and the read is logged", async () => {
		const reads = () =>
			withDatabase(
				(db) =>
					(
						db
							.prepare(
								"select count(*) as n from audit_log where action = 'family.viewed' and record_id = ? and detail like '%action owner%'"
							)
							.get(REFERENCE) as { n: number }
					).n
			);
		await open(page, `/actions/${ids.visit}`);
		await expect(page.locator('main')).not.toContainText(CHILD);
		expect(reads()).toBe(0);
		await page.getByRole('link', { name: "Show the family's details" }).click();
		await expect(page).toHaveURL(`/actions/${ids.visit}?family=show#family`);
		// He did not agree the statement at the meeting where the gate opened: he agrees it now.
		await expect(page.locator('main')).not.toContainText(CHILD);
		expect(reads()).toBe(0);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: "I agree: show the family's details" }).click();
		const family = page.getByRole('region', { name: /The family/ });
		await expect(family).toContainText(CHILD);
		await expect(family).toContainText('Youth worker and police to meet him at the park');
		expect(reads()).toBe(1);
		expect(
			withDatabase(
				(db) =>
					(
						db
							.prepare(
								"select count(*) as n from audit_log where action = 'case.confidentiality-agreed' and record_id = ?"
							)
							.get(REFERENCE) as { n: number }
					).n
			)
		).toBe(1);
		await expectNoAxeViolations(page);
	});

	const chairContext = await newContext(browser);
	const chair = await chairContext.newPage();

	await test.step('the chair opens the follow-up board and sends a reminder', async () => {
		await signIn(chair, 'chair.north@mag.example');
		await open(chair, `/communities/${mortimer}`);
		await chair.getByRole('link', { name: "Follow up this MAG's actions" }).click();
		await expect(chair).toHaveURL(`/communities/${mortimer}/follow-up`);
		await expect(chair.getByRole('heading', { level: 1 })).toHaveText('Follow-up board');
		// By hand: school (cannot be done), patrol (in progress), visit (open), figures (done),
		// cctv (open, overdue): owned 5, completed 1, open 3, cannot 1, overdue 1; 1 ÷ 5 = 20%.
		await expect(
			chair.getByRole('table', { name: 'Actions by agency' }).getByRole('row', {
				name: /West Mercia Police/
			})
		).toHaveText(/West Mercia Police\s*5\s*1\s*3\s*1\s*1\s*20%/);
		const cctv = chair.getByTestId(`board-action-${ids.cctv}`);
		await expect(cctv).toContainText('5 days overdue');
		await expect(chair.locator('main')).not.toContainText(ACTIONS.school);
		await expect(chair.locator('main')).not.toContainText(CHILD);
		await expectNoAxeViolations(chair);

		await cctv.getByRole('button', { name: /^Send a reminder/ }).click();
		await expect(chair.getByTestId('bulk-reminded')).toHaveText(
			'Reminder sent to Mark Hughes about General'
		);
		// A second click within the day reminds him no more: the board says so.
		await cctv.getByRole('button', { name: /^Send a reminder/ }).click();
		await expect(chair.getByTestId('bulk-reminded')).toContainText(
			'Not reminded again, as their owners were reminded of them in the last day: General'
		);
		expect(
			withDatabase(
				(db) =>
					db
						.prepare(
							"select count(*) as n from notice where user_id = (select id from user where email = ?) and message like 'Reminder from%'"
						)
						.get(OWNER) as { n: number }
			).n
		).toBe(1);
		const notice = withDatabase(
			(db) =>
				db
					.prepare(
						'select message, link from notice where user_id = (select id from user where email = ?) order by id desc'
					)
					.get(OWNER) as { message: string; link: string }
		);
		expect(notice.link).toBe(`/actions/${ids.cctv}`);
		expect(notice.message).toContain('5 days overdue');
		await expectNoAxeViolations(chair);
	});

	await test.step('the owner finds the reminder on his home page and in the history', async () => {
		await open(page, '/');
		await expect(page.getByTestId('notices')).toContainText(
			'Reminder from the Mortimer and Leominster MAG'
		);
		await page.getByRole('link', { name: 'See the action' }).click();
		await expect(page).toHaveURL(`/actions/${ids.cctv}`);
		await expect(page.getByRole('list', { name: 'History' })).toContainText('Reminder sent');
	});

	await test.step('the actions review at the start of the meeting extends an overdue action', async () => {
		await open(chair, `/meetings/${runningMeetingId}/room`);
		const review = chair.locator('#actions-review');
		await expect(review.getByRole('heading', { level: 2 })).toHaveText('Actions review: 1 overdue');
		const card = chair.getByTestId(`review-${ids.cctv}`);
		await expect(card).toContainText(ACTIONS.cctv);
		// A reminder is not an update on the work: the latest update is still the owner's.
		await expect(card).toContainText('No update yet');
		await expectNoAxeViolations(chair);

		await card.getByText('Record the decision').first().click();
		await card.getByLabel('Extend').check();
		await submitForm(chair, `Record the decision on General`, { exact: false });
		await expectErrorSummary(chair, { [`review-${ids.cctv}-due`]: 'Enter the due date' });
		await expect(card.getByLabel('Extend')).toBeChecked();
		await expectNoAxeViolations(chair);

		const newDue = addDays(today(), 14);
		await fillDateInput(chair, `review-${ids.cctv}-due`, newDue);
		await submitForm(chair, `Record the decision on General`, { exact: false });
		await expect(chair.getByTestId(`review-${ids.cctv}`)).toHaveCount(0);
		await chair.getByText('Actions review: 1 decided').click();
		await expect(chair.getByRole('table', { name: /Decided at this meeting/ })).toContainText(
			`Extended to ${longDate(newDue)}`
		);
		await expectNoAxeViolations(chair);

		const history = withDatabase(
			(db) =>
				db
					.prepare(
						'select kind, new_due_date, meeting_id from action_update where action_id = ? order by id desc'
					)
					.get(ids.cctv) as { kind: string; new_due_date: string; meeting_id: number }
		);
		expect(history).toEqual({
			kind: 'extended',
			new_due_date: newDue,
			meeting_id: runningMeetingId
		});
		await open(page, '/actions');
		await expect(
			group(page, 'soon').getByRole('row').filter({ hasText: ACTIONS.cctv })
		).toContainText('due in 2 weeks');
	});

	await chairContext.close();
});
