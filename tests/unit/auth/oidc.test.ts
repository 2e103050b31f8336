import fs from 'node:fs';
import { generateHOTP } from '@oslojs/otp';
import { isRedirect, type Cookies } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addUser } from '../helpers';
import {
	signInAtProvider,
	startTestProvider,
	TEST_ACR_VALUES,
	type TestAccount,
	type TestProvider
} from './oidc-provider';

/**
 * Single sign-on against a real identity provider (node-oidc-provider on loopback), over HTTP: the
 * app's own routes start and finish each sign-in, and a user agent without a browser signs in at
 * the provider in between. Nothing of openid-client or the provider is mocked.
 */
const APP = 'http://localhost:5173';
const CALLBACK = `${APP}/sign-in/council/callback`;
const IP = '10.20.0.1';
const databasePath = `test-results/oidc-${process.pid}.sqlite`;

const ACCOUNTS: TestAccount[] = [
	{ id: 'chair-mfa', email: 'chair@council.example', emailVerified: true, amr: ['pwd', 'mfa'] },
	{ id: 'member-pwd', email: 'member@council.example', emailVerified: true, amr: ['pwd'] },
	{ id: 'plain-pwd', email: 'plain@council.example', emailVerified: true, amr: ['pwd'] },
	{
		id: 'acr-mfa',
		email: 'acr@council.example',
		emailVerified: true,
		acr: TEST_ACR_VALUES[1]!
	},
	{
		id: 'acr-weak',
		email: 'acr.weak@council.example',
		emailVerified: true,
		acr: TEST_ACR_VALUES[0]!
	},
	{ id: 'unverified', email: 'unverified@council.example', emailVerified: false, amr: ['mfa'] },
	{ id: 'no-email', amr: ['mfa'] },
	{ id: 'stranger', email: 'stranger@council.example', emailVerified: true, amr: ['mfa'] },
	{ id: 'disabled', email: 'disabled@council.example', emailVerified: true, amr: ['mfa'] },
	{ id: 'outsider', email: 'outsider@elsewhere.example', emailVerified: true, amr: ['mfa'] },
	{ id: 'invited', email: 'invited@council.example', emailVerified: true, amr: ['pwd'] },
	{ id: 'mixed-case', email: 'Mixed.Case@Council.Example', emailVerified: true }
];

const provider: TestProvider = await startTestProvider({
	redirectUris: [CALLBACK],
	accounts: ACCOUNTS
});
vi.stubEnv('DATABASE_PATH', databasePath);
vi.stubEnv('OIDC_ISSUER', provider.issuer);
vi.stubEnv('OIDC_CLIENT_ID', provider.clientId);
vi.stubEnv('OIDC_CLIENT_SECRET', provider.clientSecret);
vi.stubEnv('OIDC_EMAIL_DOMAINS', 'council.example, @other-council.example');
vi.stubEnv('OIDC_MFA_ACR', TEST_ACR_VALUES[1]!);

// Read at import, as the server reads them at start-up: so imported once the settings are in place.
const { GET: startRoute } = await import('../../../src/routes/sign-in/council/+server');
const { GET: callbackRoute } = await import('../../../src/routes/sign-in/council/callback/+server');
const signInPage = await import('../../../src/routes/sign-in/+page.server');
const twoFactorPage = await import('../../../src/routes/sign-in/two-factor/+page.server');
const { appDatabase, closeAppDatabase } = await import('$lib/server/platform/app-database');
const { migrate } = await import('$lib/server/platform/migrator');
const { validateSession, invalidateSession } = await import('$lib/server/auth/session');
const { sessionPolicy } = await import('$lib/server/auth/new-session');
const { beginSingleSignOn, finishSingleSignOn, REQUEST_MINUTES } =
	await import('$lib/server/auth/oidc');
const { singleSignOn, passwordSignIn } = await import('$lib/server/auth/oidc-config');
const { setUserDisabled } = await import('$lib/server/people/users');
const { inviteUser } = await import('$lib/server/people/invitations');
const { newTotpKey, timeStep } = await import('$lib/server/auth/totp');
const { sha256Hex } = await import('$lib/server/auth/tokens');

