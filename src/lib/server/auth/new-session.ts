import type { Cookies } from '@sveltejs/kit';
import { appDatabase } from '../platform/app-database';
import { config } from '../platform/config';
import { setSessionCookie } from './cookie';
import { createSession, sessionExpiresAt, type SessionPolicy } from './session';

/** The session lifetimes this installation is configured with. */
export const sessionPolicy: SessionPolicy = {
	idleMinutes: config.sessionIdleMinutes,
	absoluteHours: config.sessionAbsoluteHours
};

/**
 * Starts a new session and sets its cookie. Every sign-in step (password, second factor, a new
 * password from an invitation) gets a fresh token, so a token planted or seen before is worthless.
 */
export async function startNewSession(
	event: { cookies: Cookies; url: URL },
	userId: number,
	options: { twoFactorVerified: boolean; ip: string | null }
): Promise<void> {
	const session = await createSession(appDatabase().db, userId, options);
	const expiresAt = sessionExpiresAt(new Date().toISOString(), sessionPolicy);
	setSessionCookie(event.cookies, session.token, expiresAt, event.url.protocol === 'https:');
}
