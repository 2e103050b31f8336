import * as client from 'openid-client';
import type { DB } from '../platform/db';
import { recordAudit } from '../audit/log';
import { isLoopbackHttp, type SingleSignOnSettings } from './oidc-config';
import { normaliseEmail } from './throttle';
import { randomToken, sha256Hex } from './tokens';

/**
 * Single sign-on with the council's identity provider (OpenID Connect: Microsoft Entra ID, Google
 * Workspace and the like): the authorization code flow with PKCE, state and nonce, the protocol
 * itself left to openid-client. What the app adds is who may come in: only someone an administrator
 * has invited (an account with their verified email), never a disabled account, and only for the
 * email domains configured. No one is signed up by signing in.
 */

export const SCOPE = 'openid email profile';
/** The path the provider sends people back to: register ORIGIN + this with the provider. */
export const CALLBACK_PATH = '/sign-in/council/callback';
/** A sign-in not back from the provider within this long has to start again. */
export const REQUEST_MINUTES = 10;

/**
 * `amr` values (RFC 8176) that say the person gave more than a password at the provider: several
 * factors (mfa), several channels (mca), a one-time code from an app or device (otp), a hardware
 * or software key (hwk, swk), a smart card (sc), a text message or call to their phone (sms, tel).
 * Any of them and the app does not ask for its own second factor as well.
 */
export const MULTI_FACTOR_AMR: ReadonlySet<string> = new Set([
	'mfa',
	'mca',
	'otp',
	'hwk',
	'swk',
	'sc',
	'sms',
	'tel'
]);

const configurations = new WeakMap<SingleSignOnSettings, Promise<client.Configuration>>();

/**
 * The provider's metadata and keys, discovered once (its /.well-known/openid-configuration) and
 * kept. A failed discovery is forgotten, so the next sign-in tries again.
 */
export function providerConfiguration(
	settings: SingleSignOnSettings
): Promise<client.Configuration> {
	const known = configurations.get(settings);
	if (known) return known;
	const discovered = client.discovery(
		settings.issuer,
		settings.clientId,
		settings.clientSecret,
		undefined,
		{
			execute: isLoopbackHttp(settings.issuer) ? [client.allowInsecureRequests] : [],
			timeout: 10
		}
	);
	configurations.set(settings, discovered);
	discovered.catch(() => {
		if (configurations.get(settings) === discovered) configurations.delete(settings);
	});
	return discovered;
}

/**
 * Starts a sign-in: what the answer must match is kept in the database under the SHA-256 of a
 * random key, and the key goes in the browser's cookie (so an answer only works in the browser
 * that asked for it). Returns the provider's address to send the person to.
 */
export async function beginSingleSignOn(
	db: DB,
	settings: SingleSignOnSettings,
	input: { redirectUri: string; next: string },
	now = new Date()
): Promise<{ authorizationUrl: URL; requestKey: string }> {
	const configuration = await providerConfiguration(settings);
	const state = client.randomState();
	const nonce = client.randomNonce();
	const codeVerifier = client.randomPKCECodeVerifier();
	const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
	const requestKey = randomToken(20);
	await db.transaction().execute(async (trx) => {
		await trx
			.deleteFrom('single_sign_on_request')
			.where('created_at', '<', new Date(now.getTime() - REQUEST_MINUTES * 60_000).toISOString())
			.execute();
		await trx
			.insertInto('single_sign_on_request')
			.values({
				key_hash: sha256Hex(requestKey),
				state,
				nonce,
				code_verifier: codeVerifier,
				next_path: input.next,
				created_at: now.toISOString()
			})
			.execute();
	});
	const authorizationUrl = client.buildAuthorizationUrl(configuration, {
		redirect_uri: input.redirectUri,
		scope: SCOPE,
		state,
		nonce,
		code_challenge: codeChallenge,
		code_challenge_method: 'S256'
	});
	return { authorizationUrl, requestKey };
}

/** What the sign-in page tells someone who was not let in (its words: src/routes/sign-in). */
export type SingleSignOnProblem =
	| 'expired'
	| 'cancelled'
	| 'failed'
	| 'unavailable'
	| 'email-unverified'
	| 'outside-domains'
	| 'not-set-up';

