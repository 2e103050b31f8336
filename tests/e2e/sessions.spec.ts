import { expect, test, type BrowserContext } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { startExtraServer, extraPort } from './support/extra-server';
import { uniqueEmail, withDatabase } from './support/fixtures';
import {
	BASE_URL,
	DEMO_PASSWORD,
	NO_MATCH,
	SESSION_COOKIE,
	acceptInvitation,
	expectErrorSummary,
	expectNoAxeViolations,
	inviteUser,
	newContext,
	sessionIdFrom,
	sessionToken,
	signIn,
	signOut,
	submitForm,
	submitSignIn,
	open,
	reload
} from './support/pages';

/** Moves one of the person's sessions back in time, as if the minutes or hours had passed. */
async function ageSession(
	context: BrowserContext,
	email: string,
	times: { createdAt?: Date; lastUsedAt?: Date }
) {
	const id = sessionIdFrom(await sessionToken(context));
	const changed = withDatabase((db) =>
		db
			.prepare(
				`update session
				 set created_at = coalesce(?, created_at), last_used_at = coalesce(?, last_used_at)
				 where id = ? and user_id = (select id from user where email = ?)`
			)
			.run(
				times.createdAt?.toISOString() ?? null,
				times.lastUsedAt?.toISOString() ?? null,
				id,
				email
			)
	);
	expect(changed.changes).toBe(1);
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

test('signing out ends the session on the server, not just in the browser', async ({
	page,
	context,
	browser
}) => {
	await signIn(page, 'housing@mag.example');
	await expect(page.getByTestId('signed-in-as')).toContainText('Tom Reid');
	const token = await sessionToken(context);

	// The same cookie in another browser works while the session lasts...
	const copy = await newContext(browser);
	await copy.addCookies([{ name: SESSION_COOKIE, value: token, url: BASE_URL }]);
	const copyPage = await copy.newPage();
	await open(copyPage, '/communities');
	await expect(copyPage).toHaveURL('/communities');
	await expect(copyPage.getByTestId('signed-in-as')).toContainText('Tom Reid');

	await signOut(page);
	expect((await context.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
	await open(page, '/');
	await expect(page).toHaveURL('/sign-in');

	// ...and not at all once the person has signed out.
	await open(copyPage, '/communities');
	await expect(copyPage).toHaveURL('/sign-in?next=%2Fcommunities');
	await expect(copyPage.getByTestId('signed-in-as')).toHaveCount(0);
	await copy.close();
});

test('a session unused for 30 minutes ends, and the sign-in page says why', async ({
	page,
	context
}) => {
	const email = 'camhs@mag.example';
	await signIn(page, email);
	await open(page, '/communities');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('My communities');

	// 29 minutes is still within the limit.
	await ageSession(context, email, { lastUsedAt: minutesAgo(29) });
	await reload(page);
	await expect(page).toHaveURL('/communities');

	await ageSession(context, email, { lastUsedAt: minutesAgo(31) });
	await reload(page);
	await expect(page).toHaveURL('/sign-in?signed-out=idle&next=%2Fcommunities');
	const banner = page.getByRole('region', { name: 'You have been signed out' });
	await expect(banner).toContainText('you had not used the service for 30 minutes');
	await expectNoAxeViolations(page);

	// Signing in again carries on where the person was.
	await submitSignIn(page, email, DEMO_PASSWORD);
	await expect(page).toHaveURL('/communities');
});

test('a session ends 12 hours after signing in, however busy', async ({ page, context }) => {
	const email = 'family.support@mag.example';
	await signIn(page, email);

	await ageSession(context, email, { createdAt: minutesAgo(13 * 60), lastUsedAt: new Date() });
	await open(page, '/account');
	await expect(page).toHaveURL('/sign-in?signed-out=expired&next=%2Faccount');
	await expect(page.getByRole('region', { name: 'You have been signed out' })).toContainText(
		'you had been signed in for 12 hours'
	);
	await expectNoAxeViolations(page);
});

test('with one-minute and one-hour limits the sign-in page says "1 minute" and "1 hour"', async ({
	page,
	context,
	request
}) => {
	test.setTimeout(60_000);
	const server = await startExtraServer(request, extraPort(8), {
		SESSION_IDLE_MINUTES: '1',
		SESSION_ABSOLUTE_HOURS: '1'
	});
	try {
		await page.goto(`${server.url}/sign-in`);
		await submitSignIn(page, 'youth.worker@mag.example', DEMO_PASSWORD);
		await expect(page).toHaveURL(`${server.url}/`);
		const db = new SQLite(server.databasePath);
		try {
			db.prepare('update session set last_used_at = ? where id = ?').run(
				new Date(Date.now() - 61_000).toISOString(),
				sessionIdFrom(await sessionToken(context))
			);
		} finally {
			db.close();
		}
		await page.goto(`${server.url}/account`);
		await expect(page).toHaveURL(`${server.url}/sign-in?signed-out=idle&next=%2Faccount`);
		const banner = page.getByRole('region', { name: 'You have been signed out' });
		await expect(banner).toContainText(
			'You were signed out because you had not used the service for 1 minute.'
		);

		await page.goto(`${server.url}/sign-in?signed-out=expired`);
		await expect(banner).toContainText(
			'You were signed out because you had been signed in for 1 hour.'
		);
	} finally {
		server.stop();
	}
});

test('disabling an account signs the person out at once and stops them signing in', async ({
	page: admin,
	browser
}) => {
	const name = 'Dana Whitfield';
	const email = uniqueEmail('dana');
	const password = 'meadow kettle harbour 77';
	await signIn(admin, 'admin@mag.example');
	const { link, userId } = await inviteUser(admin, { name, email, agency: 'Connexions' });

	const context = await newContext(browser);
	const page = await context.newPage();
	await acceptInvitation(page, link, password);
	await open(page, '/');
	await expect(page.getByTestId('signed-in-as')).toContainText(name);

	await open(admin, `/admin/users/${userId}`);
	await expect(admin.locator('main .govuk-tag').first()).toHaveText('active');
	await submitForm(admin, 'Disable account');
	await expect(admin.getByRole('alert')).toContainText(
		`${name} can no longer sign in and has been signed out everywhere.`
	);
	await expect(admin.locator('main .govuk-tag').first()).toHaveText('disabled');
	await expectNoAxeViolations(admin);

	await open(page, '/account');
	await expect(page).toHaveURL('/sign-in?next=%2Faccount');
	await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

	await submitSignIn(page, email, password);
	await expectErrorSummary(page, { email: NO_MATCH });
	await expect(page).toHaveURL(/\/sign-in/);

	// Their invitation cannot be used to get back in either.
	await open(page, link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'This invitation link does not work'
	);
	await context.close();
});
