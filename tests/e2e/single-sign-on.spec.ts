import { expect, test, type Page } from '@playwright/test';
import {
	startTestProvider,
	TEST_CLIENT_ID,
	TEST_CLIENT_SECRET,
	type TestProvider
} from '../unit/auth/oidc-provider';
import { startExtraServer, type ExtraServer, extraPort } from './support/extra-server';
import { expectNoAxeViolations, waitForApp } from './support/pages';

/**
 * Single sign-on in Chromium: a copy of the app configured for a real identity provider
 * (node-oidc-provider on loopback, another site from the app's), signing in on the provider's own
 * login page. Chairs must use two-factor here (REQUIRE_TWO_FACTOR), as in production.
 */
const PROVIDER_PORT = extraPort(617);
const APP_PORT = extraPort(618);

let provider: TestProvider;
let server: ExtraServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
	test.setTimeout(120_000);
	provider = await startTestProvider({
		port: PROVIDER_PORT,
		redirectUris: [`http://localhost:${APP_PORT}/sign-in/council/callback`],
		accounts: [
			// Demo accounts (db/seed.ts), as the council's directory knows them.
			{
				id: 'helen.price',
				email: 'chair.north@mag.example',
				emailVerified: true,
				amr: ['pwd', 'mfa']
			},
			{ id: 'david.okafor', email: 'chair.south@mag.example', emailVerified: true, amr: ['pwd'] },
			{ id: 'not.invited', email: 'not.invited@mag.example', emailVerified: true, amr: ['mfa'] }
		]
	});
	server = await startExtraServer(request, APP_PORT, {
		OIDC_ISSUER: provider.issuer,
		OIDC_CLIENT_ID: TEST_CLIENT_ID,
		OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
		OIDC_EMAIL_DOMAINS: 'mag.example',
		REQUIRE_TWO_FACTOR: 'administrator,chair'
	});
});

test.afterAll(async () => {
	server?.stop();
	await provider?.close();
});

async function signInAtProvider(page: Page, username: string) {
	await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`));
	await expect(page.getByRole('heading', { name: 'Test council: sign in' })).toBeVisible();
	await page.getByLabel('Username').fill(username);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a chair signs in with their council account and, the provider having asked for a second factor, goes straight to the page they wanted', async ({
	page
}) => {
	await page.goto(`${server.url}/actions`);
	await expect(page).toHaveURL(`${server.url}/sign-in?next=%2Factions`);
	await waitForApp(page);
	const council = page.getByRole('button', { name: 'Sign in with your council account' });
	await expect(council).toBeVisible();
	await expect(page.getByLabel('Email address')).toBeVisible();
	await expectNoAxeViolations(page);

	await council.click();
	await signInAtProvider(page, 'helen.price');
	await expect(page).toHaveURL(`${server.url}/actions`);
	await expect(page.getByTestId('signed-in-as')).toContainText('Helen Price');

	await page.goto(`${server.url}/`);
	await expect(page).toHaveURL(`${server.url}/`);
	await expect(page.getByTestId('signed-in-as')).toContainText('Helen Price');
});

test('a chair whose provider asked only for a password sets up the app’s own two-factor first', async ({
	page
}) => {
	await page.goto(`${server.url}/sign-in`);
	await waitForApp(page);
	await page.getByRole('button', { name: 'Sign in with your council account' }).click();
	await signInAtProvider(page, 'david.okafor');
	await expect(page).toHaveURL(`${server.url}/account/two-factor`);
	await page.goto(`${server.url}/`);
	await expect(page).toHaveURL(`${server.url}/account/two-factor`);
});

test('someone no administrator has invited is told so on the sign-in page', async ({ page }) => {
	await page.goto(`${server.url}/sign-in`);
	await waitForApp(page);
	await page.getByRole('button', { name: 'Sign in with your council account' }).click();
	await signInAtProvider(page, 'not.invited');
	await expect(page).toHaveURL(`${server.url}/sign-in?council-sign-in=not-set-up`);
	await waitForApp(page);
	const message =
		'Your council account is not set up in this service: ask your administrator to invite you';
	const summary = page.locator('.govuk-error-summary');
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(summary.getByRole('link', { name: message })).toHaveAttribute(
		'href',
		'#council-sign-in'
	);
	await expect(page).toHaveTitle('Error: Sign in – MAG meetings');
	await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
	await expectNoAxeViolations(page);
});