export type SingleSignOnResult =
	| {
			ok: true;
			userId: number;
			identityId: number;
			next: string;
			/** The provider said the person gave more than one factor. */
			multiFactor: boolean;
			/** The app's own second factor is still to come (the person has one, the provider gave none). */
			needsTwoFactor: boolean;
	  }
	| { ok: false; problem: SingleSignOnProblem; next: string };

interface Refusal {
	problem: SingleSignOnProblem;
	/** For the audit log: why, in a word or two. */
	reason: string;
	email?: string;
	subject?: string;
	userId?: number;
	/** The provider's or the library's own word for what went wrong. */
	error?: string;
}

/** Which problem a failed code exchange is, and how the audit log names it. */
function exchangeRefusal(err: unknown): Refusal {
	if (err instanceof client.AuthorizationResponseError) {
		return {
			problem: err.error === 'access_denied' ? 'cancelled' : 'failed',
			reason: 'provider-refused',
			error: err.error
		};
	}
	if (err instanceof client.ResponseBodyError) {
		return { problem: 'failed', reason: 'code-refused', error: err.error };
	}
	if (err instanceof client.ClientError) {
		const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
		return { problem: 'failed', reason: 'response-invalid', error: `${err.code}${cause}` };
	}
	// The provider could not be reached, or answered with something other than OAuth.
	return {
		problem: 'unavailable',
		reason: 'provider-unreachable',
		error: err instanceof Error ? err.message : String(err)
	};
}

/**
 * Finishes a sign-in when the provider sends the person back: the request is used up whatever
 * happens, the code is exchanged (PKCE verifier, state and nonce checked by openid-client, the ID
 * token's signature, issuer, audience and times too), and then the app decides who this is.
 * Every refusal is audited as a failed password sign-in is (`sign-in.failed`, with the email
 * where the provider gave one, never shown to anyone but the person signing in).
 */
