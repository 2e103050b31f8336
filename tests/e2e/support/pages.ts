import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/**
 * What the browser tests do in the app's pages, as the person at the keyboard would: sign in, fill
 * in and send forms, check what a page says and that axe finds nothing wrong with it. What they
 * write straight into the database is in fixtures.ts.
 */

/** Every demo account's password (db/seed.ts). */
export const DEMO_PASSWORD = 'demo-MAG-meeting-2026';

export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

/** The session cookie's name over plain http (src/lib/server/auth/cookie.ts). */
export const SESSION_COOKIE = 'mag_session';

/** The message for any wrong email, password or disabled account: it never says which. */
export const NO_MATCH = 'Enter an email address and password that match an account';

/** Fails with the list of WCAG 2.2 AA problems axe finds on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => ({
			id: v.id,
			help: v.help,
			nodes: v.nodes.map((n) => n.target.join(' '))
		}))
	).toEqual([]);
}

/** A fresh browser context: a second person, or the same person on another device. */
export function newContext(
	browser: Browser,
	options: { javaScriptEnabled?: boolean } = {}
): Promise<BrowserContext> {
	return browser.newContext({
		baseURL: BASE_URL,
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		...options
	});
}

/**
 * Waits until the page's script has taken over (hydration). Svelte resets a field's value when it
 * hydrates, so text typed before then would be lost. SvelteKit sets scrollRestoration to 'manual'
 * when its router starts, straight after hydration.
 */
export async function waitForApp(page: Page) {
	await page.waitForFunction(() => history.scrollRestoration === 'manual');
}

/** Opens a page in full (as typing the address does) and waits for it to be ready to use. */
export async function open(page: Page, url: string) {
	const response = await page.goto(url);
	await waitForApp(page);
	return response;
}

/** Reloads the page and waits for it to be ready to use. */
export async function reload(page: Page) {
	const response = await page.reload();
	await waitForApp(page);
	return response;
}

/**
 * Presses a form's button and waits for the server's answer, so attempts never overlap. A name is
 * matched exactly unless `exact` is false; a pattern matches a button whose name carries more words
 * (such as a visually hidden reference).
 */
export async function submitForm(
	page: Page,
	button: string | RegExp,
	{ exact = true }: { exact?: boolean } = {}
) {
	const answered = page.waitForResponse(
		(response) => response.request().method() === 'POST' && response.url().includes('?/')
	);
	await page.getByRole('button', { name: button, exact }).click();
	await answered;
}

/** Fills in and sends the sign-in form, without checking where it leads. */
export async function submitSignIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await submitForm(page, 'Sign in');
}

/** Signs in with a password and waits to leave the sign-in page (for home, or the code step). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await open(page, '/sign-in');
	await submitSignIn(page, email, password);
	await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** A person signed in in a browser of their own. */
export async function signedIn(
	browser: Browser,
	email: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext(browser);
	const page = await context.newPage();
	await signIn(page, email);
	return { context, page };
}

export async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/sign-in$/);
	await waitForApp(page);
}

export function mainNavigation(page: Page) {
	return page.getByRole('navigation', { name: 'Main' }).getByRole('link');
}

/** The error summary at the top of a form page, and each message it links to a field. */
export async function expectErrorSummary(page: Page, errors: Record<string, string>) {
	const summary = page.locator('.govuk-error-summary');
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	await expect(summary.getByRole('link')).toHaveCount(Object.keys(errors).length);
	for (const [field, message] of Object.entries(errors)) {
		await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', `#${field}`);
		await expect(page.locator(`#${field}-error`)).toContainText(message);
	}
	await expect(page).toHaveTitle(/^Error: /);
}

/** Types a YYYY-MM-DD date into the GOV.UK date input whose first box has this id. */
export async function fillDateInput(page: Page, id: string, date: string) {
	const [year, month, day] = date.split('-');
	await page.locator(`#${id}`).fill(String(Number(day)));
	await page.locator(`#${id}-month`).fill(String(Number(month)));
	await page.locator(`#${id}-year`).fill(year!);
}

/** The id that ends the page's address: 17 on /meetings/3/items/17. */
export function idInUrl(page: Page): number {
	return Number(new URL(page.url()).pathname.split('/').pop());
}

export async function sessionToken(context: BrowserContext): Promise<string> {
	const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
	if (!cookie) throw new Error('No session cookie');
	return cookie.value;
}

/** The session row's id is the part of the cookie before the dot. */
export function sessionIdFrom(token: string): string {
	return token.split('.')[0]!;
}

export interface Invitation {
	link: string;
	userId: number;
}

/** As a signed-in administrator: invites someone and returns their single-use link. */
export async function inviteUser(
	page: Page,
	person: { name: string; email: string; agency?: string }
): Promise<Invitation> {
	await open(page, '/admin/users/invite');
	await page.getByLabel('Full name').fill(person.name);
	await page.getByLabel('Work email address').fill(person.email);
	await page.getByLabel('Agency').selectOption({ label: person.agency ?? 'Youth Service' });
	await submitForm(page, 'Create invitation link');
	const link = (await page.getByTestId('invitation-link').textContent())?.trim() ?? '';
	expect(link).toMatch(/^http:\/\/localhost:\d+\/invitation\/[a-z0-9]+$/);
	const rolesLink = page.getByRole('link', { name: 'give them their community roles' });
	const href = (await rolesLink.getAttribute('href')) ?? '';
	const userId = Number(href.match(/^\/admin\/users\/(\d+)$/)?.[1]);
	expect(userId).toBeGreaterThan(0);
	return { link, userId };
}

/** As the invited person: sets a password from the link, which signs them in. */
export async function acceptInvitation(page: Page, link: string, password: string) {
	await open(page, link);
	await page.getByLabel('Create a password').fill(password);
	await page.getByLabel('Type the password again').fill(password);
	await page.getByRole('button', { name: 'Create password and sign in' }).click();
	await expect(page).toHaveURL(/\/account\?welcome=1$/);
}
