import { fail, redirect } from '@sveltejs/kit';
import { startNewSession } from '$lib/server/auth/new-session';
import type { SingleSignOnProblem } from '$lib/server/auth/oidc';
import { passwordSignIn, singleSignOn } from '$lib/server/auth/oidc-config';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { normaliseEmail, waitInWords } from '$lib/server/auth/throttle';
import { recordAudit } from '$lib/server/audit/log';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import {
	emailProblem,
	rawField,
	safeNextPath,
	textField,
	type FieldErrors
} from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * Why the council account did not sign someone in. "Not set up" is the same for no account and a
 * disabled one, as the password's answer is: the person proved the email is theirs, and learns only
 * that this service will not take it.
 */
const councilProblems: Record<SingleSignOnProblem, string> = {
	'not-set-up':
		'Your council account is not set up in this service: ask your administrator to invite you',
	'email-unverified':
		'Your council account does not have a verified email address, so it cannot sign you in here: ask your IT service desk to check it',
	'outside-domains':
		'Your council account’s email address is not one this service signs in: ask your administrator which account to use',
	cancelled: 'You did not finish signing in with your council account: try again',
	expired:
		'Signing in with your council account took too long, or was started in another window: try again',
	failed: 'Your council account could not be checked, so you are not signed in: try again',
	unavailable: 'Signing in with your council account is not working at the moment: try again later'
};

function councilProblem(url: URL): string | null {
	const problem = url.searchParams.get('council-sign-in');
	return problem !== null && Object.hasOwn(councilProblems, problem)
		? councilProblems[problem as SingleSignOnProblem]
		: null;
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && locals.session?.twoFactorVerified) redirect(303, '/');
	const reason = url.searchParams.get('signed-out');
	return {
		councilSignIn: singleSignOn !== null,
		passwordSignIn,
		councilProblem: singleSignOn ? councilProblem(url) : null,
		signedOutBecause: reason === 'idle' || reason === 'expired' ? reason : null,
		idleMinutes: config.sessionIdleMinutes,
		absoluteHours: config.sessionAbsoluteHours
	};
};

export const actions: Actions = {
	signIn: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = textField(form, 'email');
		const password = rawField(form, 'password');
		if (!passwordSignIn) {
			// The council signs everyone in with its identity provider: no password is checked.
			await recordAudit(appDatabase().db, {
				actorId: null,
				action: 'sign-in.failed',
				ip: getClientAddress(),
				detail: { method: 'password', reason: 'password-sign-in-off', email: normaliseEmail(email) }
			});
			return fail(403, {
				values: { email },
				errors: {
					'council-sign-in':
						'This service does not take passwords: sign in with your council account'
				}
			});
		}
		const errors: FieldErrors = {};
		const emailError = emailProblem(email);
		if (emailError) errors.email = emailError;
		if (password === '') errors.password = 'Enter your password';
		if (Object.keys(errors).length > 0) return fail(400, { values: { email }, errors });

		const ip = getClientAddress();
		const { db } = appDatabase();
		const result = await signInWithPassword(db, { email, password, ip });
		if (!result.ok) {
			const message =
				result.reason === 'throttled'
					? `Too many failed attempts to sign in. Wait ${waitInWords(result.retryAfterSeconds)} and try again`
					: 'Enter an email address and password that match an account';
			return fail(result.reason === 'throttled' ? 429 : 400, {
				values: { email },
				errors: { email: message }
			});
		}
		await startNewSession({ cookies, url }, result.userId, {
			twoFactorVerified: !result.needsTwoFactor,
			ip
		});
		const next = safeNextPath(url.searchParams.get('next'));
		if (result.needsTwoFactor) {
			redirect(
				303,
				`/sign-in/two-factor${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`
			);
		}
		redirect(303, next);
	}
};
