import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '$lib/server/audit/log';
import type { OpenDatabase } from '$lib/server/platform/db';
import { auditRefusal } from '$lib/server/audit/refusals';
import { addUser, freshDatabase } from '../helpers';

let database: OpenDatabase;
let member: number;

beforeAll(async () => {
	database = await freshDatabase();
	member = (await addUser(database, { roles: ['member'] })).id;
});
afterAll(async () => {
	await database.close();
});

function request(
	address: string,
	options: {
		method?: string;
		dataRequest?: boolean;
		signedIn?: boolean;
		route?: string | null;
	} = {}
): RequestEvent {
	const url = new URL(address, 'http://localhost');
	return {
		url,
		// The app's own page or endpoint that answered; null for an address it has none for.
		route: { id: options.route === undefined ? url.pathname : options.route },
		request: new Request(url, { method: options.method ?? 'GET' }),
		isDataRequest: options.dataRequest ?? false,
		locals: {
			user: options.signedIn === false ? null : { id: member },
			session: null
		},
		getClientAddress: () => '192.0.2.9'
	} as unknown as RequestEvent;
}

/** What SvelteKit sends a client-side navigation: 200, whatever the loads did. */
function pageData(status: number | null) {
	const nodes = [
		{ type: 'data', data: {}, uses: {} },
		status === null ? { type: 'data', data: {}, uses: {} } : { type: 'error', error: {}, status }
	];
	return new Response(JSON.stringify({ type: 'data', nodes }), {
		headers: { 'content-type': 'application/json' }
	});
}

async function refusals() {
	return database.db
		.selectFrom('audit_log')
		.select(['actor_id', 'record_type', 'record_id', 'ip', 'detail'])
		.where('action', '=', 'access.refused')
		.orderBy('id')
		.execute();
}

describe('every refused request is audited', () => {
	it.each([
		['a page answered 403', request('/admin/audit'), new Response('', { status: 403 }), true],
		[
			'a form action answered 403',
			request('/admin/users/3?/save', { method: 'POST' }),
			new Response('{}', { status: 403 }),
			true
		],
		[
			'a navigation whose page data holds a 403',
			request('/admin/audit', { dataRequest: true }),
			pageData(403),
			true
		],
		['a page answered 200', request('/'), new Response('', { status: 200 }), false],
		// A guessed id: refused as not found, and recorded so that enumeration shows.
		[
			'a record asked for by a guessed id, answered 404',
			request('/cases/999', { route: '/cases/[id]' }),
			new Response('', { status: 404 }),
			true
		],
		[
			'a form action on a record not found',
			request('/items/999?/save', { method: 'POST', route: '/items/[id]' }),
			new Response('{}', { status: 404 }),
			true
		],
		[
			'a navigation whose page data holds a 404',
			request('/items/999', { dataRequest: true, route: '/items/[id]' }),
			pageData(404),
			true
		],
		[
			'an address the app has no page for',
			request('/apple-touch-icon.png', { route: null }),
			new Response('', { status: 404 }),
			false
		],
		['a navigation that loaded', request('/', { dataRequest: true }), pageData(null), false]
	])('%s: recorded %s', async (_, event, response, recorded) => {
		const before = (await refusals()).length;
		await auditRefusal(database.db, event, response);
		expect((await refusals()).length - before).toBe(recorded ? 1 : 0);
	});

	it('records who, which page, how and from where', async () => {
		await auditRefusal(
			database.db,
			request('/admin/users/3?/save&x=1', { method: 'POST' }),
			new Response('', { status: 403 })
		);
		expect((await refusals()).at(-1)).toEqual({
			actor_id: member,
			record_type: 'path',
			record_id: '/admin/users/3',
			ip: '192.0.2.9',
			detail: JSON.stringify({ method: 'POST', status: 403, formAction: 'save' })
		});
	});

	it('records a refusal to someone not signed in, and leaves the answer readable', async () => {
		const response = pageData(403);
		await auditRefusal(
			database.db,
			request('/admin/audit', { dataRequest: true, signedIn: false }),
			response
		);
		expect((await refusals()).at(-1)).toMatchObject({
			actor_id: null,
			detail: JSON.stringify({ method: 'GET', status: 403, navigation: true })
		});
		expect(((await response.json()) as { nodes: unknown[] }).nodes).toHaveLength(2);
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
	});
});