/** The browser's cookies for the app, with the options each was set with. */
class CookieJar {
	values = new Map<string, { value: string; options: Record<string, unknown> }>();
	get = (name: string) => this.values.get(name)?.value;
	getAll = () => [...this.values].map(([name, { value }]) => ({ name, value }));
	set = (name: string, value: string, options: Record<string, unknown>) => {
		this.values.set(name, { value, options });
	};
	delete = (name: string) => {
		this.values.delete(name);
	};
	serialize = () => '';
	get cookies(): Cookies {
		return this as unknown as Cookies;
	}
}

/** What the app's routes read of a request (the rest of SvelteKit's RequestEvent they never touch). */
function event(
	path: string,
	jar: CookieJar,
	init?: RequestInit,
	locals: App.Locals = { user: null, session: null }
): never {
	const url = new URL(path, APP);
	return {
		url,
		cookies: jar.cookies,
		locals,
		request: new Request(url, init),
		getClientAddress: () => IP
	} as never;
}

async function redirectOf(answer: unknown): Promise<string> {
	try {
		await answer;
	} catch (thrown) {
		if (isRedirect(thrown)) {
			expect(thrown.status).toBe(303);
			return thrown.location;
		}
		throw thrown;
	}
	throw new Error('expected a redirect');
}

/** Starts at the app, signs in at the provider, comes back to the app: where the app sends you. */
async function signIn(login: string | { cancel: true }, next?: string) {
	const jar = new CookieJar();
	const query = next ? `?next=${encodeURIComponent(next)}` : '';
	const authorization = await redirectOf(startRoute(event(`/sign-in/council${query}`, jar)));
	const requestKey = jar.get('mag_sign_in');
	const back = await signInAtProvider(authorization, APP, login);
	const location = await redirectOf(callbackRoute(event(back.pathname + back.search, jar)));
	return { jar, authorization: new URL(authorization), requestKey, back, location };
}

async function sessionOf(jar: CookieJar) {
	const token = jar.get('mag_session');
	if (!token) return null;
	const check = await validateSession(appDatabase().db, token, sessionPolicy);
	return check.ok ? check : null;
}

interface AuditRow {
	action: string;
	actor_id: number | null;
	record_id: string | null;
	ip: string | null;
	detail: Record<string, unknown>;
}

async function lastAudit(action?: string): Promise<AuditRow> {
	let query = appDatabase()
		.db.selectFrom('audit_log')
		.select(['action', 'actor_id', 'record_id', 'ip', 'detail'])
		.orderBy('id', 'desc')
		.limit(1);
	if (action) query = query.where('action', '=', action);
	const row = await query.executeTakeFirstOrThrow();
	return { ...row, detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {} };
}

const users: Record<string, { id: number; email: string; totpKey?: Uint8Array }> = {};

async function person(email: string, options: { totp?: boolean; roles?: ('chair' | 'member')[] }) {
	const user = await addUser(appDatabase(), { email, roles: options.roles ?? ['member'] });
	let totpKey: Uint8Array | undefined;
	if (options.totp) {
		totpKey = newTotpKey();
		await appDatabase()
			.db.updateTable('user')
			.set({ totp_key: totpKey })
			.where('id', '=', user.id)
			.execute();
	}
	return { ...user, totpKey };
}

