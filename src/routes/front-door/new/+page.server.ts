import { fail, redirect } from '@sveltejs/kit';
import { requireFrontDoor } from '$lib/server/policy/front-door';
import { appDatabase } from '$lib/server/platform/app-database';
import { contactCommunities, recordContact } from '$lib/server/front-door/contacts';
import { readContactForm, receivedNow } from '$lib/server/front-door/contact-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireFrontDoor(locals);
	const communities = await contactCommunities(appDatabase().db);
	return {
		communities: communities.map((c) => ({ value: String(c.id), label: c.name })),
		// Most contacts are recorded as they come in: now, in England, until changed.
		received: receivedNow()
	};
};

export const actions: Actions = {
	/** Records the contact; "Brought to a MAG" goes on to choose the meeting. */
	record: async ({ locals, request, getClientAddress }) => {
		const user = requireFrontDoor(locals);
		const { db } = appDatabase();
		const communities = await contactCommunities(db);
		const read = readContactForm(
			await request.formData(),
			communities.map((c) => c.id)
		);
		if (!read.input) return fail(400, { values: read.values, errors: read.errors });
		const id = await recordContact(db, { id: user.id, ip: getClientAddress() }, read.input);
		redirect(
			303,
			read.input.outcome === 'brought-to-mag'
				? `/front-door/${id}/bring`
				: `/front-door/${id}?recorded=1`
		);
	}
};
