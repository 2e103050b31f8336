import type { RequestEvent } from '@sveltejs/kit';
import { render } from 'svelte/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ErrorPage from '$lib/components/ErrorPage.svelte';
import { UNEXPECTED_ERROR_MESSAGE, reportUnexpectedError } from '$lib/server/http/unexpected-error';

const event = {
	request: new Request('http://localhost/cases/7', { method: 'GET' }),
	route: { id: '/cases/[id]' },
	url: new URL('http://localhost/cases/7')
} as unknown as RequestEvent;

// What an unexpected error might carry: a family's name and the database's own words.
const failure = new Error('SQLITE_BUSY: database is locked while reading Jordan Smith');

afterEach(() => {
	vi.restoreAllMocks();
});

describe('an unexpected error', () => {
	it('is logged with a short reference, and only the reference reaches the person', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const shown = await reportUnexpectedError({
			error: failure,
			event,
			status: 500,
			message: 'Internal Error'
		});
		expect(shown).toEqual({ message: UNEXPECTED_ERROR_MESSAGE, errorId: expect.any(String) });
		const errorId = shown!.errorId!;
		expect(errorId).toMatch(/^[A-Z2-7]{8}$/);
		expect(JSON.stringify(shown)).not.toMatch(/SQLITE|locked|Jordan|at /);

		expect(log).toHaveBeenCalledTimes(1);
		const [line, logged] = log.mock.calls[0]!;
		expect(line).toContain(errorId);
		expect(line).toContain('GET /cases/[id]');
		expect(logged).toBe(failure);
	});

	it('gets a new reference each time', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const ids = new Set<string | undefined>();
		for (let i = 0; i < 20; i++) {
			const shown = await reportUnexpectedError({
				error: failure,
				event,
				status: 500,
				message: 'Internal Error'
			});
			ids.add(shown?.errorId);
		}
		expect(ids.size).toBe(20);
	});

	it('is not what SvelteKit answers below 500 (an address nobody has): nothing is logged', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const shown = await reportUnexpectedError({
			error: new Error('Not found: /nowhere'),
			event,
			status: 404,
			message: 'Not Found'
		});
		expect(shown).toEqual({ message: 'Not Found' });
		expect(log).not.toHaveBeenCalled();
	});
});

describe('the error page', () => {
	it('says "Sorry, there is a problem with the service" and gives the reference, nothing more', () => {
		const { body, head } = render(ErrorPage, {
			props: { status: 500, error: { message: UNEXPECTED_ERROR_MESSAGE, errorId: 'K7QJ2MXD' } }
		});
		expect(body).toMatch(
			/<h1 class="govuk-heading-l">Sorry, there is a problem with the service<\/h1>/
		);
		expect(body).toContain('<p class="govuk-body">Try again later.</p>');
		expect(body).toMatch(/give them the reference\s*<strong>K7QJ2MXD<\/strong>/);
		expect(head).toContain('<title>Sorry, there is a problem with the service – MAG meetings');
	});

	it('keeps the 403 and 404 pages as they were', () => {
		const refused = render(ErrorPage, {
			props: { status: 403, error: { message: 'Only the chair can publish the agenda' } }
		}).body;
		expect(refused).toContain('You do not have access to this page');
		expect(refused).toContain('Only the chair can publish the agenda');
		expect(refused).toContain('ask your MAG coordinator or administrator');

		const missing = render(ErrorPage, { props: { status: 404, error: { message: 'Not Found' } } });
		expect(missing.body).toContain('Page not found');
		expect(missing.body).toContain('If you typed the web address, check it is correct.');
	});

	it('gives the app’s own reason for a request it refused below 500, such as a form too large', () => {
		const { body } = render(ErrorPage, {
			props: { status: 413, error: { message: 'Sorry, the form is too large to send.' } }
		});
		expect(body).toContain('Sorry, the form is too large to send.');
		expect(body).not.toContain('Try again later.');
	});
});
