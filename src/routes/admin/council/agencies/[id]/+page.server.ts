import { error, fail, redirect } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { recordId } from '$lib/server/policy/refusal';
import { appDatabase } from '$lib/server/platform/app-database';
import { setAgencyRetired, updateAgency } from '$lib/server/council/structure';
import { agencyFormValues, readAgencyForm } from '$lib/server/council/structure-form';
import { findAgency } from '$lib/server/council/structure-view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireAdministrator(locals);
	const agency = await findAgency(appDatabase().db, recordId(params.id));
	if (!agency) error(404, 'Page not found');
	return {
		name: agency.name,
		retired: agency.retiredAt !== null,
		values: agencyFormValues(agency)
	};
};

const retiring =
	(retired: boolean) =>
	async ({ locals, params, getClientAddress }: Parameters<Actions[string]>[0]) => {
		const admin = requireAdministrator(locals);
		await setAgencyRetired(appDatabase().db, recordId(params.id), retired, {
			id: admin.id,
			ip: getClientAddress()
		});
		return { retired };
	};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readAgencyForm(await request.formData());
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const saved = await updateAgency(appDatabase().db, recordId(params.id), read.input, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!saved.ok) return fail(400, { values: agencyFormValues(read.input), errors: saved.errors });
		redirect(303, '/admin/council?done=agency-saved#agencies');
	},
	retire: retiring(true),
	reinstate: retiring(false)
};
