import type { Cookies } from '@sveltejs/kit';

/**
 * Over HTTPS (everywhere but local development) the cookie is Secure and carries the __Host- prefix,
 * which browsers only accept from a secure origin, for the whole site, with no Domain: so no other
 * host and no plain-HTTP page can plant or read it.
 */
export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-mag_session' : 'mag_session';
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(sessionCookieName(secure), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(sessionCookieName(secure), { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
