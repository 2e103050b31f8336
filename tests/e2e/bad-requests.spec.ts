import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import SQLite from 'better-sqlite3';
import { DATABASE_PATH, withDatabase } from './support/fixtures';
import { BASE_URL, DEMO_PASSWORD, expectNoAxeViolations, newContext, open } from './support/pages';

// The words of src/lib/server/http/form-body.ts.
const UNREADABLE = /^Sorry, the form could not be read, so nothing was saved\./;
const TOO_LARGE = /^Sorry, the form is too large to send, so nothing was saved\./;

// As a browser sends a plain form, from this site.
const fromHere = { origin: BASE_URL, accept: 'text/html' };
const URLENCODED = 'application/x-www-form-urlencoded';
const BOUNDARY = 'mag-e2e-boundary';

/** A multipart body from fields whose values are raw bytes. */
function multipart(fields: Record<string, Buffer>): Buffer {
	return Buffer.concat([
		...Object.entries(fields).flatMap(([name, value]) => [
			Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
			value,
			Buffer.from('\r\n')
		]),
		Buffer.from(`--${BOUNDARY}--\r\n`)
	]);
}

/** BODY_SIZE_LIMIT under `npm start`, as the test server runs (scripts/start.ts). */
const BODY_SIZE_LIMIT = 1024 * 1024;

const SIGN_IN_EMAIL = 'homestart@mag.example';
const signInFields = `email=${encodeURIComponent(SIGN_IN_EMAIL)}&password=${DEMO_PASSWORD}`;

/** What a sign-in leaves behind for the person: audit entries, attempts, sessions. */
function signInTraces() {
	return withDatabase((db) => ({
		audit: (
			db
				.prepare(
					`select count(*) as n from audit_log
					 where action like 'sign-in%' or actor_id = (select id from user where email = ?)`
				)
				.get(SIGN_IN_EMAIL) as { n: number }
		).n,
		attempts: (db.prepare('select count(*) as n from sign_in_attempt').get() as { n: number }).n,
		sessions: (
			db
				.prepare(
					'select count(*) as n from session where user_id = (select id from user where email = ?)'
				)
				.get(SIGN_IN_EMAIL) as { n: number }
		).n
	}));
}

/** Bodies that are a real sign-in but for one broken part, each with what it is sent as. */
const unreadableSignIns: [string, string, string | Buffer][] = [
	['text/plain', 'text/plain', signInFields],
	['JSON', 'application/json', JSON.stringify({ email: SIGN_IN_EMAIL, password: DEMO_PASSWORD })],
	['multipart without a boundary', 'multipart/form-data', signInFields],
	[
		'multipart cut short',
		`multipart/form-data; boundary=${BOUNDARY}`,
		multipart({ email: Buffer.from(SIGN_IN_EMAIL), password: Buffer.from(DEMO_PASSWORD) }).subarray(
			0,
			-8
		)
	],
	[
		'urlencoded with raw bytes 0xff 0xfe',
		URLENCODED,
		Buffer.concat([Buffer.from(`${signInFields}&note=`), Buffer.from([0xff, 0xfe])])
	],
	['urlencoded with %FF%FE', URLENCODED, `${signInFields}&note=%FF%FE`],
	[
		'multipart with raw bytes 0xff 0xfe',
		`multipart/form-data; boundary=${BOUNDARY}`,
		multipart({
			email: Buffer.from(SIGN_IN_EMAIL),
			password: Buffer.from(DEMO_PASSWORD),
			note: Buffer.from([0xff, 0xfe])
		})
	]
];

test('a sign-in form that cannot be read answers 400 in plain words, and signs no one in', async ({
	request
}) => {
	const before = signInTraces();
	for (const [what, contentType, data] of unreadableSignIns) {
		const response = await request.post('/sign-in?/signIn', {
			headers: { ...fromHere, 'content-type': contentType },
			data,
			maxRedirects: 0
		});
		expect(response.status(), what).toBe(400);
		expect(response.headers()['content-type'], what).toBe('text/plain; charset=utf-8');
		expect(await response.text(), what).toMatch(UNREADABLE);
		expect(response.headers()['set-cookie'], what).toBeUndefined();
	}
	expect(signInTraces()).toEqual(before);

	// The same sign-in, readable, still works.
	const readable = await request.post('/sign-in?/signIn', {
		headers: { ...fromHere, 'content-type': URLENCODED },
		data: signInFields,
		maxRedirects: 0
	});
	expect(readable.status()).toBe(303);
	expect(signInTraces().sessions).toBe(before.sessions + 1);
});

test('a form posted from another site is still refused first (403), whatever its body', async ({
	request
}) => {
	const response = await request.post('/sign-in?/signIn', {
		headers: { origin: 'http://evil.example', accept: 'text/html', 'content-type': 'text/plain' },
		data: signInFields,
		maxRedirects: 0
	});
	expect(response.status()).toBe(403);
});

test('a sign-in form over the size limit answers 413 in plain words, and signs no one in', async ({
	request
}) => {
	const before = signInTraces();
	const response = await request.post('/sign-in?/signIn', {
		headers: { ...fromHere, 'content-type': URLENCODED },
		data: `${signInFields}&note=${'a'.repeat(BODY_SIZE_LIMIT)}`,
		maxRedirects: 0
	});
	expect(response.status()).toBe(413);
	expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
	expect(await response.text()).toMatch(TOO_LARGE);
	expect(signInTraces()).toEqual(before);
});

const MEMBER = 'ewo@mag.example';

function emailPreferenceRow() {
	return withDatabase((db) =>
		db
			.prepare(
				`select reminders, digest, updated_at from email_preference
				 where user_id = (select id from user where email = ?)`
			)
			.get(MEMBER)
	);
}

