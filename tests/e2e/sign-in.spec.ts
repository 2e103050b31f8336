import { expect, test } from '@playwright/test';
import { uniqueEmail } from './support/fixtures';
import {
	DEMO_PASSWORD,
	NO_MATCH,
	expectErrorSummary,
	expectNoAxeViolations,
	newContext,
	open,
	submitSignIn,
	waitForApp
} from './support/pages';

test('the sign-in page asks for both fields', async ({ page }) => {
	await open(page, '/sign-in');
	await expect(page).toHaveTitle('Sign in – MAG meetings');
	await expect(page.locator('.govuk-error-summary')).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Sign in' }).click();
	await expectErrorSummary(page, {
		email: 'Enter an email address',
		password: 'Enter your password'
	});
	await expect(page.locator('.govuk-error-summary')).toBeFocused();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Enter your password' }).click();
	await expect(page.getByLabel('Password')).toBeFocused();
});

test('a wrong password and an unknown email get the same answer', async ({ page }) => {
	await open(page, '/sign-in');
	await submitSignIn(page, 'senco@mag.example', 'not-the-password');
	await expectErrorSummary(page, { email: NO_MATCH });
	await expect(page).toHaveTitle('Error: Sign in – MAG meetings');
	await expect(page.getByLabel('Email address')).toHaveValue('senco@mag.example');
	await expect(page.getByLabel('Email address')).toHaveAttribute('aria-describedby', 'email-error');
	await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
	await expectNoAxeViolations(page);
	const wrongPassword = await page.locator('main').innerText();

	const unknown = uniqueEmail('nobody');
	await open(page, '/sign-in');
	await submitSignIn(page, unknown, 'not-the-password');
	await expectErrorSummary(page, { email: NO_MATCH });
	await expect(page.getByLabel('Email address')).toHaveValue(unknown);
	expect(await page.locator('main').innerText()).toBe(wrongPassword);

	// The right password still works after a couple of mistakes.
	await submitSignIn(page, 'senco@mag.example', DEMO_PASSWORD);
	await expect(page).toHaveURL('/');
	await expect(page.getByTestId('signed-in-as')).toContainText('Priya Shah');
});

test('five wrong passwords lock the account for a while, even against the right one', async ({
	page
}) => {
	const email = 'gp.lewis@mag.example';
	await open(page, '/sign-in');
	for (let attempt = 1; attempt <= 5; attempt++) {
		await submitSignIn(page, email, `wrong-password-${attempt}`);
		await expect(page.locator('#email-error')).toContainText(NO_MATCH);
	}
	await submitSignIn(page, email, DEMO_PASSWORD);
	await expectErrorSummary(page, {
		email: 'Too many failed attempts to sign in. Wait 1 minute and try again'
	});
	await expect(page).toHaveURL(/\/sign-in/);
	await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
	await expectNoAxeViolations(page);

	// An email with no account is locked in the same way, so locking reveals nothing.
	const unknown = uniqueEmail('nobody');
	for (let attempt = 1; attempt <= 5; attempt++) {
		await submitSignIn(page, unknown, `wrong-password-${attempt}`);
		await expect(page.locator('#email-error')).toContainText(NO_MATCH);
	}
	await submitSignIn(page, unknown, `wrong-password-6`);
	await expectErrorSummary(page, {
		email: 'Too many failed attempts to sign in. Wait 1 minute and try again'
	});
});

test('the sign-in page explains a sign-out after inactivity', async ({ page }) => {
	await open(page, '/sign-in?signed-out=idle');
	const banner = page.getByRole('region', { name: 'You have been signed out' });
	await expect(banner).toContainText(
		'You were signed out because you had not used the service for 30 minutes.'
	);
	await expectNoAxeViolations(page);

	await open(page, '/sign-in?signed-out=expired');
	await expect(banner).toContainText(
		'You were signed out because you had been signed in for 12 hours.'
	);

	await open(page, '/sign-in?signed-out=anything-else');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(banner).toHaveCount(0);
});

test('signing in never sends someone on to another site', async ({ page }) => {
	await open(page, '/sign-in?next=%2F%2Fevil.example%2Fsteal');
	await submitSignIn(page, 'childrens.centre@mag.example', DEMO_PASSWORD);
	await expect(page).toHaveURL('/');
	await expect(page.getByTestId('signed-in-as')).toContainText('Emma Davies');
});

// A browser drops tabs and newlines from an address and reads a backslash as a slash, so each of
// these once led to evil.example (or, with a newline, to a server error after signing in).
for (const javaScriptEnabled of [true, false]) {
	test(`a next address with a tab, newline or backslash stays on this site (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		for (const next of [
			'%2F%09%2Fevil.example%2Fsteal',
			'%2F%0A%2Fevil.example%2Fsteal',
			'%2F%5C%09evil.example',
			'%2F%5Cevil.example'
		]) {
			const context = await newContext(browser, { javaScriptEnabled });
			const page = await context.newPage();
			if (javaScriptEnabled) await open(page, `/sign-in?next=${next}`);
			else await page.goto(`/sign-in?next=${next}`);
			await page.getByLabel('Email address').fill('camhs@mag.example');
			await page.getByLabel('Password').fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page, `next=${next}`).toHaveURL('/');
			await expect(page.getByTestId('signed-in-as')).toContainText('Ben Thomas');
			await context.close();
		}
	});
}

test('signing in and out works without JavaScript', async ({ browser }) => {
	const context = await newContext(browser, { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill('homestart@mag.example');
	await page.getByLabel('Password').fill('not-the-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.locator('#email-error')).toContainText(NO_MATCH);
	await expect(page.getByLabel('Email address')).toHaveValue('homestart@mag.example');

	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.getByTestId('signed-in-as')).toContainText('Margaret Ellis');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL('/sign-in');
	await page.goto('/');
	await expect(page).toHaveURL('/sign-in');
	await context.close();
});

test('what someone types before the page has finished loading is kept', async ({ page }) => {
	// Hold the app's scripts back, as a slow connection would, while the person starts typing.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/sign-in', { waitUntil: 'domcontentloaded' });
	await page.locator('#email').fill('typed.early@mag.example');
	release();
	await waitForApp(page);
	await expect(page.locator('#email')).toHaveValue('typed.early@mag.example');
});
