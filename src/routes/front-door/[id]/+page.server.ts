import { error } from '@sveltejs/kit';
import { requireContact } from '$lib/server/policy/front-door';
import { appDatabase } from '$lib/server/platform/app-database';
import { viewContact } from '$lib/server/front-door/contacts';
import type { PageServerLoad } from './$types';

/** A contact's page: its details, read by the front-door team and audited (contact.viewed). */
export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, contactId } = await requireContact(locals, params.id);
	const contact = await viewContact(
		appDatabase().db,
		contactId,
		{ id: user.id, ip: getClientAddress() },
		'contact-page'
	);
	if (!contact) error(404, 'Not found');
	return {
		contact,
		recorded: url.searchParams.has('recorded'),
		brought: url.searchParams.has('brought')
	};
};
