import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { meetingsOf } from './support/fixtures';
import {
	BASE_URL,
	expectNoAxeViolations,
	newContext,
	open,
	signIn,
	submitForm
} from './support/pages';

// Dr Lewis belongs to the Ross on Wye MAG only; Ledbury is someone else's.
const MEMBER = 'gp.lewis@mag.example';

async function fetchWithoutSession(page: Page, url: string) {
	const context = await newContext(page.context().browser()!);
	try {
		const response = await context.request.get(url);
		return {
			status: response.status(),
			type: response.headers()['content-type'],
			body: await response.text()
		};
	} finally {
		await context.close();
	}
}

/** A community's first meeting that has not been cancelled: other specs publish or run some. */
function upcomingMeeting(community: string) {
	const meeting = meetingsOf(community).find((m) => m.status !== 'cancelled');
	if (!meeting) throw new Error(`${community} has no meetings`);
	return meeting;
}

test('a member makes a private calendar link, a calendar app reads it without signing in, and revoking it stops it', async ({
	page
}) => {
	const meeting = upcomingMeeting('Ross on Wye');
	await signIn(page, MEMBER);
	await open(page, '/account');
	await page.getByRole('link', { name: 'Set up your calendar feed' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your calendar feed' })).toBeVisible();
	await expect(page.getByText('You do not have a calendar link.')).toBeVisible();
	await expectNoAxeViolations(page);

	await submitForm(page, 'Make a calendar link');
	const link = (await page.getByTestId('feed-link').textContent())?.trim() ?? '';
	expect(link).toMatch(new RegExp(`^${BASE_URL}/calendar/[a-z2-7]{32}$`));
	await expect(page.getByRole('button', { name: 'Revoke the link' })).toBeVisible();
	await expect(page.getByText('Not yet')).toBeVisible();
	await expectNoAxeViolations(page);

	const feed = await fetchWithoutSession(page, link);
	expect(feed.status).toBe(200);
	expect(feed.type).toBe('text/calendar; charset=utf-8');
	expect(feed.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
	expect(feed.body).toContain('SUMMARY:Ross on Wye MAG meeting');
	expect(feed.body).toContain(`UID:meeting-${meeting.id}@`);
	expect(feed.body).not.toContain('SUMMARY:Ledbury MAG meeting');

	// The page now says when a calendar last read the link, and the link is not shown again.
	await open(page, '/account/calendar');
	await expect(page.getByText('Not yet')).toHaveCount(0);
	await expect(page.getByTestId('feed-link')).toHaveCount(0);
	await expectNoAxeViolations(page);

	await submitForm(page, 'Revoke the link');
	await expect(page.getByText('Your calendar link has been revoked.')).toBeVisible();
	await expect(page.getByText('You do not have a calendar link.')).toBeVisible();
	await expectNoAxeViolations(page);
	expect((await fetchWithoutSession(page, link)).status).toBe(404);
});

test('making a new calendar link stops the old one working', async ({ page }) => {
	await signIn(page, MEMBER);
	await open(page, '/account/calendar');
	await submitForm(page, 'Make a calendar link');
	const first = (await page.getByTestId('feed-link').textContent())?.trim() ?? '';
	await submitForm(page, 'Make a new link');
	await expect(page.getByTestId('feed-link')).not.toHaveText(first);
	const second = (await page.getByTestId('feed-link').textContent())?.trim() ?? '';
	expect((await fetchWithoutSession(page, first)).status).toBe(404);
	expect((await fetchWithoutSession(page, second)).status).toBe(200);
	await submitForm(page, 'Revoke the link');
});

test('a member downloads one meeting as an .ics file; someone outside the MAG cannot', async ({
	page
}) => {
	const meeting = upcomingMeeting('Ross on Wye');
	await signIn(page, MEMBER);
	await open(page, `/meetings/${meeting.id}`);
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Add to calendar' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`ross-on-wye-mag-${meeting.date}.ics`);
	const path = await download.path();
	const text = await readFile(path, 'utf8');
	expect(text).toContain(`UID:meeting-${meeting.id}@`);
	expect(text).toContain('SUMMARY:Ross on Wye MAG meeting');

	const ledbury = upcomingMeeting('Ledbury');
	const refused = await page.request.get(`/meetings/${ledbury.id}/ics`);
	expect(refused.status()).toBe(403);
});

test('without signing in, a meeting’s .ics and an unknown calendar link give nothing', async ({
	page
}) => {
	const meeting = upcomingMeeting('Ross on Wye');
	const ics = await page.request.get(`/meetings/${meeting.id}/ics`, { maxRedirects: 0 });
	expect(ics.status()).toBe(303);
	expect(ics.headers()['location']).toMatch(/^\/sign-in/);
	const unknown = await page.request.get(`/calendar/${'a'.repeat(32)}`);
	expect(unknown.status()).toBe(404);
	expect(await unknown.text()).not.toContain('BEGIN:VCALENDAR');
});
