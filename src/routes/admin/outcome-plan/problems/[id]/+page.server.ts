import { error, fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { recordId } from '$lib/server/policy/refusal';
import { appDatabase } from '$lib/server/platform/app-database';
import { addIndicator, readPlan, retireIndicator } from '$lib/server/outcomes/plan';
import { readIndicatorForm } from '$lib/server/outcomes/plan-form';
import { textField } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireAdministrator(locals);
	const id = recordId(params.id);
	const problem = (await readPlan(appDatabase().db)).find((p) => p.id === id);
	if (!problem) error(404, 'There is no such headline problem');
	return { problem };
};

export const actions: Actions = {
	addIndicator: async ({ locals, params, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readIndicatorForm(await request.formData());
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const id = await addIndicator(appDatabase().db, recordId(params.id), read.input, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (id === null) error(404, 'There is no such headline problem');
		return { done: 'The indicator is added' };
	},
	retireIndicator: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const id = Number(textField(await request.formData(), 'indicatorId'));
		await retireIndicator(appDatabase().db, id, { id: admin.id, ip: getClientAddress() });
		return { done: 'The indicator is retired' };
	}
};
