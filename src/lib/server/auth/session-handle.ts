import { redirect, type Handle } from '@sveltejs/kit';
import { appDatabase } from '../platform/app-database';
import { clearSessionCookie, sessionCookieName } from './cookie';
import { sessionPolicy } from './new-session';
import { isPublic } from './public-pages';
import { validateSession } from './session';

/**
 * Who is signed in: the session cookie is validated and `locals.user` and `locals.session` set
 * (both null for no one). A cookie that no longer works is cleared, and someone not signed in is
 * sent to sign in from any page that is not public, told why if their session ran out and brought
 * back afterwards to the page they asked for.
 */
export const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const secure = event.url.protocol === 'https:';
	const token = event.cookies.get(sessionCookieName(secure));
	const path = event.url.pathname;
	let signedOutBecause: 'idle' | 'expired' | null = null;

	if (token) {
		const check = await validateSession(appDatabase().db, token, sessionPolicy);
		if (check.ok) {
			event.locals.user = check.user;
			event.locals.session = check.session;
		} else {
			clearSessionCookie(event.cookies, secure);
			if (check.reason !== 'missing') signedOutBecause = check.reason;
		}
	}

	if (!isPublic(path) && (!event.locals.user || !event.locals.session)) {
		const params = new URLSearchParams();
		if (signedOutBecause) params.set('signed-out', signedOutBecause);
		if (event.request.method === 'GET' && path !== '/') params.set('next', path + event.url.search);
		const query = params.toString();
		redirect(303, `/sign-in${query ? `?${query}` : ''}`);
	}
	return resolve(event);
};