beforeAll(async () => {
	fs.mkdirSync('test-results', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
	await migrate(appDatabase().db);
	users.chair = await person('chair@council.example', { totp: true, roles: ['chair'] });
	users.member = await person('member@council.example', { totp: true });
	users.plain = await person('plain@council.example', {});
	users.acr = await person('acr@council.example', { totp: true });
	users.acrWeak = await person('acr.weak@council.example', { totp: true });
	users.unverified = await person('unverified@council.example', {});
	users.disabled = await person('disabled@council.example', {});
	users.outsider = await person('outsider@elsewhere.example', {});
	users.mixed = await person('mixed.case@council.example', {});
	users.admin = await person('admin@council.example', {});
	await setUserDisabled(appDatabase().db, users.disabled.id, true, {
		id: users.admin.id,
		ip: null
	});
});

afterAll(async () => {
	await closeAppDatabase();
	await provider.close();
	vi.unstubAllEnvs();
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
});

describe('the settings', () => {
	it('are read from the environment: the provider, the client, the domains, passwords still on', () => {
		expect(singleSignOn).toMatchObject({
			issuer: new URL(provider.issuer),
			clientId: provider.clientId,
			emailDomains: ['council.example', 'other-council.example'],
			multiFactorAcr: [TEST_ACR_VALUES[1]]
		});
		expect(passwordSignIn).toBe(true);
	});
});

describe('the sign-in page', () => {
	it('offers the council account beside the password, and says why one did not sign someone in', async () => {
		const plain = (await signInPage.load(event('/sign-in', new CookieJar()))) as Record<
			string,
			unknown
		>;
		expect(plain).toMatchObject({
			councilSignIn: true,
			passwordSignIn: true,
			councilProblem: null
		});
		const refused = (await signInPage.load(
			event('/sign-in?council-sign-in=not-set-up', new CookieJar())
		)) as Record<string, unknown>;
		expect(refused.councilProblem).toBe(
			'Your council account is not set up in this service: ask your administrator to invite you'
		);
		const made_up = (await signInPage.load(
			event('/sign-in?council-sign-in=%3Cscript%3E', new CookieJar())
		)) as Record<string, unknown>;
		expect(made_up.councilProblem).toBeNull();
	});
});

describe('starting a sign-in', () => {
	it('sends the person to the provider with PKCE, state and nonce, and keeps only a hash of its key', async () => {
		const jar = new CookieJar();
		const location = new URL(
			await redirectOf(startRoute(event('/sign-in/council?next=%2Fmeetings%2F3', jar)))
		);
		expect(location.origin).toBe(provider.issuer);
		const params = location.searchParams;
		expect(params.get('response_type')).toBe('code');
		expect(params.get('client_id')).toBe(provider.clientId);
		expect(params.get('redirect_uri')).toBe(CALLBACK);
		expect(params.get('scope')).toBe('openid email profile');
		expect(params.get('code_challenge_method')).toBe('S256');
		expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
		expect(params.get('state')!.length).toBeGreaterThanOrEqual(22);
		expect(params.get('nonce')!.length).toBeGreaterThanOrEqual(22);
		expect(params.get('state')).not.toBe(params.get('nonce'));

		const cookie = jar.values.get('mag_sign_in')!;
		expect(cookie.options).toEqual({
			path: '/sign-in/council',
			httpOnly: true,
			sameSite: 'lax',
			secure: false,
			maxAge: REQUEST_MINUTES * 60
		});
		const rows = await appDatabase()
			.db.selectFrom('single_sign_on_request')
			.selectAll()
			.where('state', '=', params.get('state')!)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.key_hash).toBe(sha256Hex(cookie.value));
		expect(rows[0]!.next_path).toBe('/meetings/3');
		expect(JSON.stringify(rows[0])).not.toContain(cookie.value);
	});

	it('keeps `next` only if it is a path on this site', async () => {
		const jar = new CookieJar();
		const location = new URL(
			await redirectOf(startRoute(event('/sign-in/council?next=%2F%5Cevil.example', jar)))
		);
		const row = await appDatabase()
			.db.selectFrom('single_sign_on_request')
			.select('next_path')
			.where('state', '=', location.searchParams.get('state')!)
			.executeTakeFirstOrThrow();
		expect(row.next_path).toBe('/');
	});

	it('says so when the provider cannot be reached', async () => {
		const settings = { ...singleSignOn!, issuer: new URL('http://127.0.0.1:9/') };
		await expect(
			beginSingleSignOn(appDatabase().db, settings, { redirectUri: CALLBACK, next: '/' })
		).rejects.toThrow();
	});
});

