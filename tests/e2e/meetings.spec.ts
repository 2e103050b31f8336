import { expect, test, type Page } from '@playwright/test';
import { addDays, longDate, meetingDate, today } from './support/dates';
import { agendaOpenMeeting, communityId, meetingsOf, withDatabase } from './support/fixtures';
import {
	BASE_URL,
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	mainNavigation,
	open,
	reload,
	signIn,
	submitForm,
	signedIn,
	idInUrl
} from './support/pages';

// Each test works in its own communities with its own people, so they can run in any order:
// 1–3 Mortimer and Leominster and Kington and Weobley, 4 Bromyard, 5 Hereford North City.

/** Something no earlier run has typed, to find this run's items by. */
function unique(text: string): string {
	return `${text} ${Date.now().toString(36)}`;
}

interface Issue {
	title: string;
	place: string;
	happening: string;
	wanted: string;
}

async function fillIssue(page: Page, issue: Issue) {
	await page.getByLabel('Title', { exact: true }).fill(issue.title);
	await page.getByLabel('Place or setting').fill(issue.place);
	await page.getByLabel('What is happening?').fill(issue.happening);
	await page.getByLabel('What do you want from the group?').fill(issue.wanted);
}

/** Submits a community issue straight from its form's address; returns the new item's id. */
async function submitIssue(page: Page, meetingId: number, issue: Issue): Promise<number> {
	await open(page, `/meetings/${meetingId}/items/new?part=community-issue`);
	await fillIssue(page, issue);
	await submitForm(page, 'Submit the item');
	return itemIdFromUrl(page);
}

async function itemIdFromUrl(page: Page): Promise<number> {
	await expect(page).toHaveURL(/\/items\/\d+\?submitted=1$/);
	await expect(page.getByRole('alert')).toContainText('Your item has been submitted.');
	return idInUrl(page);
}

function submissionCount(meetingId: number, email: string): number {
	return withDatabase(
		(db) =>
			(
				db
					.prepare(
						`select count(*) as n from submission
						 join user on user.id = submission.submitted_by
						 where submission.meeting_id = ? and user.email = ?`
					)
					.get(meetingId, email) as { n: number }
			).n
	);
}

