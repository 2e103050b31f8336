import { error, redirect } from '@sveltejs/kit';
import { CALLBACK_PATH, finishSingleSignOn } from '$lib/server/auth/oidc';
import { singleSignOn } from '$lib/server/auth/oidc-config';
import {
	signInPageSaying,
	startSingleSignOnSession,
	takeRequestCookie
} from '$lib/server/auth/oidc-session';
import { appDatabase } from '$lib/server/platform/app-database';
import type { RequestHandler } from './$types';

/** The identity provider sends the person back here, with a code or with why not. */
export const GET: RequestHandler = async ({ url, cookies, getClientAddress }) => {
	if (!singleSignOn) error(404, 'Not found');
	const secure = url.protocol === 'https:';
	const ip = getClientAddress();
	const result = await finishSingleSignOn(appDatabase().db, singleSignOn, {
		// The address registered with the provider, with the answer's parameters.
		callbackUrl: new URL(CALLBACK_PATH + url.search, url.origin),
		requestKey: takeRequestCookie(cookies, secure),
		ip
	});
	if (!result.ok) redirect(303, signInPageSaying(result.problem, result.next));
	await startSingleSignOnSession(
		{ cookies, url },
		{
			userId: result.userId,
			identityId: result.identityId,
			multiFactor: result.multiFactor,
			twoFactorVerified: !result.needsTwoFactor,
			ip
		}
	);
	if (result.needsTwoFactor) {
		const query = result.next === '/' ? '' : `?next=${encodeURIComponent(result.next)}`;
		redirect(303, `/sign-in/two-factor${query}`);
	}
	redirect(303, result.next);
};
