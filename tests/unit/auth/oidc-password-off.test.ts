import fs from 'node:fs';
import { isRedirect, type Cookies } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// PASSWORD_SIGN_IN=off, with single sign-on (which it needs). Read at import, so set first.
const databasePath = vi.hoisted(() => {
	const path = `test-results/oidc-password-off-${process.pid}.sqlite`;
	vi.stubEnv('DATABASE_PATH', path);
	vi.stubEnv('PASSWORD_SIGN_IN', 'off');
	vi.stubEnv('OIDC_ISSUER', 'https://login.council.example');
	vi.stubEnv('OIDC_CLIENT_ID', 'mag-meetings');
	vi.stubEnv('OIDC_CLIENT_SECRET', 'a-client-secret');
	vi.stubEnv('OIDC_EMAIL_DOMAINS', 'council.example');
	return path;
});

import { hashPassword } from '$lib/server/auth/password';
import { appDatabase, closeAppDatabase } from '$lib/server/platform/app-database';
import { migrate } from '$lib/server/platform/migrator';
import { inviteUser } from '$lib/server/people/invitations';
import * as signInPage from '../../../src/routes/sign-in/+page.server';
import * as invitationPage from '../../../src/routes/invitation/[token]/+page.server';
import { addUser } from '../helpers';

const PASSWORD = 'river-kettle-lantern';
const IP = '10.30.0.1';

function formEvent(path: string, fields: Record<string, string>, extra: object = {}) {
	const url = new URL(path, 'http://localhost:5173');
	const set: string[] = [];
	return {
		set,
		event: {
			url,
			request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
			cookies: {
				get: () => undefined,
				set: (name: string) => set.push(name),
				delete: () => undefined
			} as unknown as Cookies,
			locals: { user: null, session: null },
			getClientAddress: () => IP,
			...extra
		} as never
	};
}

beforeAll(async () => {
	fs.mkdirSync('test-results', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
	await migrate(appDatabase().db);
});

afterAll(async () => {
	await closeAppDatabase();
	vi.unstubAllEnvs();
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
});

describe('with PASSWORD_SIGN_IN=off', () => {
	it('the sign-in page offers only the council account', async () => {
		const data = (await signInPage.load({
			url: new URL('http://localhost:5173/sign-in'),
			locals: { user: null, session: null }
		} as never)) as Record<string, unknown>;
		expect(data).toMatchObject({ councilSignIn: true, passwordSignIn: false });
	});

	it('a password is refused, even the right one, and the refusal audited', async () => {
		const user = await addUser(appDatabase(), {
			email: 'officer@council.example',
			passwordHash: await hashPassword(PASSWORD)
		});
		const { event, set } = formEvent('/sign-in?/signIn', {
			email: 'Officer@council.example',
			password: PASSWORD
		});
		const answer = await signInPage.actions.signIn!(event);
		expect(answer).toMatchObject({
			status: 403,
			data: {
				errors: {
					'council-sign-in':
						'This service does not take passwords: sign in with your council account'
				}
			}
		});
		expect(set).toEqual([]);
		const sessions = await appDatabase()
			.db.selectFrom('session')
			.select('id')
			.where('user_id', '=', user.id)
			.execute();
		expect(sessions).toEqual([]);
		const audit = await appDatabase()
			.db.selectFrom('audit_log')
			.select(['action', 'actor_id', 'ip', 'detail'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect({ ...audit, detail: JSON.parse(audit.detail!) }).toEqual({
			action: 'sign-in.failed',
			actor_id: null,
			ip: IP,
			detail: {
				method: 'password',
				reason: 'password-sign-in-off',
				email: 'officer@council.example'
			}
		});
	});

	it('an invitation link sends the person to their council account and sets no password', async () => {
		const admin = await addUser(appDatabase(), { administrator: true });
		const invited = await inviteUser(
			appDatabase().db,
			{
				name: 'Ines New',
				email: 'ines@council.example',
				jobTitle: null,
				agencyId: null,
				isAdministrator: false
			},
			{ id: admin.id, ip: null },
			72
		);
		if (!invited.ok) throw new Error('invitation failed');
		const page = (await invitationPage.load({ params: { token: invited.token } } as never)) as {
			passwordSignIn?: boolean;
		};
		expect(page.passwordSignIn).toBe(false);
		const { event, set } = formEvent(
			`/invitation/${invited.token}?/setPassword`,
			{ password: 'a-long-enough-new-password', confirmPassword: 'a-long-enough-new-password' },
			{ params: { token: invited.token } }
		);
		let answer: unknown;
		try {
			answer = await invitationPage.actions.setPassword!(event);
		} catch (thrown) {
			if (isRedirect(thrown)) throw new Error(`signed in: ${thrown.location}`);
			throw thrown;
		}
		expect(answer).toMatchObject({ status: 403 });
		expect(set).toEqual([]);
		const user = await appDatabase()
			.db.selectFrom('user')
			.select('password_hash')
			.where('id', '=', invited.userId)
			.executeTakeFirstOrThrow();
		expect(user.password_hash).toBeNull();
	});
});
