import { redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { recordAudit } from '$lib/server/audit/log';
import { clearSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url, getClientAddress }) => {
		if (locals.session && locals.user) {
			const { db } = appDatabase();
			const sessionId = locals.session.id;
			const userId = locals.user.id;
			await db.transaction().execute(async (trx) => {
				await invalidateSession(trx, sessionId);
				await recordAudit(trx, {
					actorId: userId,
					action: 'sign-out',
					recordType: 'user',
					recordId: userId,
					ip: getClientAddress()
				});
			});
		}
		clearSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, '/sign-in');
	}
};
