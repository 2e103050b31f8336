import { expect, test } from '@playwright/test';
import { uniqueEmail, withDatabase } from './support/fixtures';
import {
	expectNoAxeViolations,
	inviteUser,
	open,
	reload,
	signIn,
	submitForm
} from './support/pages';

// The test server runs with MAIL_MODE=log (playwright.config.ts): the worker "delivers" each email
// by writing a line to the server's log, so nothing leaves this machine.

function outboxRow(recipient: string) {
	return withDatabase(
		(db) =>
			db
				.prepare('select kind, status, attempts from mail_outbox where recipient = ? order by id')
				.all(recipient) as { kind: string; status: string; attempts: number }[]
	);
}

test('an administrator sees an email that failed, with its error, and sends it again', async ({
	page
}) => {
	const recipient = uniqueEmail('unreachable');
	const now = new Date().toISOString();
	withDatabase((db) =>
		db
			.prepare(
				`insert into mail_outbox (kind, recipient, user_id, subject, body, dedupe_key, status, attempts, next_attempt_at, last_attempt_at, last_error, created_at, sent_at)
				 values ('digest', ?, null, 'Your open MAG actions this week: 3', 'Hello', null, 'failed', 10, ?, ?, 'connect ECONNREFUSED 192.0.2.25:587', ?, null)`
			)
			.run(recipient, now, now, now)
	);

	await signIn(page, 'admin@mag.example');
	await page.getByRole('link', { name: 'Email sent, waiting and failed' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email');
	await expect(page.getByText('Email is not being sent')).toBeVisible();
	const failed = page.getByRole('table', { name: 'Emails that could not be delivered' });
	const row = failed.getByRole('row').filter({ hasText: recipient });
	await expect(row).toContainText('Your open MAG actions this week: 3');
	await expect(row).toContainText('Weekly summary');
	await expect(row).toContainText('connect ECONNREFUSED 192.0.2.25:587');
	// The recipient heads the row; the cells are the email, its attempts, when last tried…
	await expect(row.getByRole('cell').nth(1)).toHaveText('10');
	// What an email says is never shown, only who it is for and its subject.
	await expect(page.getByText('Hello', { exact: true })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await submitForm(page, `Try again to send to ${recipient}`);
	await expect(page.getByRole('alert')).toContainText('The email will be sent again now.');
	await expect.poll(() => outboxRow(recipient)[0]?.status, { timeout: 15_000 }).toBe('sent');
	await reload(page);
	await expect(failed.getByRole('row').filter({ hasText: recipient })).toHaveCount(0);
	await expect(
		page.getByRole('table', { name: 'The last 20 emails sent' }).getByRole('row').filter({
			hasText: recipient
		})
	).toHaveCount(1);
	await expectNoAxeViolations(page);
});

test('only administrators can open the email page', async ({ page }) => {
	await signIn(page, 'health.visitor@mag.example');
	const response = await open(page, '/admin/mail');
	expect(response?.status()).toBe(403);
});

test('an invitation is emailed as well as shown to the administrator', async ({ page }) => {
	const email = uniqueEmail('emailed');
	await signIn(page, 'admin@mag.example');
	await inviteUser(page, { name: 'Emma Ledger', email });
	await expect(page.getByRole('alert')).toContainText(
		'We have emailed Emma Ledger a link to set up their account.'
	);
	await expect
		.poll(() => outboxRow(email), { timeout: 15_000 })
		.toEqual([{ kind: 'invitation', status: 'sent', attempts: 1 }]);
});

test('a person turns reminders off, and the choice sticks', async ({ page }) => {
	await signIn(page, 'health.visitor@mag.example');
	await open(page, '/account');
	await page.getByRole('link', { name: 'Choose which emails you get' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails you get');
	const reminders = page.getByLabel('Reminders about my actions');
	const digest = page.getByLabel('A weekly summary of my open actions');
	await expect(reminders).toBeChecked();
	await expect(digest).toBeChecked();
	await expectNoAxeViolations(page);

	await reminders.uncheck();
	await submitForm(page, 'Save email settings');
	await expect(page.getByRole('alert')).toContainText('Your email settings are saved.');
	await expectNoAxeViolations(page);
	await reload(page);
	await expect(reminders).not.toBeChecked();
	await expect(digest).toBeChecked();
	const stored = withDatabase((db) =>
		db
			.prepare(
				`select reminders, digest from email_preference
				 where user_id = (select id from user where email = 'health.visitor@mag.example')`
			)
			.get()
	);
	expect(stored).toEqual({ reminders: 0, digest: 1 });

	await reminders.check();
	await submitForm(page, 'Save email settings');
	await reload(page);
	await expect(reminders).toBeChecked();
});
