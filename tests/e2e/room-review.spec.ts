import { expect, test, type Page } from '@playwright/test';
import { addDays, longDate, today } from './support/dates';
import { communityId, meetingsOf, userId, withDatabase } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	open,
	signIn,
	submitForm
} from './support/pages';

/**
 * The start and the end of a meeting at Hereford North City (no other spec uses it): the room
 * opens on the actions review, whose overdue actions are decided several at a time; the first item
 * waits for it unless the chair chooses to review them later; the presentation view follows the
 * chair; concluding asks first, listing what is still open.
 */
const COMMUNITY = 'Hereford North City';
const ISSUES = ['Litter on the Widemarsh recreation ground', 'Parking outside Holmer school'];
const ACTIONS = [
	'Ask the council to empty the park bins weekly',
	'Write to parents about parking',
	'Check the youth club opening hours',
	'Share the anti-social behaviour figures'
];

function runningMeetingWithOverdueActions() {
	const meetings = meetingsOf(COMMUNITY);
	const earlier = meetings[0]!;
	const meeting = meetings[1]!;
	const community = communityId(COMMUNITY);
	return withDatabase((db) => {
		const chair = userId(db, 'chair.north@mag.example');
		const agency = (
			db.prepare('select agency_id from user where id = ?').get(chair) as { agency_id: number }
		).agency_id;
		const now = new Date().toISOString();
		db.prepare("update meeting set status = 'agenda-published' where id = ?").run(meeting.id);
		ISSUES.forEach((title, i) => {
			const item = Number(
				db
					.prepare(
						`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
						 values (?, 4, ?, ?, 'accepted', 0, ?, 10, null, ?, ?)`
					)
					.run(meeting.id, chair, agency, i + 1, now, now).lastInsertRowid
			);
			db.prepare(
				`insert into community_issue (submission_id, title, place, happening, wanted) values (?, ?, 'Hereford', 'Complaints from residents', 'A joint response')`
			).run(item, title);
		});
		const ids = ACTIONS.map((description, i) =>
			Number(
				db
					.prepare(
						`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id, owner_name, owner_agency, due_date, status, created_by, created_at, completed_at)
						 values (?, ?, null, null, ?, null, 'Ann Lee', 'Herefordshire Council', ?, 'open', ?, ?, null)`
					)
					.run(community, earlier.id, description, addDays(today(), -20 + i), chair, now)
					.lastInsertRowid
			)
		);
		return { meetingId: meeting.id, ids };
	});
}

/** An agenda item's "Take this item" button, by its label. */
const takeButton = (page: Page, label: string | undefined) =>
	page.getByRole('button', { name: new RegExp(`^Take this item\\W+${label}$`) });

const dueDateOf = (id: number) =>
	withDatabase(
		(db) =>
			db.prepare('select due_date, status from action where id = ?').get(id) as {
				due_date: string;
				status: string;
			}
	);