describe('signing in with a council account', () => {
	it('lets in someone the provider says used more than one factor, without the app’s second factor', async () => {
		const { location, jar } = await signIn('chair-mfa', '/meetings/3');
		expect(location).toBe('/meetings/3');
		expect(jar.get('mag_sign_in')).toBeUndefined();
		const check = await sessionOf(jar);
		expect(check?.user.id).toBe(users.chair!.id);
		expect(check?.session.twoFactorVerified).toBe(true);
		expect(check?.session.secondFactorAtProvider).toBe(true);
		expect(jar.values.get('mag_session')!.options).toMatchObject({
			path: '/',
			httpOnly: true,
			sameSite: 'lax'
		});
		const audit = await lastAudit();
		expect(audit).toMatchObject({
			action: 'sign-in.succeeded',
			actor_id: users.chair!.id,
			record_id: String(users.chair!.id),
			ip: IP,
			detail: { method: 'oidc', multiFactor: true, subject: 'chair-mfa', amr: ['pwd', 'mfa'] }
		});
		const identity = await appDatabase()
			.db.selectFrom('single_sign_on_identity')
			.selectAll()
			.where('user_id', '=', users.chair!.id)
			.executeTakeFirstOrThrow();
		expect(identity).toMatchObject({ issuer: provider.issuer, subject: 'chair-mfa' });
	});

	it('asks for the app’s own second factor when the provider says only a password was used', async () => {
		const { location, jar } = await signIn('member-pwd', '/actions');
		expect(location).toBe('/sign-in/two-factor?next=%2Factions');
		const check = await sessionOf(jar);
		expect(check?.user.id).toBe(users.member!.id);
		expect(check?.session.twoFactorVerified).toBe(false);
		expect(check?.session.secondFactorAtProvider).toBe(false);
		expect(await lastAudit()).toMatchObject({
			action: 'sign-in.council-account-accepted',
			actor_id: users.member!.id,
			detail: { method: 'oidc', multiFactor: false, amr: ['pwd'] }
		});

		// The existing two-factor step finishes it, with a fresh session token.
		const code = generateHOTP(users.member!.totpKey!, BigInt(timeStep(new Date())), 6);
		const verify = twoFactorPage.actions.verify!;
		const twoFactorEvent = event(
			'/sign-in/two-factor?next=%2Factions',
			jar,
			{ method: 'POST', body: new URLSearchParams({ code }) },
			{ user: check!.user, session: check!.session }
		);
		expect(await redirectOf(verify(twoFactorEvent))).toBe('/actions');
		const after = await sessionOf(jar);
		expect(after?.session.twoFactorVerified).toBe(true);
		expect(after?.session.id).not.toBe(check!.session.id);
		expect(after?.session.secondFactorAtProvider).toBe(false);
		expect(await lastAudit()).toMatchObject({
			action: 'sign-in.succeeded',
			actor_id: users.member!.id,
			detail: { method: 'oidc' }
		});
		const council = await appDatabase()
			.db.selectFrom('single_sign_on_session')
			.select('session_id')
			.where('session_id', '=', after!.session.id)
			.execute();
		expect(council).toHaveLength(1);
	});

	it('lets someone without two-factor straight in after their council account, as a password would', async () => {
		const { location, jar } = await signIn('plain-pwd');
		expect(location).toBe('/');
		const check = await sessionOf(jar);
		expect(check?.user.id).toBe(users.plain!.id);
		expect(check?.session).toMatchObject({
			twoFactorVerified: true,
			secondFactorAtProvider: false
		});
	});

	it('counts an acr the council configured as more than one factor, and no other', async () => {
		const strong = await signIn('acr-mfa');
		expect(strong.location).toBe('/');
		expect((await sessionOf(strong.jar))?.session.secondFactorAtProvider).toBe(true);
		expect((await lastAudit()).detail).toMatchObject({ acr: TEST_ACR_VALUES[1] });
		const weak = await signIn('acr-weak');
		expect(weak.location).toBe('/sign-in/two-factor');
	});

	it('matches the verified email whatever its case', async () => {
		const { jar } = await signIn('mixed-case');
		expect((await sessionOf(jar))?.user.id).toBe(users.mixed!.id);
	});

	it('makes an invited person active as accepting the invitation would, once', async () => {
		const invited = await inviteUser(
			appDatabase().db,
			{
				name: 'Ivy Invited',
				email: 'invited@council.example',
				jobTitle: null,
				agencyId: null,
				isAdministrator: false
			},
			{ id: users.admin!.id, ip: null },
			72
		);
		if (!invited.ok) throw new Error('invitation failed');
		const { location, jar } = await signIn('invited');
		expect(location).toBe('/');
		expect((await sessionOf(jar))?.user.id).toBe(invited.userId);
		const accepted = await lastAudit('user.invitation-accepted');
		expect(accepted).toMatchObject({
			actor_id: invited.userId,
			record_id: String(invited.userId),
			detail: { method: 'oidc' }
		});
		const open = await appDatabase()
			.db.selectFrom('invitation')
			.select('id')
			.where('user_id', '=', invited.userId)
			.where('used_at', 'is', null)
			.execute();
		expect(open).toEqual([]);

		await signIn('invited');
		const acceptances = await appDatabase()
			.db.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'user.invitation-accepted')
			.where('record_id', '=', String(invited.userId))
			.execute();
		expect(acceptances).toHaveLength(1);
	});

	it('ends the single sign-on record with the session when the person signs out', async () => {
		const { jar } = await signIn('plain-pwd');
		const check = await sessionOf(jar);
		await invalidateSession(appDatabase().db, check!.session.id);
		const left = await appDatabase()
			.db.selectFrom('single_sign_on_session')
			.select('session_id')
			.where('session_id', '=', check!.session.id)
			.execute();
		expect(left).toEqual([]);
	});
});

