import { fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { addProblem, loadNationalFramework, readPlan } from '$lib/server/outcomes/plan';
import { readProblemForm } from '$lib/server/outcomes/plan-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	return { plan: await readPlan(appDatabase().db) };
};

export const actions: Actions = {
	loadFramework: async ({ locals, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const added = await loadNationalFramework(appDatabase().db, {
			id: admin.id,
			ip: getClientAddress()
		});
		return { done: added ? `${added} headline problems added` : 'The plan already has all ten' };
	},
	addProblem: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readProblemForm(await request.formData());
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const saved = await addProblem(appDatabase().db, read.input, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!saved.ok) return fail(400, { values: { name: read.input }, errors: saved.errors });
		return { done: 'The headline problem is added' };
	}
};
