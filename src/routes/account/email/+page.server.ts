import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { emailPreferences, saveEmailPreferences } from '$lib/server/mail/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return {
		email: user.email,
		preferences: await emailPreferences(appDatabase().db, user.id)
	};
};

export const actions: Actions = {
	save: async ({ locals, request }) => {
		const user = requireUser(locals);
		const chosen = (await request.formData()).getAll('optional');
		const preferences = {
			reminders: chosen.includes('reminders'),
			digest: chosen.includes('digest')
		};
		await saveEmailPreferences(appDatabase().db, user.id, preferences);
		return { saved: true };
	}
};
