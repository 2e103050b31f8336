import { fail, redirect } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { addAgency } from '$lib/server/council/structure';
import { agencyFormValues, readAgencyForm } from '$lib/server/council/structure-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	return { values: {} as Record<string, string> };
};

export const actions: Actions = {
	save: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readAgencyForm(await request.formData());
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const saved = await addAgency(appDatabase().db, read.input, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!saved.ok) return fail(400, { values: agencyFormValues(read.input), errors: saved.errors });
		redirect(303, '/admin/council?done=agency-saved#agencies');
	}
};
