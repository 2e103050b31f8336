import { fail } from '@sveltejs/kit';
import { requireUser, twoFactorRequired } from '$lib/server/policy/session';
import { enableTwoFactor } from '$lib/server/people/account';
import { appDatabase } from '$lib/server/platform/app-database';
import { decodeTotpKey, encodeTotpKey, newTotpKey, totpSetup } from '$lib/server/auth/totp';
import { config } from '$lib/server/platform/config';
import { textField } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

function setupFor(key: Uint8Array, email: string) {
	const setup = totpSetup(key, config.serviceName, email);
	return { qrSvg: setup.qrSvg, keyText: setup.keyText, key: encodeTotpKey(key) };
}

export const load: PageServerLoad = ({ locals }) => {
	const user = requireUser(locals);
	return {
		alreadyOn: user.hasTwoFactor,
		required: twoFactorRequired(user, config.requireTwoFactorFor),
		// The key travels in the form until the person proves their app has it (as Lucia's example does):
		// only the signed-in person ever sees this page, and nothing is stored until the code matches.
		setup: user.hasTwoFactor ? null : setupFor(newTotpKey(), user.email)
	};
};

export const actions: Actions = {
	enable: async ({ locals, request, getClientAddress }) => {
		const user = requireUser(locals);
		if (user.hasTwoFactor)
			return fail(400, { errors: { code: 'Two-factor sign-in is already on' } });
		const form = await request.formData();
		const key = decodeTotpKey(textField(form, 'key'));
		const code = textField(form, 'code').replace(/\s+/g, '');
		if (!key) return fail(400, { errors: { code: 'Something went wrong: start again' } });
		if (!/^\d{6}$/.test(code)) {
			return fail(400, {
				setup: setupFor(key, user.email),
				errors: { code: 'Enter the 6-digit code from your authenticator app' }
			});
		}
		const codes = await enableTwoFactor(appDatabase().db, user.id, key, code, getClientAddress());
		if (!codes) {
			return fail(400, {
				setup: setupFor(key, user.email),
				errors: {
					code: 'The code is not right. Check your phone’s clock is set automatically and enter the newest code'
				}
			});
		}
		return { recoveryCodes: codes };
	}
};