describe('refusing a council account', () => {
	async function expectRefused(
		login: string,
		problem: string,
		audit: Record<string, unknown>,
		recordId?: number
	) {
		const before = await appDatabase()
			.db.selectFrom('session')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const { location, jar } = await signIn(login, '/meetings');
		expect(location).toBe(`/sign-in?council-sign-in=${problem}&next=%2Fmeetings`);
		expect(jar.get('mag_session')).toBeUndefined();
		const after = await appDatabase()
			.db.selectFrom('session')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(after.n).toBe(before.n);
		const entry = await lastAudit();
		expect(entry).toMatchObject({ action: 'sign-in.failed', actor_id: null, ip: IP });
		expect(entry.detail).toMatchObject({ method: 'oidc', ...audit });
		expect(entry.record_id).toBe(recordId === undefined ? null : String(recordId));
	}

	it('an email the provider has not verified', async () => {
		await expectRefused('unverified', 'email-unverified', {
			reason: 'email-not-verified',
			email: 'unverified@council.example'
		});
	});

	it('no email at all', async () => {
		await expectRefused('no-email', 'email-unverified', {
			reason: 'no-email',
			subject: 'no-email'
		});
	});

	it('someone no administrator has invited: no account is made', async () => {
		await expectRefused('stranger', 'not-set-up', {
			reason: 'not-invited',
			email: 'stranger@council.example'
		});
		const made = await appDatabase()
			.db.selectFrom('user')
			.select('id')
			.where('email', '=', 'stranger@council.example')
			.execute();
		expect(made).toEqual([]);
	});

	it('a disabled account, whatever the provider says (more than one factor here)', async () => {
		await expectRefused(
			'disabled',
			'not-set-up',
			{ reason: 'disabled', email: 'disabled@council.example' },
			users.disabled!.id
		);
	});

	it('an email outside OIDC_EMAIL_DOMAINS, even one with an account', async () => {
		await expectRefused('outsider', 'outside-domains', {
			reason: 'outside-email-domains',
			email: 'outsider@elsewhere.example'
		});
	});

	it('someone who cancels at the provider', async () => {
		const { location } = await signIn({ cancel: true });
		expect(location).toBe('/sign-in?council-sign-in=cancelled');
		expect((await lastAudit()).detail).toMatchObject({
			method: 'oidc',
			reason: 'provider-refused',
			error: 'access_denied'
		});
	});

	it('an answer whose state is not the one sent, and the sign-in is used up by it', async () => {
		const jar = new CookieJar();
		const authorization = await redirectOf(startRoute(event('/sign-in/council', jar)));
		const back = await signInAtProvider(authorization, APP, 'plain-pwd');
		const requestKey = jar.get('mag_sign_in')!;
		const forged = new URL(back);
		forged.searchParams.set('state', 'a-state-from-someone-else');
		expect(await redirectOf(callbackRoute(event(forged.pathname + forged.search, jar)))).toBe(
			'/sign-in?council-sign-in=failed'
		);
		expect(jar.get('mag_session')).toBeUndefined();
		expect(await lastAudit()).toMatchObject({
			action: 'sign-in.failed',
			detail: { method: 'oidc', reason: 'state-mismatch' }
		});
		// The genuine answer afterwards finds nothing to finish.
		jar.set('mag_sign_in', requestKey, {});
		expect(await redirectOf(callbackRoute(event(back.pathname + back.search, jar)))).toBe(
			'/sign-in?council-sign-in=expired'
		);
		expect(jar.get('mag_session')).toBeUndefined();
	});

	it('a code used twice: once replayed to the app, once to the provider under a new sign-in', async () => {
		const first = await signIn('plain-pwd');
		expect(first.location).toBe('/');
		const code = first.back.searchParams.get('code')!;

		// The same answer again, even with the cookie it came with: the sign-in is used up.
		const replay = new CookieJar();
		replay.set('mag_sign_in', first.requestKey!, {});
		expect(
			await redirectOf(callbackRoute(event(first.back.pathname + first.back.search, replay)))
		).toBe('/sign-in?council-sign-in=expired');
		expect((await lastAudit()).detail).toMatchObject({ reason: 'no-sign-in-started' });

		// A fresh sign-in answered with the old code: the provider refuses the code (and its PKCE).
		const jar = new CookieJar();
		const authorization = new URL(await redirectOf(startRoute(event('/sign-in/council', jar))));
		const forged = new URL(first.back);
		forged.searchParams.set('code', code);
		forged.searchParams.set('state', authorization.searchParams.get('state')!);
		expect(await redirectOf(callbackRoute(event(forged.pathname + forged.search, jar)))).toBe(
			'/sign-in?council-sign-in=failed'
		);
		expect(jar.get('mag_session')).toBeUndefined();
		expect((await lastAudit()).detail).toMatchObject({
			method: 'oidc',
			reason: 'code-refused',
			error: 'invalid_grant'
		});
	});

	it('an answer with no sign-in started in this browser', async () => {
		const { back } = await signIn('plain-pwd');
		const stranger = new CookieJar();
		expect(await redirectOf(callbackRoute(event(back.pathname + back.search, stranger)))).toBe(
			'/sign-in?council-sign-in=expired'
		);
		expect(stranger.get('mag_session')).toBeUndefined();
	});

	it('an answer after the sign-in’s 10 minutes are up', async () => {
		const { db } = appDatabase();
		const started = await beginSingleSignOn(db, singleSignOn!, {
			redirectUri: CALLBACK,
			next: '/'
		});
		const back = await signInAtProvider(started.authorizationUrl, APP, 'plain-pwd');
		const later = new Date(Date.now() + (REQUEST_MINUTES * 60 + 1) * 1000);
		const result = await finishSingleSignOn(
			db,
			singleSignOn!,
			{ callbackUrl: back, requestKey: started.requestKey, ip: IP },
			later
		);
		expect(result).toEqual({ ok: false, problem: 'expired', next: '/' });
		expect((await lastAudit()).detail).toMatchObject({ reason: 'timed-out' });
	});
});

