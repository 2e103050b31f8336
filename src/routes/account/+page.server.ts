import { fail, redirect } from '@sveltejs/kit';
import { requireUser, twoFactorRequired } from '$lib/server/policy/session';
import {
	changePassword,
	accountSummary,
	newRecoveryCodes,
	removeTwoFactor
} from '$lib/server/people/account';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import { rawField, type FieldErrors } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const summary = await accountSummary(appDatabase().db, user.id);
	return {
		account: summary,
		twoFactorRequired: twoFactorRequired(user, config.requireTwoFactorFor),
		welcome: url.searchParams.has('welcome')
	};
};

export const actions: Actions = {
	changePassword: async ({ locals, request, getClientAddress }) => {
		const user = requireUser(locals);
		const form = await request.formData();
		const currentPassword = rawField(form, 'currentPassword');
		const newPassword = rawField(form, 'newPassword');
		const confirmPassword = rawField(form, 'confirmPassword');
		const errors: FieldErrors = {};
		if (currentPassword === '') errors.currentPassword = 'Enter your current password';
		if (newPassword === '') errors.newPassword = 'Enter a new password';
		else if (confirmPassword !== newPassword)
			errors.confirmPassword = 'The new passwords do not match';
		if (Object.keys(errors).length > 0) return fail(400, { passwordErrors: errors });
		const result = await changePassword(appDatabase().db, {
			userId: user.id,
			sessionId: locals.session!.id,
			currentPassword,
			newPassword,
			ip: getClientAddress()
		});
		if (!result.ok)
			return fail(400, { passwordErrors: { [result.field]: result.message } as FieldErrors });
		return { passwordChanged: true };
	},

	newRecoveryCodes: async ({ locals, getClientAddress }) => {
		const user = requireUser(locals);
		if (!user.hasTwoFactor) return fail(400, {});
		const codes = await newRecoveryCodes(appDatabase().db, user.id, getClientAddress());
		return { recoveryCodes: codes };
	},

	turnOffTwoFactor: async ({ locals, getClientAddress }) => {
		const user = requireUser(locals);
		// Where the council requires two-factor sign-in for this role, it cannot be turned off.
		if (twoFactorRequired(user, config.requireTwoFactorFor)) {
			return fail(403, { twoFactorError: 'Two-factor sign-in is required for your role' });
		}
		await removeTwoFactor(appDatabase().db, user.id, { id: user.id, ip: getClientAddress() });
		redirect(303, '/account');
	}
};
