import { fail, redirect } from '@sveltejs/kit';
import { startNewSession } from '$lib/server/auth/new-session';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { waitInWords } from '$lib/server/auth/throttle';
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

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user && locals.session?.twoFactorVerified) redirect(303, '/');
	const reason = url.searchParams.get('signed-out');
	return {
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
