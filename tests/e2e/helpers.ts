import AxeBuilder from '@axe-core/playwright';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';

/** Every demo account's password (db/seed.ts). */
export const DEMO_PASSWORD = 'demo-MAG-meeting-2026';

/** The throwaway database the e2e server runs on (playwright.config.ts). */
export const DATABASE_PATH = 'test-results/e2e.sqlite';

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

/** An email address no other test (or earlier run) has used. */
export function uniqueEmail(prefix: string): string {
	return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1000)}@mag.example`;
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

/** Sends a form for the server's answer, so attempts never overlap. */
export async function submitForm(page: Page, button: string) {
	const answered = page.waitForResponse(
		(response) => response.request().method() === 'POST' && response.url().includes('?/')
	);
	await page.getByRole('button', { name: button, exact: true }).click();
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

const TOTP_PERIOD_SECONDS = 30;

export function totpStep(now = Date.now()): number {
	return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The authenticator app: the 6-digit code for a time step. */
export function totpCode(key: Uint8Array, step = totpStep()): string {
	return generateHOTP(key, BigInt(step), 6);
}

/** A 6-digit code that matches none of the steps a server would accept now. */
export function wrongTotpCode(key: Uint8Array): string {
	const step = totpStep();
	const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(key, step + offset)));
	return ['000000', '111111', '222222'].find((code) => !valid.has(code))!;
}

/**
 * A code from a later time step than `usedStep`: a code works once, so the next sign-in has to
 * wait for the app to show a new one (at most 30 seconds).
 */
export async function nextTotpCode(page: Page, key: Uint8Array, usedStep: number) {
	const nextStepAt = (usedStep + 1) * TOTP_PERIOD_SECONDS * 1000;
	const wait = nextStepAt - Date.now();
	if (wait > 0) await page.waitForTimeout(wait + 250);
	return totpCode(key);
}

/** Reads the set-up key from the two-factor page, as someone who cannot scan the QR code would. */
export async function readTotpKey(page: Page): Promise<Uint8Array> {
	const text = await page.getByTestId('totp-key').textContent();
	return decodeBase32IgnorePadding((text ?? '').replace(/\s+/g, ''));
}

/** Changes the test database directly, as the passing of time would. */
export function withDatabase<T>(work: (db: SQLite.Database) => T): T {
	const db = new SQLite(DATABASE_PATH);
	try {
		db.pragma('busy_timeout = 5000');
		return work(db);
	} finally {
		db.close();
	}
}

export function communityId(name: string): number {
	return withDatabase((db) => {
		const row = db.prepare('select id from community where name = ?').get(name) as
			{ id: number } | undefined;
		if (!row) throw new Error(`No community called ${name}`);
		return row.id;
	});
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

export interface MeetingRow {
	id: number;
	date: string;
	status: string;
}

/** A community's meetings, earliest first (ids and YYYY-MM-DD dates straight from the database). */
export function meetingsOf(community: string): MeetingRow[] {
	const id = communityId(community);
	return withDatabase(
		(db) =>
			db
				.prepare('select id, date, status from meeting where community_id = ? order by date, id')
				.all(id) as MeetingRow[]
	);
}

/** The meeting whose agenda is open for items (the demo seed opens each community's first one). */
export function agendaOpenMeeting(community: string): MeetingRow {
	const meeting = meetingsOf(community).find((m) => m.status === 'agenda-open');
	if (!meeting) throw new Error(`No meeting of ${community} has its agenda open`);
	return meeting;
}

/** Types a YYYY-MM-DD date into the GOV.UK date input whose first box has this id. */
export async function fillDateInput(page: Page, id: string, date: string) {
	const [year, month, day] = date.split('-');
	await page.locator(`#${id}`).fill(String(Number(day)));
	await page.locator(`#${id}-month`).fill(String(Number(month)));
	await page.locator(`#${id}-year`).fill(year!);
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** A YYYY-MM-DD date as the pages write it: "8 December 2026". */
export function longDate(date: string): string {
	const d = new Date(`${date}T12:00:00Z`);
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A meeting's date as the pages write it: "Tuesday 8 December 2026". */
export function meetingDate(date: string): string {
	return `${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]} ${longDate(date)}`;
}

/** The YYYY-MM-DD date `days` after (or before, if negative) another. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
