import type { Cookies } from '@sveltejs/kit';
import { appDatabase } from '../platform/app-database';
import { setSessionCookie } from './cookie';
import { sessionPolicy } from './new-session';
import { REQUEST_MINUTES, type SingleSignOnProblem } from './oidc';
import { createSession, sessionExpiresAt } from './session';

/**
 * The cookie holding a sign-in's random key while the person is at the identity provider: sent only
 * back to /sign-in/council and its callback, HttpOnly, SameSite=Lax (the provider's redirect back is
 * a top-level navigation, which Lax lets through), Secure over https, gone after 10 minutes.
 */
const REQUEST_COOKIE_PATH = '/sign-in/council';

export function requestCookieName(secure: boolean): string {
	return secure ? '__Secure-mag_sign_in' : 'mag_sign_in';
}

export function setRequestCookie(cookies: Cookies, key: string, secure: boolean) {
	cookies.set(requestCookieName(secure), key, {
		path: REQUEST_COOKIE_PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: REQUEST_MINUTES * 60
	});
}

/** Reads the key and clears the cookie at once: it is good for one answer from the provider. */
export function takeRequestCookie(cookies: Cookies, secure: boolean): string | undefined {
	const key = cookies.get(requestCookieName(secure));
	cookies.delete(requestCookieName(secure), {
		path: REQUEST_COOKIE_PATH,
		httpOnly: true,
		sameSite: 'lax',
		secure
	});
	return key;
}

/**
 * Starts the session of someone the identity provider signed in, as startNewSession does for a
 * password (a fresh token, its cookie), remembering that it began at the provider and whether the
 * provider said the person gave a second factor there.
 */
export async function startSingleSignOnSession(
	event: { cookies: Cookies; url: URL },
	signIn: {
		userId: number;
		identityId: number;
		multiFactor: boolean;
		twoFactorVerified: boolean;
		ip: string | null;
	}
): Promise<void> {
	const session = await appDatabase()
		.db.transaction()
		.execute(async (trx) => {
			const created = await createSession(trx, signIn.userId, {
				twoFactorVerified: signIn.twoFactorVerified,
				ip: signIn.ip
			});
			await trx
				.insertInto('single_sign_on_session')
				.values({
					session_id: created.id,
					identity_id: signIn.identityId,
					multi_factor: signIn.multiFactor ? 1 : 0
				})
				.execute();
			return created;
		});
	const expiresAt = sessionExpiresAt(new Date().toISOString(), sessionPolicy);
	setSessionCookie(event.cookies, session.token, expiresAt, event.url.protocol === 'https:');
}

/** The single sign-on behind a session, or undefined for a session begun with a password. */
export async function singleSignOnOfSession(
	sessionId: string
): Promise<{ identityId: number; multiFactor: boolean } | undefined> {
	const row = await appDatabase()
		.db.selectFrom('single_sign_on_session')
		.select(['identity_id', 'multi_factor'])
		.where('session_id', '=', sessionId)
		.executeTakeFirst();
	return row ? { identityId: row.identity_id, multiFactor: row.multi_factor === 1 } : undefined;
}

/** The sign-in page saying why the council account did not sign the person in, keeping `next`. */
export function signInPageSaying(problem: SingleSignOnProblem, next: string): string {
	const params = new URLSearchParams({ 'council-sign-in': problem });
	if (next !== '/') params.set('next', next);
	return `/sign-in?${params}`;
}