test('the room starts on the actions review: bulk decisions, "review them later", the presentation view and a confirmed conclusion', async ({
	page
}) => {
	test.slow();
	const { meetingId, ids } = runningMeetingWithOverdueActions();
	const room = `/meetings/${meetingId}/room`;
	await signIn(page, 'chair.north@mag.example');
	await open(page, `/meetings/${meetingId}`);
	await submitForm(page, 'Start the meeting');
	await expect(page).toHaveURL(new RegExp(`${room}$`));

	// No item on screen: the room is on the actions review, a compact table with a box per row.
	await expect(page.locator('#no-item')).toContainText('once the actions review below is done');
	const review = page.locator('#actions-review');
	await expect(review.getByRole('heading', { level: 2 })).toHaveText('Actions review: 4 overdue');
	await expect(page.getByTestId('actions-review-table').locator('tbody')).toHaveCount(4);
	await expectNoAxeViolations(page);

	// The first item waits for the review.
	await takeButton(page, ISSUES[0]).click();
	await expect(page.getByTestId('take-refused')).toHaveText(
		'4 overdue actions are still undecided: review them first, or choose to review them later.'
	);
	await expect(page.locator('#item-heading')).toHaveCount(0);

	// Bad input: nothing selected; then a date in the past. Nothing changes, the boxes stay ticked.
	await submitForm(page, 'Extend the selected actions');
	await expectErrorSummary(page, {
		selected: 'Select the actions to decide',
		'bulk-due': 'Enter the due date'
	});
	await expectNoAxeViolations(page);
	await page
		.getByLabel(/Select .*/)
		.nth(0)
		.check();
	await page
		.getByLabel(/Select .*/)
		.nth(1)
		.check();
	await fillDateInput(page, 'bulk-due', addDays(today(), -1));
	await submitForm(page, 'Extend the selected actions');
	await expectErrorSummary(page, { 'bulk-due': 'The due date must be in the future' });
	await expect(page.getByLabel(/Select .*/).nth(0)).toBeChecked();
	expect(dueDateOf(ids[0]!).due_date).toBe(addDays(today(), -20));

	// Two extended at once, each with its own history entry and audit, as a single decision has.
	const newDue = addDays(today(), 21);
	await fillDateInput(page, 'bulk-due', newDue);
	await submitForm(page, 'Extend the selected actions');
	await expect(page.getByTestId('bulk-decided')).toHaveText('2 actions extended.');
	await expect(review.getByRole('heading', { level: 2 })).toHaveText('Actions review: 2 overdue');
	expect(dueDateOf(ids[0]!).due_date).toBe(newDue);
	expect(dueDateOf(ids[1]!).due_date).toBe(newDue);
	const recorded = withDatabase((db) =>
		db
			.prepare(
				`select (select count(*) from action_update where action_id in (?, ?) and kind = 'extended' and meeting_id = ?) as history,
				        (select count(*) from audit_log where action = 'action.extended' and record_id in (?, ?)) as audit`
			)
			.get(ids[0], ids[1], meetingId, String(ids[0]), String(ids[1]))
	);
	expect(recorded).toEqual({ history: 2, audit: 2 });
	await review.getByText('Decided at this meeting: 2').click();
	await expect(review.getByRole('table', { name: /Decided at this meeting/ })).toContainText(
		`Extended to ${longDate(newDue)}`
	);

	// One closed with a reason; without one it is sent back.
	await page
		.getByLabel(/Select .*/)
		.first()
		.check();
	await submitForm(page, 'Close the selected actions');
	await expectErrorSummary(page, { 'bulk-reason': 'Enter why the selected actions are closed' });
	await page.getByLabel('Close with a reason').fill('Done by the youth service already');
	await submitForm(page, 'Close the selected actions');
	await expect(page.getByTestId('bulk-decided')).toHaveText('1 action closed.');
	expect(dueDateOf(ids[2]!).status).toBe('closed');
	await expectNoAxeViolations(page);

	// One still undecided: the chair chooses to review it later, and takes the first item.
	await takeButton(page, ISSUES[0]).click();
	await expect(page.getByTestId('take-refused')).toContainText(
		'1 overdue action is still undecided'
	);
	await submitForm(page, 'Review them later');
	await expect(page.getByTestId('review-later-chosen')).toBeVisible();
	await takeButton(page, ISSUES[0]).click();
	await expect(page.locator('#item-heading')).toHaveText(ISSUES[0]!);
	await expect(page.locator('#item-heading')).toBeInViewport();
	const chosen = withDatabase((db) =>
		db
			.prepare(
				"select count(*) as n from audit_log where action = 'meeting.actions-review-later' and record_id = ?"
			)
			.get(String(meetingId))
	);
	expect(chosen).toEqual({ n: 1 });

	// The presentation view: no site chrome, the item first, and it follows the chair live.
	const projector = await page.context().newPage();
	await open(projector, `/meetings/${meetingId}/present`);
	await expect(projector.locator('#item-heading')).toHaveText(ISSUES[0]!);
	await expect(projector.locator('.app-header')).toHaveCount(0);
	await expect(projector.locator('.govuk-service-navigation')).toHaveCount(0);
	await expect(projector.locator('footer')).toHaveCount(0);
	await expect(projector.getByTestId('time-of-day')).toHaveText(/\d\d:\d\d/);
	await expectNoAxeViolations(projector);
	await takeButton(page, ISSUES[1]).click();
	await expect(page.locator('#item-heading')).toHaveText(ISSUES[1]!);
	await expect(projector.locator('#item-heading')).toHaveText(ISSUES[1]!);

	// Concluding asks first, with what is still open; an item without an outcome holds it up.
	await submitForm(page, 'Conclude the meeting');
	const check = page.getByTestId('conclude-check');
	await expect(check).toContainText('2 agenda items not taken');
	await expect(check).toContainText('1 overdue action undecided');
	await expect(page.getByRole('button', { name: 'Yes, conclude the meeting' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	for (const issue of [ISSUES[1]!, ISSUES[0]!]) {
		if (issue === ISSUES[0]) await takeButton(page, issue).click();
		await expect(page.locator('#item-heading')).toHaveText(issue);
		await page.getByLabel('Response agreed').fill('Police and council to write a joint letter');
		await submitForm(page, 'Save the outcome');
		await expect(page.getByText('Outcome saved.')).toBeVisible();
	}
	await submitForm(page, 'Conclude the meeting');
	await expect(check).toContainText('1 overdue action undecided');
	await expect(check).not.toContainText('agenda item');
	// Not yet: still the room, still running.
	expect(
		withDatabase((db) => db.prepare('select status from meeting where id = ?').get(meetingId))
	).toEqual({ status: 'in-progress' });
	await submitForm(page, 'Yes, conclude the meeting');
	await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/minutes$`));
	expect(
		withDatabase((db) => db.prepare('select status from meeting where id = ?').get(meetingId))
	).toEqual({ status: 'concluded' });
});
