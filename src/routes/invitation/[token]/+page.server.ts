import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { startNewSession } from '$lib/server/auth/new-session';
import { passwordSignIn } from '$lib/server/auth/oidc-config';
import { hashPassword, passwordProblem } from '$lib/server/auth/password';
import { rawField, type FieldErrors } from '$lib/server/http/forms';
import { acceptInvitation, findInvitation } from '$lib/server/people/invitations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await findInvitation(appDatabase().db, params.token);
	if (!invitation) return { valid: false as const };
	return {
		valid: true as const,
		// PASSWORD_SIGN_IN=off: the person signs in with their council account, which accepts this.
		passwordSignIn,
		name: invitation.name,
		email: invitation.email
	};
};

export const actions: Actions = {
	setPassword: async ({ params, request, cookies, url, getClientAddress }) => {
		if (!passwordSignIn) {
			return fail(403, {
				errors: {
					password: 'This service does not take passwords: sign in with your council account'
				}
			});
		}
		const { db } = appDatabase();
		const invitation = await findInvitation(db, params.token);
		if (!invitation)
			return fail(410, {
				errors: { password: 'This invitation link has expired or has already been used' }
			});
		const form = await request.formData();
		const password = rawField(form, 'password');
		const confirm = rawField(form, 'confirmPassword');
		const errors: FieldErrors = {};
		const problem = passwordProblem(password, [
			invitation.name,
			invitation.email.split('@')[0] ?? ''
		]);
		if (problem) errors.password = problem;
		else if (confirm !== password) errors.confirmPassword = 'The passwords do not match';
		if (Object.keys(errors).length > 0) return fail(400, { errors });

		const passwordHash = await hashPassword(password);
		const ip = getClientAddress();
		const userId = await acceptInvitation(db, params.token, passwordHash, ip);
		if (userId === null) {
			return fail(410, {
				errors: { password: 'This invitation link has expired or has already been used' }
			});
		}
		await startNewSession({ cookies, url }, userId, { twoFactorVerified: true, ip });
		redirect(303, '/account?welcome=1');
	}
};
