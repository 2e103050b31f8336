import { expect, test, type Page } from '@playwright/test';
import { addDays, today } from './support/dates';
import {
	withDatabase,
	CASE_ACTION,
	CASE_ACTION_UPDATE,
	FAMILY_OPEN,
	FAMILY_REVIEW,
	FAMILY_WITHDRAWN,
	ISSUE_TITLE,
	NEED_TEXT,
	publishedMeetingWithEveryPart
} from './support/fixtures';
import {
	BASE_URL,
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	open,
	signIn,
	submitForm,
	signedIn
} from './support/pages';

/** The chair puts an agenda item on screen, by a piece of its label. */
async function takeItem(page: Page, label: string) {
	const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	await page.getByRole('button', { name: new RegExp(`^Take this item\\W+.*${escaped}`) }).click();
	await expect(page.locator('#item-heading')).toContainText(label);
}

test('a whole meeting: register, confidentiality, the consent gate, outcomes, actions, live view and conclusion', async ({
	page,
	browser
}) => {
	test.slow();
	const { meetingId } = publishedMeetingWithEveryPart();
	const room = `/meetings/${meetingId}/room`;

	// The register: apologies, a substitute agreeing aloud, and a guest.
	await signIn(page, 'chair.south@mag.example');
	await open(page, `/meetings/${meetingId}/register`);
	await expectNoAxeViolations(page);
	const member = (name: string) => page.getByRole('group', { name: new RegExp(`^${name}`) });
	await member('Ben Thomas').getByLabel('Apologies').check();
	await member('Gareth Jones').getByLabel('Sent a substitute').check();
	await submitForm(page, 'Save the register');
	const gareth = withDatabase(
		(db) =>
			(db.prepare("select id from user where email = 'ewo@mag.example'").get() as { id: number }).id
	);
	await expectErrorSummary(page, {
		[`substitute-${gareth}`]:
			'Enter the name of the person from Education Welfare Service standing in for Gareth Jones'
	});
	await expect(member('Ben Thomas').getByLabel('Apologies')).toBeChecked();
	await expectNoAxeViolations(page);
	await page.getByLabel('Substitute from Education Welfare Service (name)').fill('Sam Green');
	await page
		.locator('.register-member', { hasText: 'Gareth Jones' })
		.getByLabel('Agreed aloud (read out by the chair)')
		.check();
	await member('David Okafor').getByLabel('Present').check();
	await member('Chris Patel').getByLabel('Present').check();
	await submitForm(page, 'Save the register');
	await expect(page.getByText('The register is saved.')).toBeVisible();
	await page.getByLabel("Guest's name").fill('Rosa Vale');
	await page.getByLabel("Guest's agency").fill('Ledbury Food Bank');
	await submitForm(page, 'Add the guest');
	await expect(page.getByText('Rosa Vale is added as a guest.')).toBeVisible();

	// Starting the meeting puts the first item on everyone's screen.
	await open(page, `/meetings/${meetingId}`);
	await submitForm(page, 'Start the meeting');
	await expect(page).toHaveURL(new RegExp(`${room}$`));
	await expect(page.locator('#item-heading')).toContainText('Advice');
	await expectNoAxeViolations(page);
	await submitForm(page, 'I agree to this statement');
	await expect(page.locator('#confidentiality')).toHaveCount(0);

	// An attendee not on the register as present asks the chair to let them in; agreeing on their
	// own device would not change the register. Once let in, they agree and follow the chair.
	const { page: attendee } = await signedIn(browser, 'childrens.centre@mag.example');
	await open(attendee, room);
	await expect(attendee.locator('#confidentiality')).toContainText('Ask the chair to let you in');
	await expect(attendee.getByRole('button', { name: 'I agree to this statement' })).toHaveCount(0);
	await expectNoAxeViolations(attendee);
	await submitForm(attendee, 'Ask to join the meeting');
	await expect(attendee.getByText('You have asked to join.')).toBeVisible();
	const asking = page.locator('#join-requests');
	await expect(asking).toContainText("Emma Davies, Children's Centres");
	await expectNoAxeViolations(page);
	await asking.getByRole('button', { name: 'Let in Emma Davies' }).click();
	await expect(page.locator('#join-requests')).toHaveCount(0);
	await expect(attendee.getByRole('button', { name: 'I agree to this statement' })).toBeVisible();
	await submitForm(attendee, 'I agree to this statement');
	await expect(attendee.locator('#confidentiality')).toHaveCount(0);

	// Part 1: a CAF to be offered by a named person, by a date, becomes their action.
	await page.getByLabel('CAF to be offered', { exact: true }).check();
	await page
		.getByLabel('CAF to be offered: by whom')
		.selectOption({ label: "Emma Davies, Children's Centres" });
	await submitForm(page, 'Save the outcome');
	await expectErrorSummary(page, { 'offer-due': 'Enter the due date' });
	await expect(page.getByLabel('CAF to be offered: by whom')).toHaveValue(/member:/);
	await expectNoAxeViolations(page);
	await fillDateInput(page, 'offer-due', addDays(today(), 14));
	await submitForm(page, 'Save the outcome');
	await expect(page.getByText('Outcome saved.')).toBeVisible();
	await expect(attendee.locator('#current-item')).toContainText('Offer the family a CAF');

	// Part 2, consent fine: closed until the chair checks consent, then the family shows.
	await takeItem(page, `${FAMILY_OPEN.ref} (Z.Q.)`);
	await expect(attendee.locator('#item-heading')).toContainText(FAMILY_OPEN.ref);
	// The item under discussion comes first: on the attendee's first screen, above the review and agenda.
	await expect(attendee.locator('#item-heading')).toBeInViewport();
	await expect(attendee.locator('main')).not.toContainText(FAMILY_OPEN.child);
	await expect(attendee.locator('main')).not.toContainText(NEED_TEXT);
	// The chair sees the consent on file (who gave it) to check it; the attendee does not.
	await expect(page.locator('main')).toContainText(FAMILY_OPEN.parent);
	await expect(attendee.locator('main')).not.toContainText(FAMILY_OPEN.parent);
	await expectNoAxeViolations(page);
	await submitForm(page, 'Consent checked: open the gate');
	await expect(page.locator('main')).toContainText(FAMILY_OPEN.child);
	await expect(attendee.locator('main')).toContainText(FAMILY_OPEN.child);
	await expect(attendee.locator('main')).toContainText(NEED_TEXT);
	await expectNoAxeViolations(attendee);

	await submitForm(page, 'Save the outcome');
	const needId = withDatabase(
		(db) =>
			(
				db
					.prepare(
						'select need.id from need join family_case on family_case.id = need.case_id where reference = ?'
					)
					.get(FAMILY_OPEN.ref) as { id: number }
			).id
	);
	await expectErrorSummary(page, {
		[`support-${needId}`]: 'Enter the support agreed for this need',
		leadProfessional: 'Choose the lead professional: a new CAF cannot be concluded without one'
	});
	await page
		.getByLabel(/^Support agreed/)
		.fill('Speech and language therapy referral fast-tracked');
	// Each candidate shows their caseload, so the group can see who has room.
	const lead = page.getByLabel('Lead professional agreed');
	const garethChoice = lead.locator('option', {
		hasText: 'Gareth Jones, Education Welfare Service'
	});
	await expect(garethChoice).toHaveText(
		/^Gareth Jones, Education Welfare Service \(leads (no|\d+) open cases?\)$/
	);
	await lead.selectOption((await garethChoice.getAttribute('value'))!);
	await submitForm(page, 'Save the outcome');
	await expect(page.getByText('Outcome saved.')).toBeVisible();
	await expect(page.locator('#current-item')).toContainText(
		'Share the outcome of the MAG discussion with the family'
	);

	// Probed as someone who may not see the family: Ben Thomas sent apologies. The room and its
	// data hold the reference but not the family or what was agreed for them; agreeing the
	// statement from his own device is refused and leaves the register as the chair keeps it.
	const support = 'Speech and language therapy referral fast-tracked';
	const { page: absent } = await signedIn(browser, 'camhs@mag.example');
	const agreed = await absent.request.post(`${room}?/confirm`, {
		form: {},
		// As a browser without JavaScript posts it: the page comes back, refused.
		headers: { origin: BASE_URL, accept: 'text/html' }
	});
	expect(agreed.status()).toBe(409);
	expect(await agreed.text()).toContain('ask the chair to let you in');
	for (const address of [room, `${room}/__data.json`]) {
		const body = await (await absent.request.get(address)).text();
		expect(body).toContain(FAMILY_OPEN.ref);
		for (const secret of [FAMILY_OPEN.child, FAMILY_OPEN.parent, NEED_TEXT, support])
			expect(body).not.toContain(secret);
	}
	expect(
		withDatabase(
			(db) =>
				db
					.prepare(
						"select status, confirmed_at from attendance join user on user.id = attendance.user_id where meeting_id = ? and user.email = 'camhs@mag.example'"
					)
					.get(meetingId) as { status: string; confirmed_at: string | null }
		)
	).toEqual({ status: 'apologies', confirmed_at: null });
	await absent.context().close();

	// An action: bad input first, then a good one, which the attendee sees arrive.
	await page
		.getByLabel('What needs to be done')
		.fill(`Visit ${FAMILY_OPEN.ref} at home with the health visitor`);
	await page
		.getByLabel('Who will do it')
		.selectOption({ label: "Emma Davies, Children's Centres" });
	await fillDateInput(page, 'action-due', addDays(today(), -1));
	await submitForm(page, 'Add the action');
	await expectErrorSummary(page, { 'action-due': 'The due date must be in the future' });
	await expect(page.getByLabel('What needs to be done')).toHaveValue(/Visit/);
	await fillDateInput(page, 'action-due', addDays(today(), 21));
	await submitForm(page, 'Add the action');
	await expect(attendee.locator('#current-item')).toContainText(`Visit ${FAMILY_OPEN.ref} at home`);

	// A second action from the same screen is a new one; sent twice at once (a double click), once.
	// First the chair's own screen shows the first action: the room's reload that brings it also
	// empties the form, and must not empty what is typed next.
	await expect(page.locator('#current-item')).toContainText(`Visit ${FAMILY_OPEN.ref} at home`);
	const second = `Ask the school nurse to see ${FAMILY_OPEN.ref}`;
	await expect(page.getByLabel('What needs to be done')).toHaveValue('');
	await page.getByLabel('What needs to be done').fill(second);
	await page
		.getByLabel('Who will do it')
		.selectOption({ label: "Emma Davies, Children's Centres" });
	await fillDateInput(page, 'action-due', addDays(today(), 28));
	const posts = page.waitForResponse(
		(response) => response.request().method() === 'POST' && response.url().includes('?/action')
	);
	await page.locator('form[action="?/action"]').evaluate((form: HTMLFormElement) => {
		form.requestSubmit();
		form.requestSubmit();
	});
	await posts;
	await expect(attendee.locator('#current-item')).toContainText(second);
	await expect(page.locator('#current-item')).toContainText(second);
	const recorded = (description: string) =>
		withDatabase(
			(db) =>
				(
					db
						.prepare('select count(*) as n from action where meeting_id = ? and description = ?')
						.get(meetingId, description) as { n: number }
				).n
		);
	expect(recorded(second)).toBe(1);
	expect(recorded(`Visit ${FAMILY_OPEN.ref} at home with the health visitor`)).toBe(1);

	// Part 2, consent withdrawn: the gate stays shut, nobody sees the family, the item is deferred.
	await takeItem(page, `${FAMILY_WITHDRAWN.ref} (O.M.)`);
	await submitForm(page, 'Consent checked: open the gate');
	await expect(page.getByText('the family has withdrawn consent').first()).toBeVisible();
	await expect(page.locator('main')).not.toContainText(FAMILY_WITHDRAWN.child);
	await expect(attendee.locator('main')).not.toContainText(FAMILY_WITHDRAWN.child);
	await expectNoAxeViolations(page);
	// The gate was refused, so the reason offered first is that consent could not be confirmed.
	await expect(page.getByLabel('Why is it deferred?')).toHaveValue('consent-not-confirmed');
	await submitForm(page, 'Defer to the next meeting');
	await expect(page.getByRole('button', { name: new RegExp(FAMILY_WITHDRAWN.ref) })).toHaveCount(0);

	// Part 3: the review's reported needs, then what happens next.
	await takeItem(page, FAMILY_REVIEW.ref);
	await submitForm(page, 'Consent checked: open the gate');
	await expect(page.locator('main')).toContainText(FAMILY_REVIEW.child);
	// The case's open actions from earlier meetings follow it in, each with its latest update.
	const caseActions = page.getByRole('table', { name: 'Open actions on this case' });
	await expect(caseActions.getByRole('row').filter({ hasText: CASE_ACTION })).toContainText(
		`Progress: ${CASE_ACTION_UPDATE}`
	);
	await expectNoAxeViolations(page);
	await page
		.getByRole('group', { name: NEED_TEXT, exact: false })
		.getByLabel('Met', { exact: true })
		.check();
	await page.getByLabel('Close: needs met').check();
	// No level of need was recorded for this case before: the group must say what it is now.
	await submitForm(page, 'Save the outcome');
	await expectErrorSummary(page, { levelOfNeed: 'Choose the family’s level of need now' });
	await expect(page.getByLabel('Close: needs met')).toBeChecked();
	await page
		.getByRole('group', { name: 'Level of need now' })
		.getByLabel('Level 3a', { exact: true })
		.check();
	await submitForm(page, 'Save the outcome');
	await expect(page.getByText('Outcome saved.')).toBeVisible();

	// Part 4, with two people editing the outcome: the second save is refused, their text kept.
	await takeItem(page, ISSUE_TITLE);
	const { page: coordinator } = await signedIn(browser, 'coordinator.south@mag.example');
	await open(coordinator, room);
	await coordinator.getByLabel('Response agreed').fill('School and police to send a joint letter');
	await page.getByLabel('Response agreed').fill('Police to patrol the school gates at home time');
	await submitForm(page, 'Save the outcome');
	await expect(page.getByText('Outcome saved.')).toBeVisible();
	await submitForm(coordinator, 'Save the outcome');
	await expect(coordinator.locator('.govuk-error-summary')).toContainText(
		'Someone else saved this item’s outcome while you were editing it'
	);
	await expect(coordinator.getByLabel('Response agreed')).toHaveValue(
		'School and police to send a joint letter'
	);

	// Concluding asks first, then publishes the minutes and the action list.
	await submitForm(page, 'Conclude the meeting');
	await expect(page.getByTestId('conclude-check')).toContainText('Conclude the meeting?');
	await expect(page.getByTestId('conclude-check')).not.toContainText('agenda item');
	await submitForm(page, 'Yes, conclude the meeting');
	await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}/minutes$`));
	// The minutes: the attendee who confirmed sees the family whose gate opened; the withdrawn
	// consent's family is never named, and its deferral is recorded.
	await open(attendee, `/meetings/${meetingId}/minutes`);
	await expect(attendee.locator('main')).toContainText(FAMILY_OPEN.child);
	await expect(attendee.locator('main')).toContainText('Sam Green');
	await expect(attendee.locator('main')).toContainText(`${FAMILY_WITHDRAWN.ref} (O.M.)`);
	await expect(attendee.locator('main')).toContainText('Level 3a');
	await expect(attendee.locator('main')).toContainText(
		/Deferred to the meeting on \d+ \w+ \d{4}: Consent could not be confirmed/
	);
	await expect(attendee.locator('main')).not.toContainText(FAMILY_WITHDRAWN.child);
	await expectNoAxeViolations(attendee);
	const pdf = await attendee.request.get(`/meetings/${meetingId}/minutes/pdf`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

	// The action list, published at once, and one agency's extract with only its own actions.
	await open(attendee, `/meetings/${meetingId}`);
	await attendee.getByRole('link', { name: 'Action list' }).click();
	await expect(attendee.locator('main')).toContainText('Offer the family a CAF');
	await expect(attendee.locator('main')).toContainText(
		'Share the outcome of the MAG discussion with the family'
	);
	await expect(attendee.locator('main')).not.toContainText(FAMILY_OPEN.child);
	await attendee.getByRole('link', { name: 'Actions for Education Welfare Service' }).click();
	await expect(attendee.locator('main')).toContainText(
		'Share the outcome of the MAG discussion with the family'
	);
	await expect(attendee.locator('main')).not.toContainText('Offer the family a CAF');
	await expectNoAxeViolations(attendee);
	const csv = await attendee.request.get(`/meetings/${meetingId}/actions/csv`);
	expect(await csv.text()).toContain(`Visit ${FAMILY_OPEN.ref} at home with the health visitor`);

	const concluded = withDatabase(
		(db) =>
			db.prepare('select status from meeting where id = ?').get(meetingId) as { status: string }
	);
	expect(concluded.status).toBe('concluded');
	const audit = withDatabase(
		(db) =>
			db
				.prepare(
					"select action, detail from audit_log where action like 'consent-gate.%' and json_extract(detail, '$.meetingId') = ? order by id"
				)
				.all(meetingId) as { action: string; detail: string }[]
	);
	expect(audit.map((a) => a.action)).toEqual([
		'consent-gate.opened',
		'consent-gate.refused',
		'consent-gate.opened'
	]);
});
