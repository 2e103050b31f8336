import { error, fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { textField } from '$lib/server/http/forms';
import { deliverMailSoon } from '$lib/server/mail/app-mail';
import { mailSettings } from '$lib/server/mail/config';
import { listOutbox, outboxCounts, retryMail } from '$lib/server/mail/outbox';
import type { Actions, PageServerLoad } from './$types';

/** Recipients and subjects only: an email's text (an invitation's link) is never shown. */
export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	const { db } = appDatabase();
	const settings = mailSettings();
	return {
		delivery:
			settings.mode === 'smtp'
				? { mode: 'smtp' as const, host: settings.smtp.host, maxAttempts: settings.maxAttempts }
				: { mode: 'log' as const, host: null, maxAttempts: settings.maxAttempts },
		counts: await outboxCounts(db),
		failed: await listOutbox(db, 'failed'),
		queued: await listOutbox(db, 'queued'),
		sent: await listOutbox(db, 'sent', 20)
	};
};

export const actions: Actions = {
	retry: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const id = Number(textField(await request.formData(), 'id'));
		if (!Number.isInteger(id) || id <= 0) error(400, 'No email chosen');
		const retried = await retryMail(appDatabase().db, id, { id: admin.id, ip: getClientAddress() });
		if (!retried) {
			return fail(409, { actionError: 'That email is no longer failed: it may have been sent' });
		}
		deliverMailSoon();
		return { retried: true };
	}
};
