import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, {
	type Adapter,
	type AdapterPayload,
	type Configuration,
	type KoaContextWithOIDC
} from 'oidc-provider';

/**
 * A real OpenID Connect identity provider for the tests (node-oidc-provider, certified by the
 * OpenID Foundation), on loopback, with one client (the app, PKCE required) and accounts whose
 * claims each test decides: verified or not, an email or none, how they signed in (amr, acr).
 * Its login page is a plain form: the account's name, and "Sign in" (or "Cancel").
 */
export interface TestAccount {
	/** The subject, and what is typed on the login page. */
	id: string;
	email?: string;
	emailVerified?: boolean;
	/** Entra ID's optional claim: the email's domain is the tenant's own. */
	xmsEdov?: boolean;
	name?: string;
	/** How the person signed in, as the provider reports it (RFC 8176), e.g. ['pwd', 'mfa']. */
	amr?: string[];
	acr?: string;
}

export interface TestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** Add or change an account while the provider runs. */
	account: (account: TestAccount) => void;
	close: () => Promise<void>;
}

export const TEST_CLIENT_ID = 'mag-meetings';
export const TEST_CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough-0123456789';
export const TEST_ACR_VALUES = ['urn:test:password', 'urn:test:multi-factor'];

/** The provider's state (sessions, codes, tokens) in memory, for one provider's lifetime. */
function memoryAdapter(): (name: string) => Adapter {
	const store = new Map<string, AdapterPayload>();
	const grants = new Map<string, Set<string>>();
	return (name) => {
		const key = (id: string) => `${name}:${id}`;
		return {
			upsert: async (id, payload) => {
				store.set(key(id), payload);
				if (payload.grantId) {
					const keys = grants.get(payload.grantId) ?? new Set<string>();
					keys.add(key(id));
					grants.set(payload.grantId, keys);
				}
			},
			find: async (id) => store.get(key(id)),
			findByUserCode: async (userCode) =>
				[...store.values()].find((payload) => payload.userCode === userCode),
			findByUid: async (uid) => [...store.values()].find((payload) => payload.uid === uid),
			consume: async (id) => {
				const payload = store.get(key(id));
				if (payload) payload.consumed = Math.floor(Date.now() / 1000);
			},
			destroy: async (id) => {
				store.delete(key(id));
			},
			revokeByGrantId: async (grantId) => {
				for (const stored of grants.get(grantId) ?? []) store.delete(stored);
				grants.delete(grantId);
			}
		};
	};
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid: string, problem?: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Test council: sign in</title></head>
<body>
<main>
<h1>Test council: sign in</h1>
${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Username</label>
<input id="login" name="login" autocomplete="username">
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort">
<button type="submit">Cancel</button>
</form>
</main>
</body>
</html>`;
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestProvider(options: {
	/** 0 (the default): any free port. */
	port?: number;
	redirectUris: string[];
	accounts: TestAccount[];
	/**
	 * Put the email in the ID token, as Entra ID and Google do. Otherwise only the UserInfo
	 * endpoint has it (node-oidc-provider's default for the code flow).
	 */
	emailInIdToken?: boolean;
}): Promise<TestProvider> {
	const accounts = new Map(options.accounts.map((account) => [account.id, account]));
	const server = http.createServer();
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const issuer = `http://127.0.0.1:${port}`;
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const jwk = {
		...privateKey.export({ format: 'jwk' }),
		kid: 'test-key',
		use: 'sig',
		alg: 'RS256'
	};

	const configuration: Configuration = {
		clients: [
			{
				client_id: TEST_CLIENT_ID,
				client_secret: TEST_CLIENT_SECRET,
				redirect_uris: options.redirectUris,
				grant_types: ['authorization_code'],
				response_types: ['code'],
				token_endpoint_auth_method: 'client_secret_post'
			}
		],
		adapter: memoryAdapter(),
		jwks: { keys: [jwk as never] },
		cookies: { keys: ['test-cookie-key-one', 'test-cookie-key-two'] },
		pkce: { required: () => true, methods: ['S256'] },
		ttl: {
			AuthorizationCode: 60,
			Interaction: 600,
			Session: 3600,
			Grant: 3600,
			AccessToken: 600,
			IdToken: 600
		},
		acrValues: TEST_ACR_VALUES,
		claims: {
			// How the person signed in goes in every ID token.
			openid: ['sub', 'acr', 'amr', 'auth_time', 'sid'],
			email: ['email', 'email_verified', 'xms_edov'],
			profile: ['name']
		},
		conformIdTokenClaims: !options.emailInIdToken,
		features: { devInteractions: { enabled: false } },
		interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
		findAccount: (_ctx, id) => {
			const account = accounts.get(id);
			if (!account) return undefined;
			return {
				accountId: id,
				claims: () => ({
					sub: id,
					...(account.email !== undefined ? { email: account.email } : {}),
					...(account.emailVerified !== undefined ? { email_verified: account.emailVerified } : {}),
					...(account.xmsEdov !== undefined ? { xms_edov: account.xmsEdov } : {}),
					...(account.name !== undefined ? { name: account.name } : {})
				})
			};
		},
		// The app is the council's own: no consent screen (node-oidc-provider's documented recipe).
		loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
			const { oidc } = ctx;
			if (!oidc.client || !oidc.session?.accountId) return undefined;
			const grantId =
				oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
			if (grantId) {
				const known = await oidc.provider.Grant.find(grantId);
				if (known) return known;
			}
			const grant = new oidc.provider.Grant({
				clientId: oidc.client.clientId,
				accountId: oidc.session.accountId
			});
			grant.addOIDCScope('openid email profile');
			await grant.save();
			return grant;
		},
		renderError: (ctx, out) => {
			ctx.type = 'html';
			ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Test council: error</title></head><body><main><h1>Error</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p></main></body></html>`;
		}
	};
	const provider = new Provider(issuer, configuration);
	const handle = provider.callback();

	server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
		const path = new URL(req.url ?? '/', issuer).pathname;
		const match = /^\/interaction\/([^/]+)(\/login|\/abort)?$/.exec(path);
		if (!match) {
			void handle(req, res);
			return;
		}
		void (async () => {
			try {
				const details = await provider.interactionDetails(req, res);
				const uid = match[1]!;
				if (req.method === 'GET' && !match[2]) {
					res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
					res.end(loginPage(uid));
					return;
				}
				if (req.method !== 'POST' || details.uid !== uid) {
					res.writeHead(400).end();
					return;
				}
				const body = await formBody(req);
				if (match[2] === '/abort') {
					await provider.interactionFinished(
						req,
						res,
						{ error: 'access_denied', error_description: 'The person cancelled' },
						{ mergeWithLastSubmission: false }
					);
					return;
				}
				const account = accounts.get(body.get('login') ?? '');
				if (!account) {
					res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
					res.end(loginPage(uid, 'There is no account with that username'));
					return;
				}
				await provider.interactionFinished(
					req,
					res,
					{
						login: {
							accountId: account.id,
							...(account.amr ? { amr: account.amr } : {}),
							...(account.acr ? { acr: account.acr } : {})
						}
					},
					{ mergeWithLastSubmission: false }
				);
			} catch (err) {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(`Test provider: ${err instanceof Error ? err.message : String(err)}`);
			}
		})();
	});

	return {
		issuer,
		clientId: TEST_CLIENT_ID,
		clientSecret: TEST_CLIENT_SECRET,
		account: (account) => accounts.set(account.id, account),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/**
 * A user agent without a browser: follows the provider's redirects with its own cookies, signs in
 * as `login` on the login page (or cancels), and returns the address the provider sent it back to
 * at the app, with the code and state, without calling the app.
 */
export async function signInAtProvider(
	authorizationUrl: URL | string,
	appOrigin: string,
	login: string | { cancel: true }
): Promise<URL> {
	const jar = new Map<string, string>();
	const send = async (url: URL, init: RequestInit = {}): Promise<Response> => {
		const response = await fetch(url, {
			...init,
			redirect: 'manual',
			headers: {
				...(init.headers as Record<string, string> | undefined),
				cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
			}
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair = '', ...attributes] = line.split(';');
			const at = pair.indexOf('=');
			const name = pair.slice(0, at).trim();
			const gone = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
			if (gone) jar.delete(name);
			else jar.set(name, pair.slice(at + 1).trim());
		}
		return response;
	};
	let url = new URL(authorizationUrl);
	let response = await send(url);
	for (let step = 0; step < 20; step++) {
		if (response.status >= 300 && response.status < 400) {
			const next = new URL(response.headers.get('location') ?? '', url);
			if (next.origin === appOrigin) return next;
			url = next;
			response = await send(url);
			continue;
		}
		if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
			await response.text();
			const cancelled = typeof login !== 'string';
			const target = new URL(`${url.pathname}/${cancelled ? 'abort' : 'login'}`, url);
			url = target;
			response = await send(target, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: cancelled ? '' : new URLSearchParams({ login }).toString()
			});
			continue;
		}
		throw new Error(`The provider answered ${response.status}: ${await response.text()}`);
	}
	throw new Error('The provider never sent the user agent back to the app');
}
