import { fail, redirect } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { addLocality } from '$lib/server/council/structure';
import { readNameForm } from '$lib/server/council/structure-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	return { name: '' };
};

export const actions: Actions = {
	save: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readNameForm(await request.formData(), 'locality');
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const saved = await addLocality(appDatabase().db, read.input, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!saved.ok) return fail(400, { values: { name: read.input }, errors: saved.errors });
		redirect(303, '/admin/council?done=locality-saved#localities');
	}
};
