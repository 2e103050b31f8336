import { error, redirect } from '@sveltejs/kit';
import { beginSingleSignOn, CALLBACK_PATH } from '$lib/server/auth/oidc';
import { singleSignOn } from '$lib/server/auth/oidc-config';
import { setRequestCookie, signInPageSaying } from '$lib/server/auth/oidc-session';
import { safeNextPath } from '$lib/server/http/forms';
import { appDatabase } from '$lib/server/platform/app-database';
import type { RequestHandler } from './$types';

/**
 * "Sign in with your council account": off to the council's identity provider. A link, not a form:
 * the page's form-action CSP would stop a form being sent on to another site.
 */
export const GET: RequestHandler = async ({ url, cookies, locals }) => {
	if (!singleSignOn) error(404, 'Not found');
	if (locals.user && locals.session?.twoFactorVerified) redirect(303, '/');
	const next = safeNextPath(url.searchParams.get('next'));
	let started: Awaited<ReturnType<typeof beginSingleSignOn>>;
	try {
		started = await beginSingleSignOn(appDatabase().db, singleSignOn, {
			redirectUri: new URL(CALLBACK_PATH, url.origin).href,
			next
		});
	} catch (err) {
		console.error('Single sign-on: the identity provider could not be reached:', err);
		redirect(303, signInPageSaying('unavailable', next));
	}
	setRequestCookie(cookies, started.requestKey, url.protocol === 'https:');
	redirect(303, started.authorizationUrl.href);
};
