import { expect, test } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD, SESSION_COOKIE, signIn, open } from './support/pages';

// As a browser sends a plain form: SvelteKit answers a fetch (no text/html) with JSON instead.
const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const credentials = `email=${encodeURIComponent('school.nurse@mag.example')}&password=${DEMO_PASSWORD}`;

test('a form post from another site is refused', async ({ request }) => {
	const response = await request.post('/sign-in?/signIn', {
		headers: { ...form, origin: 'http://evil.example' },
		data: credentials,
		maxRedirects: 0
	});
	expect(response.status()).toBe(403);
	expect(response.headers()['set-cookie']).toBeUndefined();

	const sameSite = await request.post('/sign-in?/signIn', {
		headers: { ...form, origin: BASE_URL },
		data: credentials,
		maxRedirects: 0
	});
	expect(sameSite.status()).toBe(303);
	expect(sameSite.headers()['location']).toBe('/');
	expect(sameSite.headers()['set-cookie']).toContain(`${SESSION_COOKIE}=`);
});

test('a signed-in page is sent with protective headers and a locked-down cookie', async ({
	page,
	context
}) => {
	await signIn(page, 'youth.worker@mag.example');
	const response = await open(page, '/account');
	expect(response?.status()).toBe(200);
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(headers['cache-control']).toBe('no-store');
	expect(headers['referrer-policy']).toBe('same-origin');
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['x-frame-options']).toBe('DENY');
	// Plain http here: no HSTS (it is sent only over https).
	expect(headers['strict-transport-security']).toBeUndefined();

	const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
	expect(cookie).toBeDefined();
	expect(cookie!.httpOnly).toBe(true);
	expect(cookie!.sameSite).toBe('Lax');
	expect(cookie!.path).toBe('/');
	expect(cookie!.value).toMatch(/^[a-z0-9]+\.[a-z0-9]+$/);
	// The cookie expires with the session's 12-hour limit.
	const hoursLeft = (cookie!.expires * 1000 - Date.now()) / 3_600_000;
	expect(hoursLeft).toBeGreaterThan(11.9);
	// The cookie's expiry is whole seconds, rounded: allow a few seconds either way.
	expect(hoursLeft).toBeLessThanOrEqual(12 + 5 / 3600);
	expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
});
