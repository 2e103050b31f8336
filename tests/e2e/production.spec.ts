import { expect, test } from '@playwright/test';
import { startExtraServer, extraPort } from './support/extra-server';
import { readTotpKey, totpCode } from './support/authenticator';
import { DEMO_PASSWORD, expectNoAxeViolations, submitForm } from './support/pages';

// The shared test server runs as the demo does (plain http, two-factor optional). These start the
// app as a council would run it.

test('chairs and administrators must set up two-factor sign-in before anything else', async ({
	page,
	request
}) => {
	test.slow();
	const server = await startExtraServer(request, extraPort(3), {
		REQUIRE_TWO_FACTOR: 'administrator,chair'
	});
	try {
		await page.goto(`${server.url}/sign-in`);
		await page.getByLabel('Email address').fill('chair.north@mag.example');
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await submitForm(page, 'Sign in');
		await expect(page).toHaveURL(`${server.url}/account/two-factor`);
		await expect(page.getByText('Your role needs two-factor sign-in')).toBeVisible();
		await expectNoAxeViolations(page);

		// Nothing else opens until it is set up.
		await page.goto(`${server.url}/communities`);
		await expect(page).toHaveURL(`${server.url}/account/two-factor`);

		await page.getByText('I cannot scan the QR code').click();
		const key = await readTotpKey(page);
		await page.getByLabel('Enter the 6-digit code your app shows').fill(totpCode(key));
		await submitForm(page, 'Turn on two-factor sign-in');
		await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);

		await page.goto(`${server.url}/communities`);
		await expect(page.getByRole('heading', { name: 'My communities' })).toBeVisible();
	} finally {
		server.stop();
	}
});

test('a practitioner is not made to use two-factor where the council requires it only of chairs', async ({
	page,
	request
}) => {
	test.slow();
	const server = await startExtraServer(request, extraPort(4), { REQUIRE_TWO_FACTOR: 'chair' });
	try {
		await page.goto(`${server.url}/sign-in`);
		await page.getByLabel('Email address').fill('health.visitor@mag.example');
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await submitForm(page, 'Sign in');
		await expect(page).toHaveURL(`${server.url}/`);
	} finally {
		server.stop();
	}
});

test('over https the session cookie is Secure with the __Host- prefix, and HSTS is sent', async ({
	request
}) => {
	test.slow();
	const port = extraPort(5);
	const origin = `https://localhost:${port}`;
	const server = await startExtraServer(request, port, { ORIGIN: origin });
	try {
		const page = await request.get(`${server.url}/sign-in`);
		expect(page.headers()['strict-transport-security']).toMatch(/max-age=\d{8}/);

		const response = await request.post(`${server.url}/sign-in?/signIn`, {
			headers: {
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			data: `email=admin%40mag.example&password=${encodeURIComponent(DEMO_PASSWORD)}`,
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		const cookie = response.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie');
		expect(cookie?.value).toMatch(/^__Host-mag_session=[a-z2-7]+\.[a-z2-7]+;/);
		expect(cookie?.value).toMatch(/; Secure/i);
		expect(cookie?.value).toMatch(/; HttpOnly/i);
		expect(cookie?.value).toMatch(/; SameSite=Lax/i);
		expect(cookie?.value).toMatch(/; Path=\//i);
		expect(cookie?.value).not.toMatch(/Domain=/i);
	} finally {
		server.stop();
	}
});
