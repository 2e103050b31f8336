import { error, fail, redirect } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { recordId } from '$lib/server/policy/refusal';
import { appDatabase } from '$lib/server/platform/app-database';
import { renameLocality } from '$lib/server/council/structure';
import { readNameForm } from '$lib/server/council/structure-form';
import { listLocalities } from '$lib/server/council/structure-view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireAdministrator(locals);
	const id = recordId(params.id);
	const locality = (await listLocalities(appDatabase().db)).find((l) => l.id === id);
	if (!locality) error(404, 'Page not found');
	return { name: locality.name };
};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readNameForm(await request.formData(), 'locality');
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const saved = await renameLocality(appDatabase().db, recordId(params.id), read.input, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!saved.ok) return fail(400, { values: { name: read.input }, errors: saved.errors });
		redirect(303, '/admin/council?done=locality-saved#localities');
	}
};