test('a practitioner’s advice request and community issue reach the chair, and no other member', async ({
	page,
	browser
}) => {
	test.slow();
	const meeting = agendaOpenMeeting('Mortimer and Leominster');
	const setting = unique('primary school');
	const worry = 'Often hungry and tired in class, and misses the first lesson most weeks';
	const issue = {
		title: unique('Vaping outside the youth club'),
		place: 'Youth club car park, Leominster',
		happening: 'Younger children are being sold vapes on Friday evenings',
		wanted: 'A joint plan with trading standards'
	};

	await signIn(page, 'health.visitor@mag.example');
	await open(page, `/communities/${communityId('Mortimer and Leominster')}`);
	await expect(page.getByRole('link', { name: 'Schedule meetings' })).toHaveCount(0);
	const upcoming = page.getByTestId('upcoming-meetings').getByRole('listitem');
	await expect(upcoming.first()).toContainText(`${meetingDate(meeting.date)} at 9:30am`);
	await expect(upcoming.first()).toContainText('Agenda open');
	await expect(upcoming.nth(1)).toContainText('Scheduled');
	await expectNoAxeViolations(page);

	await upcoming.first().getByRole('link').click();
	await expect(page).toHaveURL(`/meetings/${meeting.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(meetingDate(meeting.date));
	await expect(page.locator('.govuk-summary-list')).toContainText('9:30am, 120 minutes');
	await expect(page.locator('.govuk-summary-list')).toContainText(
		"Mortimer and Leominster Children's Centre"
	);
	await expect(page.getByRole('heading', { name: 'Your items for this meeting' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Cancel the meeting' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await test.step('part 1: an advice request', async () => {
		await page.getByRole('link', { name: 'Add an item' }).click();
		await expect(page).toHaveURL(`/meetings/${meeting.id}/items/new`);
		await expect(page.getByRole('group', { name: 'What do you want to bring' })).toBeVisible();
		await expectNoAxeViolations(page);

		await page.getByLabel('Part 1: advice without consent').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page).toHaveURL(`/meetings/${meeting.id}/items/new?part=advice`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Advice without consent');
		await expectNoAxeViolations(page);

		await submitForm(page, 'Submit the item');
		await expectErrorSummary(page, {
			ageBand: 'Choose the child’s age band',
			setting: 'Enter the child’s setting',
			worry: 'Enter what you are worried about',
			askedFor: 'Enter what you want from the group'
		});
		await expectNoAxeViolations(page);

		await page.getByLabel('5 to 10', { exact: true }).check();
		await page.getByLabel('Setting', { exact: true }).fill(setting);
		await page.getByLabel('What are you worried about?').fill(worry);
		await page.getByLabel('What do you want from the group?').fill('Which service could help');
		await submitForm(page, 'Submit the item');
	});
	const adviceId = await itemIdFromUrl(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Part 1: Advice without consent'
	);
	await expect(page.locator('.govuk-summary-list')).toContainText(worry);
	await expectNoAxeViolations(page);

	await test.step('part 4: a community issue', async () => {
		await open(page, `/meetings/${meeting.id}/items/new`);
		await page.getByLabel('Part 4: a community issue').check();
		await page.getByRole('button', { name: 'Continue' }).click();
		await expect(page).toHaveURL(`/meetings/${meeting.id}/items/new?part=community-issue`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community issue');
		await expectNoAxeViolations(page);

		await submitForm(page, 'Submit the item');
		await expectErrorSummary(page, {
			title: 'Enter a title',
			place: 'Enter the place or setting',
			happening: 'Enter what is happening',
			wanted: 'Enter what you want from the group'
		});
		await expectNoAxeViolations(page);

		await fillIssue(page, issue);
		await submitForm(page, 'Submit the item');
	});
	const issueId = await itemIdFromUrl(page);

	const adviceLabel = `Advice: child 5 to 10, ${setting}`;
	await mainNavigation(page).filter({ hasText: 'My submissions' }).click();
	await expect(page).toHaveURL('/submissions');
	const mine = page.getByRole('table', { name: 'Items you have submitted' });
	for (const label of [adviceLabel, issue.title]) {
		const row = mine.getByRole('row').filter({ hasText: label });
		await expect(row).toContainText(`Mortimer and Leominster, ${longDate(meeting.date)}`);
		await expect(row).toContainText('submitted');
	}
	await expectNoAxeViolations(page);

	// The chair sees both, with who sent them, and can open them.
	const chair = await signedIn(browser, 'chair.north@mag.example');
	await open(chair.page, `/meetings/${meeting.id}`);
	await expect(
		chair.page.getByRole('heading', { name: 'Items for this meeting', exact: true })
	).toBeVisible();
	for (const label of [adviceLabel, issue.title]) {
		await expect(chair.page.getByRole('row').filter({ hasText: label })).toContainText(
			'Sarah Williams, Health Visiting Service'
		);
	}
	await expect(chair.page.getByRole('link', { name: 'Build the agenda' })).toHaveAttribute(
		'href',
		`/meetings/${meeting.id}/agenda`
	);
	await expectNoAxeViolations(chair.page);
	await chair.page.getByRole('link', { name: adviceLabel }).click();
	await expect(chair.page).toHaveURL(`/items/${adviceId}`);
	await expect(chair.page.locator('.govuk-summary-list')).toContainText(worry);
	await expect(chair.page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

	// Another member of the same MAG sees neither on the meeting page, nor by address.
	const other = await signedIn(browser, 'senco@mag.example');
	await open(other.page, `/meetings/${meeting.id}`);
	await expect(other.page.getByRole('link', { name: 'Add an item' })).toBeVisible();
	await expect(other.page.getByText('No items yet.')).toBeVisible();
	await expect(other.page.getByRole('link', { name: /agenda/ })).toHaveCount(0);
	await expect(other.page.getByText(adviceLabel)).toHaveCount(0);
	await expect(other.page.getByText(issue.title)).toHaveCount(0);
	for (const id of [adviceId, issueId]) {
		const response = await open(other.page, `/items/${id}`);
		expect(response?.status()).toBe(403);
		await expect(other.page.getByRole('heading', { level: 1 })).toHaveText(
			'You do not have access to this page'
		);
		expect(await response!.text()).not.toContain(setting);
		expect(await response!.text()).not.toContain(issue.happening);
	}
	await expectNoAxeViolations(other.page);

	await chair.context.close();
	await other.context.close();
});

test('an advice request that could identify the family is refused, and what was typed is kept', async ({
	page
}) => {
	const meeting = agendaOpenMeeting('Kington and Weobley');
	const email = 'health.visitor@mag.example';
	const before = submissionCount(meeting.id, email);
	const worry = 'Hard to reach: call mum on 07700 900123. DOB 12/03/2019';
	const askedFor = 'Advice on the family near HR6 8AB';

	await signIn(page, email);
	await open(page, `/meetings/${meeting.id}/items/new?part=advice`);
	await page.getByLabel('2 to 4', { exact: true }).check();
	await page.getByLabel('Setting', { exact: true }).fill('nursery');
	await page.getByLabel('What are you worried about?').fill(worry);
	await page.getByLabel('What do you want from the group?').fill(askedFor);
	await submitForm(page, 'Submit the item');

	await expectErrorSummary(page, {
		worry:
			'Advice requests must be anonymous: remove the phone number (07700 900123) and the full ' +
			'date (12/03/2019). Give an age or a month and year instead, for example “aged 7” or ' +
			'“March 2015”.',
		askedFor:
			'Advice requests must be anonymous: remove the postcode (HR6 8AB). Describe the area ' +
			'instead, for example “north Leominster”.'
	});
	await expect(page).toHaveURL(`/meetings/${meeting.id}/items/new?part=advice`);
	await expect(page.getByLabel('2 to 4', { exact: true })).toBeChecked();
	await expect(page.getByLabel('Setting', { exact: true })).toHaveValue('nursery');
	await expect(page.getByLabel('What are you worried about?')).toHaveValue(worry);
	await expect(page.getByLabel('What do you want from the group?')).toHaveValue(askedFor);
	await expectNoAxeViolations(page);
	expect(submissionCount(meeting.id, email)).toBe(before);

	await open(page, '/submissions');
	await expect(page.getByRole('row').filter({ hasText: 'Kington and Weobley' })).toHaveCount(0);

	// A community issue is screened the same way.
	await open(page, `/meetings/${meeting.id}/items/new?part=community-issue`);
	await fillIssue(page, {
		title: 'Parents not told about the bus change',
		place: 'School bus stop, Kington',
		happening: 'Parents have emailed head@kington-primary.example about it',
		wanted: 'Someone to raise it with the council'
	});
	await submitForm(page, 'Submit the item');
	await expectErrorSummary(page, {
		happening:
			'Community issues must be anonymous: remove the email address (head@kington-primary.example).'
	});
	await expect(page.getByLabel('Title', { exact: true })).toHaveValue(
		'Parents not told about the bus change'
	);
	await expectNoAxeViolations(page);
	expect(submissionCount(meeting.id, email)).toBe(before);

	// Once the identifiers are taken out, the same request goes through.
	await open(page, `/meetings/${meeting.id}/items/new?part=advice`);
	await page.getByLabel('2 to 4', { exact: true }).check();
	await page.getByLabel('Setting', { exact: true }).fill('nursery');
	await page.getByLabel('What are you worried about?').fill('Hard to reach; aged 3');
	await page
		.getByLabel('What do you want from the group?')
		.fill('Advice on the family, north Kington');
	await submitForm(page, 'Submit the item');
	await itemIdFromUrl(page);
	expect(submissionCount(meeting.id, email)).toBe(before + 1);
});

test('the submitter changes their item and then withdraws it', async ({ page, browser }) => {
	const meeting = agendaOpenMeeting('Mortimer and Leominster');
	const issue = {
		title: unique('Speeding near the primary school'),
		place: 'Etnam Street, Leominster',
		happening: 'Cars speeding at school pick-up time',
		wanted: 'Ideas from the group'
	};
	const changedTitle = unique('Speeding at school pick-up');

	await signIn(page, 'pc.hughes@mag.example');
	const id = await submitIssue(page, meeting.id, issue);
	await expect(page.getByLabel('Title', { exact: true })).toHaveValue(issue.title);
	await expectNoAxeViolations(page);

	await page.getByLabel('Title', { exact: true }).fill('');
	await submitForm(page, 'Save changes');
	await expectErrorSummary(page, { title: 'Enter a title' });
	await expectNoAxeViolations(page);

	await page.getByLabel('Title', { exact: true }).fill(changedTitle);
	await page.getByLabel('What is happening?').fill('Cars speeding at pick-up, twice a near miss');
	await submitForm(page, 'Save changes');
	await expect(page.getByRole('alert')).toContainText('Your changes have been saved.');
	const summary = page.locator('.govuk-summary-list');
	await expect(summary).toContainText(changedTitle);
	await expect(summary).toContainText('twice a near miss');
	// The form still holds the item as saved, ready for another change.
	await expect(page.getByLabel('Title', { exact: true })).toHaveValue(changedTitle);
	await expect(page.getByLabel('Place or setting')).toHaveValue(issue.place);
	await expect(page.getByLabel('What do you want from the group?')).toHaveValue(issue.wanted);
	await expectNoAxeViolations(page);

	// Saved for good: the chair sees the new title, not the old one.
	const chair = await signedIn(browser, 'chair.north@mag.example');
	await open(chair.page, `/meetings/${meeting.id}`);
	await expect(chair.page.getByRole('link', { name: changedTitle })).toHaveAttribute(
		'href',
		`/items/${id}`
	);
	await expect(chair.page.getByText(issue.title)).toHaveCount(0);

	await reload(page);
	await submitForm(page, 'Withdraw this item');
	await expect(page).toHaveURL('/submissions?withdrawn=1');
	await expect(page.getByRole('alert')).toContainText('Your item has been withdrawn.');
	const row = page.getByRole('row').filter({ hasText: changedTitle });
	await expect(row.getByRole('cell').last()).toHaveText('withdrawn');
	await expectNoAxeViolations(page);

	// A withdrawn item can no longer be changed.
	await row.getByRole('link', { name: changedTitle }).click();
	await expect(page).toHaveURL(`/items/${id}`);
	await expect(page.getByText('withdrawn', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Withdraw this item' })).toHaveCount(0);

	await reload(chair.page);
	await expect(chair.page.getByRole('row').filter({ hasText: changedTitle })).toContainText(
		'withdrawn'
	);
	await chair.context.close();
});

/** A Monday about two months ahead whose week before has no bank holiday in any year. */
function quietMonday(): string {
	// England's usual bank holidays fall in January, March to May, August and December only.
	const quietMonths = new Set([1, 5, 6, 8, 9, 10]);
	let date = addDays(today(), 60);
	const month = (d: string) => new Date(`${d}T12:00:00Z`).getUTCMonth();
	const isMonday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1;
	while (
		!isMonday(date) ||
		!quietMonths.has(month(date)) ||
		!quietMonths.has(month(addDays(date, -7)))
	)
		date = addDays(date, 1);
	return date;
}

test('the chair schedules a six-weekly series, leaving one date out', async ({ page }) => {
	test.slow();
	const bromyard = communityId('Bromyard');
	const first = quietMonday();
	// 52 weeks: the first date and eight more six weeks apart, all within the year.
	const series = Array.from({ length: 9 }, (_, n) => addDays(first, n * 42));
	const removed = series[1]!;
	const kept = series.filter((date) => date !== removed);

	await signIn(page, 'chair.north@mag.example');
	await open(page, `/communities/${bromyard}`);
	await expect(page.getByTestId('upcoming-meetings').getByRole('listitem').first()).toContainText(
		'Agenda open'
	);
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Schedule meetings' }).click();
	await expect(page).toHaveURL(`/communities/${bromyard}/meetings/new`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schedule meetings');
	await expect(page.getByLabel('Start time')).toHaveValue('09:30');
	await expect(page.getByLabel('Length in minutes')).toHaveValue('120');
	await expect(page.getByLabel('A series for the next year')).toBeChecked();
	await expect(page.getByLabel('For a series: weeks between meetings')).toHaveValue('6');
	await expectNoAxeViolations(page);

	await page.getByLabel('Start time').fill('');
	await page.getByLabel('Length in minutes').fill('');
	await page.getByLabel('For a series: weeks between meetings').fill('');
	await submitForm(page, 'Check the dates');
	await expectErrorSummary(page, {
		date: 'Enter the date of the first meeting',
		startTime: 'Enter a start time like 09:30 or 14:00',
		lengthMinutes: 'Enter the length in minutes, from 15 to 480',
		venue: 'Enter a venue or an online meeting link',
		everyWeeks: 'Enter how many weeks apart, from 1 to 26'
	});
	await expect(page.getByRole('heading', { name: 'Check the dates' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	// From a fresh form: the defaults (9:30, 120 minutes, every 6 weeks) are left as they are.
	await open(page, `/communities/${bromyard}/meetings/new`);
	await fillDateInput(page, 'date', addDays(today(), -7));
	await page.getByLabel('Start time').fill('10:00');
	await page.getByLabel('Venue', { exact: true }).fill('Bromyard Leisure Centre');
	await page.getByLabel('Online meeting link (optional)').fill('meet.example/bromyard');
	await submitForm(page, 'Check the dates');
	await expectErrorSummary(page, {
		date: 'The date of the first meeting must be today or in the future',
		onlineLink: 'Enter the online meeting link starting with https://'
	});
	await expect(page.getByLabel('Venue', { exact: true })).toHaveValue('Bromyard Leisure Centre');

	await fillDateInput(page, 'date', first);
	await page.getByLabel('Online meeting link (optional)').fill('');
	await submitForm(page, 'Check the dates');
	await expect(page.locator('.govuk-error-summary')).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Check the dates' })).toBeVisible();
	// The plan stays in the form, to change and check again.
	const form = {
		Day: String(Number(first.slice(8))),
		'Start time': '10:00',
		'Length in minutes': '120',
		Venue: 'Bromyard Leisure Centre',
		'For a series: weeks between meetings': '6'
	};
	for (const [label, value] of Object.entries(form))
		await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
	await page.getByLabel('Length in minutes').fill('90');
	await submitForm(page, 'Check the dates');
	for (const [label, value] of Object.entries({ ...form, 'Length in minutes': '90' }))
		await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
	await expect(page.getByLabel('A series for the next year')).toBeChecked();
	const dates = page.getByRole('checkbox');
	await expect(dates).toHaveCount(series.length);
	for (const [n, date] of series.entries()) {
		await expect(dates.nth(n)).toBeChecked();
		await expect(page.getByLabel(meetingDate(date), { exact: true })).toBeChecked();
	}
	// Five working days before a Monday with no bank holiday in the week before: the Monday before.
	await expect(page.locator('#keep-item-hint')).toHaveText(
		`Items due by ${longDate(addDays(first, -7))}`
	);
	await expectNoAxeViolations(page);

	await page.getByLabel(meetingDate(removed), { exact: true }).uncheck();
	await submitForm(page, 'Schedule these meetings');
	await expect(page).toHaveURL(`/communities/${bromyard}?scheduled=${kept.length}`);

	const upcoming = page.getByTestId('upcoming-meetings').getByRole('listitem');
	for (const date of kept) {
		const item = upcoming.filter({ hasText: meetingDate(date) });
		await expect(item).toHaveCount(1);
		await expect(item).toContainText('at 10:00am');
		await expect(item).toContainText('Scheduled');
	}
	await expect(upcoming.filter({ hasText: meetingDate(removed) })).toHaveCount(0);
	const saved = withDatabase(
		(db) =>
			db
				.prepare(
					"select date from meeting where community_id = ? and venue = 'Bromyard Leisure Centre' order by date"
				)
				.all(bromyard) as { date: string }[]
	);
	expect(saved.map((m) => m.date)).toEqual(kept);
	await expectNoAxeViolations(page);

	await upcoming
		.filter({ hasText: meetingDate(first) })
		.getByRole('link')
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(meetingDate(first));
	const summary = page.locator('.govuk-summary-list');
	await expect(summary).toContainText('10:00am, 90 minutes');
	await expect(summary).toContainText('Bromyard Leisure Centre');
	await expect(
		page.locator('.govuk-summary-list__row').filter({ hasText: 'Items due by' })
	).toContainText(longDate(addDays(first, -7)));
	await expect(page.locator('main .govuk-tag').first()).toHaveText('Scheduled');
	await expect(page.getByRole('link', { name: 'Add an item' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await submitForm(page, 'Open the agenda');
	await expect(page.getByRole('alert')).toContainText('The agenda is open');
	await expect(page.locator('main .govuk-tag').first()).toHaveText('Agenda open');
	await expect(page.getByRole('button', { name: 'Open the agenda' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Add an item' })).toBeVisible();
	await expectNoAxeViolations(page);

	// Moving it a day later moves the deadline with it (the Tuesday before).
	await submitForm(page, 'Move the meeting');
	await expectErrorSummary(page, { newDate: 'Enter the new date' });
	await expectNoAxeViolations(page);
	const moved = addDays(first, 1);
	await fillDateInput(page, 'newDate', moved);
	await submitForm(page, 'Move the meeting');
	await expect(page.getByRole('alert')).toContainText(
		`The meeting has moved to ${meetingDate(moved)}.`
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(meetingDate(moved));
	await expect(
		page.locator('.govuk-summary-list__row').filter({ hasText: 'Items due by' })
	).toContainText(longDate(addDays(moved, -7)));
});

test('cancelling a meeting moves its items to the next one and tells the submitter once', async ({
	page,
	browser
}) => {
	test.slow();
	const community = 'Hereford North City';
	const cancelled = agendaOpenMeeting(community);
	const next = meetingsOf(community).find(
		(m) => m.date > cancelled.date && (m.status === 'scheduled' || m.status === 'agenda-open')
	)!;
	const title = unique('Children out late near the bus station');

	await signIn(page, 'housing@mag.example');
	await submitIssue(page, cancelled.id, {
		title,
		place: 'Bus station, Hereford',
		happening: 'Primary-age children out after 10pm most weekends',
		wanted: 'A joined-up look at who could reach them'
	});

	const chair = await signedIn(browser, 'chair.north@mag.example');
	await open(chair.page, `/meetings/${cancelled.id}`);
	await expect(chair.page.getByRole('link', { name: title })).toBeVisible();
	await expectNoAxeViolations(chair.page);
	await submitForm(chair.page, 'Cancel the meeting');
	await expect(chair.page.getByRole('alert')).toContainText('The meeting is cancelled.');
	await expect(chair.page.locator('main .govuk-tag').first()).toHaveText('Cancelled');
	await expect(chair.page.getByRole('button', { name: 'Cancel the meeting' })).toHaveCount(0);

	await open(chair.page, `/communities/${communityId(community)}`);
	await expect(
		chair.page.getByTestId('upcoming-meetings').getByText(meetingDate(cancelled.date))
	).toHaveCount(0);
	const past = chair.page.locator('details');
	await past.getByText('Past and cancelled meetings').click();
	await expect(
		past.getByRole('listitem').filter({ hasText: meetingDate(cancelled.date) })
	).toContainText('Cancelled');

	await open(chair.page, `/meetings/${next.id}`);
	await expect(chair.page.getByRole('link', { name: title })).toBeVisible();

	// The submitter is told once, on their home page.
	await open(page, '/');
	const notices = page.getByRole('region', { name: 'Changes to your meetings' });
	await expect(notices.getByTestId('notices').getByRole('listitem')).toHaveCount(1);
	await expect(notices).toContainText(
		`The MAG meeting on ${meetingDate(cancelled.date)} is cancelled. Your item has moved to ` +
			`the meeting on ${meetingDate(next.date)}.`
	);
	await expectNoAxeViolations(page);
	await reload(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Tom Reid');
	await expect(notices).toHaveCount(0);

	await open(page, '/submissions');
	const row = page.getByRole('row').filter({ hasText: title });
	await expect(row).toContainText(`${community}, ${longDate(next.date)}`);
	await expect(
		row.getByRole('link', { name: `${community}, ${longDate(next.date)}` })
	).toHaveAttribute('href', `/meetings/${next.id}`);
	await expectNoAxeViolations(page);

	await chair.context.close();
});

test('a practitioner cannot schedule or change meetings, nor open another MAG’s meeting', async ({
	page
}) => {
	const mortimer = communityId('Mortimer and Leominster');
	const own = agendaOpenMeeting('Mortimer and Leominster');
	const elsewhere = agendaOpenMeeting('Bromyard');
	await signIn(page, 'senco@mag.example');

	const schedule = await open(page, `/communities/${mortimer}/meetings/new`);
	expect(schedule?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You do not have access to this page'
	);
	await expect(
		page.getByText('Only the chair or a coordinator can schedule meetings')
	).toBeVisible();
	await expect(page.getByLabel('Venue', { exact: true })).toHaveCount(0);
	await expectNoAxeViolations(page);

	// Their own MAG's meeting opens, without the organiser's controls, which the server refuses too.
	await open(page, `/meetings/${own.id}`);
	await expect(page.getByRole('button', { name: 'Open the agenda' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Move the meeting' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Cancel the meeting' })).toHaveCount(0);
	const cancel = await page.request.post(`/meetings/${own.id}?/cancel`, {
		headers: {
			origin: BASE_URL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		data: '',
		maxRedirects: 0
	});
	expect(cancel.status()).toBe(403);
	expect(agendaOpenMeeting('Mortimer and Leominster').id).toBe(own.id);

	for (const url of [`/meetings/${elsewhere.id}`, `/meetings/${elsewhere.id}/items/new`]) {
		const response = await open(page, url);
		expect(response?.status()).toBe(403);
		await expect(page.getByText('Only members of this MAG can see its meetings')).toBeVisible();
		await expect(page.getByText("Bromyard Children's Centre")).toHaveCount(0);
	}
	await expectNoAxeViolations(page);
});