describe('a provider that puts the email in the ID token, as Entra ID does', () => {
	let entra: TestProvider;
	beforeAll(async () => {
		entra = await startTestProvider({
			redirectUris: [CALLBACK],
			emailInIdToken: true,
			accounts: [
				{ id: 'entra', email: 'plain@council.example', xmsEdov: true, amr: ['pwd'] },
				{ id: 'entra-unverified', email: 'plain@council.example', xmsEdov: false },
				{ id: 'google', email: 'plain@council.example', emailVerified: true }
			]
		});
	});
	afterAll(() => entra.close());

	async function viaEntra(login: string) {
		const settings = {
			...singleSignOn!,
			issuer: new URL(entra.issuer),
			clientId: entra.clientId,
			clientSecret: entra.clientSecret
		};
		const { db } = appDatabase();
		const started = await beginSingleSignOn(db, settings, { redirectUri: CALLBACK, next: '/' });
		const back = await signInAtProvider(started.authorizationUrl, APP, login);
		return finishSingleSignOn(db, settings, {
			callbackUrl: back,
			requestKey: started.requestKey,
			ip: IP
		});
	}

	it('takes xms_edov (the email’s domain verified as the tenant’s) for a verified email', async () => {
		expect(await viaEntra('entra')).toMatchObject({ ok: true, userId: users.plain!.id });
		expect(await viaEntra('google')).toMatchObject({ ok: true, userId: users.plain!.id });
		expect(await viaEntra('entra-unverified')).toMatchObject({
			ok: false,
			problem: 'email-unverified'
		});
	});
});