async function signInByRequest(request: APIRequestContext, email: string) {
	const response = await request.post('/sign-in?/signIn', {
		headers: { ...fromHere, 'content-type': URLENCODED },
		data: `email=${encodeURIComponent(email)}&password=${DEMO_PASSWORD}`,
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
}

test('a signed-in form that cannot be read or is too large answers 400 or 413 and saves nothing', async ({
	request
}) => {
	await signInByRequest(request, MEMBER);
	const before = emailPreferenceRow();
	const post = (contentType: string, data: string | Buffer, headers: Record<string, string> = {}) =>
		request.post('/account/email?/save', {
			headers: { ...fromHere, 'content-type': contentType, ...headers },
			data,
			maxRedirects: 0
		});

	const attempts: [string, number, () => ReturnType<typeof post>][] = [
		['text/plain', 400, () => post('text/plain', 'optional=reminders')],
		[
			'broken multipart',
			400,
			() => post(`multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nhalf a part`)
		],
		// Read as it stands, this would turn the weekly summary off.
		['urlencoded with %FF%FE', 400, () => post(URLENCODED, 'optional=reminders&optional=%FF%FE')],
		[
			'urlencoded with raw bytes 0xff 0xfe',
			400,
			() =>
				post(
					URLENCODED,
					Buffer.concat([Buffer.from('optional=reminders&optional='), Buffer.from([0xff, 0xfe])])
				)
		],
		[
			'multipart with raw bytes 0xff 0xfe',
			400,
			() =>
				post(
					`multipart/form-data; boundary=${BOUNDARY}`,
					multipart({ optional: Buffer.from([0xff, 0xfe]) })
				)
		],
		[
			'over the size limit',
			413,
			() => post(URLENCODED, `optional=reminders&note=${'a'.repeat(BODY_SIZE_LIMIT)}`)
		]
	];
	for (const [what, status, send] of attempts) {
		const response = await send();
		expect(response.status(), what).toBe(status);
		expect(await response.text(), what).toMatch(status === 413 ? TOO_LARGE : UNREADABLE);
	}
	expect(emailPreferenceRow()).toEqual(before);

	// An enhanced form gets the same answer as a form action's error, for its page to show.
	const enhanced = await post(URLENCODED, 'optional=%FF', {
		accept: 'application/json',
		'x-sveltekit-action': 'true'
	});
	expect(enhanced.status()).toBe(400);
	const result = (await enhanced.json()) as { type: string; error: { message: string } };
	expect(result.type).toBe('error');
	expect(result.error.message).toMatch(UNREADABLE);
	expect(emailPreferenceRow()).toEqual(before);
});

/** Puts a megabyte in a field at once: typing or filling that much takes a browser half a minute. */
async function pasteInto(page: Page, label: string, text: string) {
	await page.getByLabel(label).evaluate((input: HTMLInputElement, value) => {
		input.value = value;
		input.dispatchEvent(new Event('input', { bubbles: true }));
	}, text);
}

test('a form too large to send says so in the browser, as the page it was sent from would', async ({
	page
}) => {
	test.setTimeout(60_000);
	await open(page, '/sign-in');
	await pasteInto(page, 'Email address', 'a'.repeat(BODY_SIZE_LIMIT + 1));
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sorry, that could not be done');
	await expect(page.getByText(TOO_LARGE)).toBeVisible();
	await expect(page).toHaveTitle('Sorry, that could not be done – MAG meetings');
	await expectNoAxeViolations(page);
});

test('a form too large to send says so in plain words without JavaScript', async ({ browser }) => {
	test.setTimeout(60_000);
	const context = await newContext(browser, { javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await pasteInto(page, 'Email address', 'a'.repeat(BODY_SIZE_LIMIT + 1));
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	const answered = page.waitForResponse((response) => response.request().method() === 'POST');
	await page.getByRole('button', { name: 'Sign in' }).click();
	expect((await answered).status()).toBe(413);
	await expect(page.locator('body')).toHaveText(TOO_LARGE);
	await context.close();
});

/**
 * Something else holding the database's write lock past the app's 5-second busy timeout, as a
 * stuck script would: the sign-in cannot be recorded, an error nobody planned for.
 */
async function whileDatabaseLocked<T>(work: () => Promise<T>): Promise<T> {
	const db = new SQLite(DATABASE_PATH);
	db.exec('begin immediate');
	try {
		return await work();
	} finally {
		db.exec('rollback');
		db.close();
	}
}

for (const javaScriptEnabled of [true, false]) {
	test(`an unexpected error shows "Sorry, there is a problem with the service" with a reference and nothing else (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		// The server waits out its 5-second busy timeout before the error.
		test.setTimeout(60_000);
		const context = await newContext(browser, { javaScriptEnabled });
		const page = await context.newPage();
		if (javaScriptEnabled) await open(page, '/sign-in');
		else await page.goto('/sign-in');
		await page.getByLabel('Email address').fill('senco@mag.example');
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await whileDatabaseLocked(async () => {
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Sorry, there is a problem with the service',
				{ timeout: 15_000 }
			);
		});
		await expect(page).toHaveTitle('Sorry, there is a problem with the service – MAG meetings');
		await expect(page.getByText('Try again later.', { exact: true })).toBeVisible();
		await expect(page.getByTestId('error-reference')).toHaveText(
			/give them the reference [A-Z2-7]{8}\.$/
		);
		const main = (await page.locator('main').textContent()) ?? '';
		expect(main).not.toMatch(/SQLITE|locked|sqlite|kysely|Error:|\bat\s|\.js/);
		if (javaScriptEnabled) await expectNoAxeViolations(page);
		await context.close();
	});
}
