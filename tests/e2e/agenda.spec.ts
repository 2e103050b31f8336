import { expect, test, type Page } from '@playwright/test';
import { communityId, withDatabase } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	open,
	signIn,
	submitForm,
	signedIn
} from './support/pages';

const WORRY = 'Sleeping badly and hungry at school, staff noticed bruising-free tiredness';

function firstOpenMeeting(community: string): number {
	const id = communityId(community);
	return withDatabase((db) => {
		const row = db
			.prepare("select id from meeting where community_id = ? and status = 'agenda-open'")
			.get(id) as { id: number } | undefined;
		if (!row) throw new Error(`No open meeting for ${community}`);
		return row.id;
	});
}

async function addItem(page: Page, meetingId: number, part: 'advice' | 'community-issue') {
	await open(page, `/meetings/${meetingId}/items/new?part=${part}`);
	if (part === 'advice') {
		await page.getByLabel('5 to 10').check();
		await page.getByLabel('Setting').fill('primary school');
		await page.getByLabel('What are you worried about?').fill(WORRY);
		await page.getByLabel('What do you want from the group?').fill('Which agency could help');
	} else {
		await page.getByLabel('Title').fill('Drinking by the river');
		await page.getByLabel('Place or setting').fill('Riverside walk');
		await page
			.getByLabel('What is happening?')
			.fill('Groups of teenagers drinking on Friday nights');
		await page.getByLabel('What do you want from the group?').fill('A joint response');
	}
	await submitForm(page, 'Submit the item');
	await expect(page.getByText('Your item has been submitted.')).toBeVisible();
}

test('the chair builds an agenda that warns when it overruns, publishes it, and members see no item text', async ({
	page,
	browser
}) => {
	test.slow();
	const meetingId = firstOpenMeeting('Ledbury');

	// A member who is neither chair nor submitter cannot see an agenda before it is published.
	const { context: member, page: memberPage } = await signedIn(
		browser,
		'childrens.centre@mag.example'
	);
	expect((await memberPage.goto(`/meetings/${meetingId}/agenda`))?.status()).toBe(403);

	await signIn(page, 'ewo@mag.example');
	await addItem(page, meetingId, 'advice');
	await addItem(page, meetingId, 'community-issue');

	const { context: chair, page: chairPage } = await signedIn(browser, 'chair.south@mag.example');
	await open(chairPage, `/meetings/${meetingId}`);
	await chairPage.getByRole('link', { name: 'Build the agenda' }).click();
	await expect(
		chairPage.getByRole('heading', { name: 'Items waiting for a decision' })
	).toBeVisible();
	await expectNoAxeViolations(chairPage);

	const issue = chairPage.locator('.govuk-summary-card', { hasText: 'Drinking by the river' });
	await issue.getByLabel('Minutes for this item').fill('0');
	await issue.getByRole('button', { name: /Add to the agenda/ }).click();
	const issueId = await issue.locator('input[name=item]').first().inputValue();
	await expectErrorSummary(chairPage, {
		[`minutes-${issueId}`]: 'Enter a time from 1 to 60 minutes'
	});
	await expectNoAxeViolations(chairPage);

	await expect(issue.getByLabel('Minutes for this item')).toHaveValue('0');
	// Both ticked and accepted in one form: one bad time adds neither and keeps what was typed.
	const advice = chairPage.locator('.govuk-summary-card', { hasText: 'primary school' });
	const adviceId = await advice.locator('input[name=item]').first().inputValue();
	await issue.getByLabel('Minutes for this item').fill('60');
	await issue.getByLabel(/Choose to accept/).check();
	await advice.getByLabel('Minutes for this item').fill('an hour');
	await advice.getByLabel(/Choose to accept/).check();
	await submitForm(chairPage, 'Accept selected');
	await expectErrorSummary(chairPage, {
		[`minutes-${adviceId}`]: 'Enter a time from 1 to 60 minutes'
	});
	await expect(issue.getByLabel('Minutes for this item')).toHaveValue('60');
	await expect(advice.getByLabel('Minutes for this item')).toHaveValue('an hour');
	await expect(issue.getByLabel(/Choose to accept/)).toBeChecked();
	await expectNoAxeViolations(chairPage);
	await advice.getByLabel('Minutes for this item').fill('60');
	await submitForm(chairPage, 'Accept selected');
	await expect(chairPage.getByRole('alert')).toContainText('2 items added to the agenda.');
	await expect(chairPage.getByTestId('agenda-total')).toContainText('120 of 120 minutes');
	await expect(chairPage.getByTestId('agenda-warning')).toHaveCount(0);

	await addItem(page, meetingId, 'community-issue');
	await chairPage.reload();
	const second = chairPage.locator('.govuk-summary-card', { hasText: 'Drinking by the river' });
	await second.getByLabel('Minutes for this item').fill('15');
	await second.getByRole('button', { name: /Add to the agenda/ }).click();
	await expect(chairPage.getByTestId('agenda-warning')).toContainText(
		'The agenda overruns the meeting by 15 minutes.'
	);
	await expectNoAxeViolations(chairPage);

	// No room for another item: it is deferred, and the chair must say why.
	await addItem(page, meetingId, 'advice');
	await chairPage.reload();
	const noRoom = chairPage.locator('.govuk-summary-card', { hasText: 'primary school' });
	const noRoomId = await noRoom.locator('input[name=item]').first().inputValue();
	const deferTo = noRoom.getByLabel('Defer to');
	const lastLater = await deferTo.locator('option').last().getAttribute('value');
	await deferTo.selectOption(lastLater!);
	await noRoom.getByRole('button', { name: /^Defer/ }).click();
	await expectErrorSummary(chairPage, {
		[`deferReason-${noRoomId}`]: 'Choose why the item is deferred'
	});
	await expect(noRoom.getByLabel('Defer to')).toHaveValue(lastLater!);
	await expectNoAxeViolations(chairPage);
	await noRoom.getByLabel('Why is it deferred?').selectOption({ label: 'No room on the agenda' });
	await noRoom.getByRole('button', { name: /^Defer/ }).click();
	await expect(
		chairPage.getByText(/^Item deferred to .+\. The submitter has been told\.$/)
	).toBeVisible();
	await expect(chairPage.locator('.govuk-summary-card', { hasText: 'primary school' })).toHaveCount(
		0
	);
	expect(
		withDatabase((db) =>
			db
				.prepare(
					'select reason, to_meeting_id as toMeetingId from item_deferral where submission_id = ?'
				)
				.all(Number(noRoomId))
		)
	).toEqual([{ reason: 'agenda-full', toMeetingId: Number(lastLater) }]);

	await submitForm(chairPage, 'Publish the agenda');
	await expect(chairPage.getByText('The agenda is published.')).toBeVisible();

	// The published agenda, as a member who neither chairs nor submitted.
	const response = await memberPage.goto(`/meetings/${meetingId}/agenda`);
	expect(response?.status()).toBe(200);
	await expect(memberPage.getByRole('heading', { name: 'Part 4: Community issue' })).toBeVisible();
	await expect(memberPage.getByText('Drinking by the river').first()).toBeVisible();
	const html = await response!.text();
	expect(html).not.toContain(WORRY);
	expect(html).not.toContain('Groups of teenagers drinking');
	expect(html).not.toContain('Which agency could help');
	await expectNoAxeViolations(memberPage);

	// Frozen: the submitter can no longer change the item.
	await open(page, '/submissions');
	await page.getByRole('link', { name: 'Drinking by the river' }).first().click();
	await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

	await member.close();
	await chair.close();
});