export async function finishSingleSignOn(
	db: DB,
	settings: SingleSignOnSettings,
	input: { callbackUrl: URL; requestKey: string | undefined; ip: string },
	now = new Date()
): Promise<SingleSignOnResult> {
	const refuse = async (next: string, refusal: Refusal): Promise<SingleSignOnResult> => {
		await recordAudit(
			db,
			{
				actorId: null,
				action: 'sign-in.failed',
				recordType: refusal.userId ? 'user' : undefined,
				recordId: refusal.userId,
				ip: input.ip,
				detail: {
					method: 'oidc',
					reason: refusal.reason,
					...(refusal.email ? { email: refusal.email } : {}),
					...(refusal.subject ? { subject: refusal.subject } : {}),
					...(refusal.error ? { error: refusal.error.slice(0, 200) } : {})
				}
			},
			now
		);
		return { ok: false, problem: refusal.problem, next };
	};

	// Used once: taken out of the database before anything else, so a second answer finds nothing.
	const request = input.requestKey
		? await db
				.deleteFrom('single_sign_on_request')
				.where('key_hash', '=', sha256Hex(input.requestKey))
				.returningAll()
				.executeTakeFirst()
		: undefined;
	if (!request) return refuse('/', { problem: 'expired', reason: 'no-sign-in-started' });
	const next = request.next_path;
	if (Date.parse(request.created_at) + REQUEST_MINUTES * 60_000 <= now.getTime()) {
		return refuse(next, { problem: 'expired', reason: 'timed-out' });
	}
	const params = input.callbackUrl.searchParams;
	if (params.get('state') !== request.state) {
		return refuse(next, { problem: 'failed', reason: 'state-mismatch' });
	}

	let configuration: client.Configuration;
	let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
	try {
		configuration = await providerConfiguration(settings);
		tokens = await client.authorizationCodeGrant(configuration, input.callbackUrl, {
			pkceCodeVerifier: request.code_verifier,
			expectedState: request.state,
			expectedNonce: request.nonce,
			idTokenExpected: true
		});
	} catch (err) {
		return refuse(next, exchangeRefusal(err));
	}
	const idToken = tokens.claims();
	if (!idToken) return refuse(next, { problem: 'failed', reason: 'no-id-token' });
	const subject = idToken.sub;

	// Entra ID and Google put the email in the ID token; others (oidc-provider among them) keep it
	// for the UserInfo endpoint, whose answer must be about the same subject.
	let profile: Record<string, unknown> = idToken;
	if (typeof idToken.email !== 'string') {
		try {
			const info = await client.fetchUserInfo(configuration, tokens.access_token, subject);
			profile = { email: info.email, email_verified: info.email_verified, xms_edov: info.xms_edov };
		} catch (err) {
			return refuse(next, { ...exchangeRefusal(err), reason: 'userinfo-failed', subject });
		}
	}
	const email = typeof profile.email === 'string' ? normaliseEmail(profile.email) : '';
	if (!email.includes('@')) {
		return refuse(next, { problem: 'email-unverified', reason: 'no-email', subject });
	}
	// OpenID Connect's email_verified; Entra ID sends none, but says the same with xms_edov (an
	// optional claim: the email's domain is verified as the tenant's own).
	if (profile.email_verified !== true && profile.xms_edov !== true) {
		return refuse(next, {
			problem: 'email-unverified',
			reason: 'email-not-verified',
			email,
			subject
		});
	}
	const domain = email.slice(email.lastIndexOf('@') + 1);
	if (!settings.emailDomains.includes(domain)) {
		return refuse(next, {
			problem: 'outside-domains',
			reason: 'outside-email-domains',
			email,
			subject
		});
	}
	const user = await db
		.selectFrom('user')
		.select(['id', 'password_hash', 'totp_key', 'disabled_at'])
		.where('email', '=', email)
		.executeTakeFirst();
	// The same words for both: the person learns nothing about accounts but that theirs will not do.
	if (!user) {
		return refuse(next, { problem: 'not-set-up', reason: 'not-invited', email, subject });
	}
	if (user.disabled_at !== null) {
		return refuse(next, {
			problem: 'not-set-up',
			reason: 'disabled',
			email,
			subject,
			userId: user.id
		});
	}

	const amr = Array.isArray(idToken.amr)
		? idToken.amr.filter((value): value is string => typeof value === 'string')
		: [];
	const acr = typeof idToken.acr === 'string' ? idToken.acr : null;
	const multiFactor =
		amr.some((value) => MULTI_FACTOR_AMR.has(value)) ||
		(acr !== null && settings.multiFactorAcr.includes(acr));
	const needsTwoFactor = !multiFactor && user.totp_key !== null;
	const issuer = idToken.iss;

	const identityId = await db.transaction().execute(async (trx) => {
		const identities = await trx
			.selectFrom('single_sign_on_identity')
			.select(['id', 'issuer', 'subject'])
			.where('user_id', '=', user.id)
			.execute();
		const known = identities.find((row) => row.issuer === issuer && row.subject === subject);
		let id: number;
		if (known) {
			id = known.id;
			await trx
				.updateTable('single_sign_on_identity')
				.set({ last_signed_in_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
		} else {
			const added = await trx
				.insertInto('single_sign_on_identity')
				.values({
					user_id: user.id,
					issuer,
					subject,
					first_signed_in_at: now.toISOString(),
					last_signed_in_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			id = added.id;
		}
		// Someone invited who has never signed in (no password, never here before) accepts the
		// invitation by signing in: the emailed link is spent, as setting a password would spend it.
		if (user.password_hash === null && identities.length === 0) {
			await trx
				.updateTable('invitation')
				.set({ used_at: now.toISOString() })
				.where('user_id', '=', user.id)
				.where('used_at', 'is', null)
				.execute();
			await recordAudit(
				trx,
				{
					actorId: user.id,
					action: 'user.invitation-accepted',
					recordType: 'user',
					recordId: user.id,
					ip: input.ip,
					detail: { method: 'oidc' }
				},
				now
			);
		}
		await recordAudit(
			trx,
			{
				actorId: user.id,
				// As a password accepted with a second factor to follow: not a completed sign-in yet.
				action: needsTwoFactor ? 'sign-in.council-account-accepted' : 'sign-in.succeeded',
				recordType: 'user',
				recordId: user.id,
				ip: input.ip,
				detail: {
					method: 'oidc',
					multiFactor,
					subject,
					...(amr.length > 0 ? { amr } : {}),
					...(acr !== null ? { acr } : {})
				}
			},
			now
		);
		return id;
	});
	return { ok: true, userId: user.id, identityId, next, multiFactor, needsTwoFactor };
}
