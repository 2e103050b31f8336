import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { startNewSession } from '$lib/server/auth/new-session';
import { singleSignOnOfSession, startSingleSignOnSession } from '$lib/server/auth/oidc-session';
import { invalidateSession } from '$lib/server/auth/session';
import { signInWithSecondFactor } from '$lib/server/auth/sign-in';
import { waitInWords } from '$lib/server/auth/throttle';
import { safeNextPath, textField } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user || !locals.session) redirect(303, '/sign-in');
	if (locals.session.twoFactorVerified) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	verify: async ({ locals, request, cookies, url, getClientAddress }) => {
		if (!locals.user || !locals.session) redirect(303, '/sign-in');
		if (locals.session.twoFactorVerified) redirect(303, '/');
		const code = textField(await request.formData(), 'code');
		if (code === '') {
			return fail(400, {
				errors: { code: 'Enter the 6-digit code from your app, or a recovery code' }
			});
		}
		const ip = getClientAddress();
		const { db } = appDatabase();
		// After a council account (single sign-on) rather than a password.
		const council = await singleSignOnOfSession(locals.session.id);
		const result = await signInWithSecondFactor(db, {
			userId: locals.user.id,
			code,
			ip,
			...(council ? { method: 'oidc' as const } : {})
		});
		if (!result.ok) {
			const message =
				result.reason === 'throttled'
					? `Too many failed attempts. Wait ${waitInWords(result.retryAfterSeconds)} and try again`
					: 'The code is not right, or it has already been used. Enter the newest code from your app';
			return fail(result.reason === 'throttled' ? 429 : 400, { errors: { code: message } });
		}
		// Rotate the token now the person has proved both factors.
		await invalidateSession(db, locals.session.id);
		if (council) {
			await startSingleSignOnSession(
				{ cookies, url },
				{ userId: locals.user.id, ...council, twoFactorVerified: true, ip }
			);
		} else {
			await startNewSession({ cookies, url }, locals.user.id, { twoFactorVerified: true, ip });
		}
		redirect(303, safeNextPath(url.searchParams.get('next')));
	}
};
