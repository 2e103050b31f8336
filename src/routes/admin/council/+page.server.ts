import { fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { councilOverview } from '$lib/server/council/structure-view';
import { readCouncilName, saveCouncilName } from '$lib/server/council/council';
import { readNameForm } from '$lib/server/council/structure-form';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdministrator(locals);
	const { db } = appDatabase();
	return {
		councilName: await readCouncilName(db),
		...(await councilOverview(db, todayInEngland())),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	rename: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const read = readNameForm(await request.formData(), 'council');
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		await saveCouncilName(appDatabase().db, read.input, { id: admin.id, ip: getClientAddress() });
		return { renamed: true };
	}
};
