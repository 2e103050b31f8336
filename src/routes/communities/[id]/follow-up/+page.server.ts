import { fail } from '@sveltejs/kit';
import { notFound } from '$lib/server/policy/refusal';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireCommunityOrganiser } from '$lib/server/policy/community';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import {
	agencyFigures,
	openActionsByAgency,
	remindOwnerInCommunity
} from '$lib/server/actions/follow-up';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { community } = await requireCommunityOrganiser(locals, params.id, 'follow up');
	const { db } = appDatabase();
	const today = todayInEngland();
	return {
		community: { id: community.id, name: community.name, localityName: community.localityName },
		figures: await agencyFigures(db, community.id, today),
		agencies: await openActionsByAgency(db, community.id, today),
		// The reminder buttons' key: one click sent twice reminds the owner once.
		formKey: newFormKey()
	};
};

export const actions: Actions = {
	remind: async ({ locals, params, request, getClientAddress }) => {
		const { user, community } = await requireCommunityOrganiser(locals, params.id, 'follow up');
		const form = await request.formData();
		const reminder = await remindOwnerInCommunity(
			appDatabase().db,
			community.id,
			Number(form.get('action')),
			{ id: user.id, ip: getClientAddress() },
			new Date(),
			formKeyField(form)
		);
		if (!reminder.found) notFound('That action is not one of this MAG’s');
		if (!reminder.result.reminded)
			return fail(409, { remindError: 'That action is finished: there is nothing to remind' });
		return {
			reminded: {
				reference: reminder.result.reference,
				description: reminder.description,
				ownerName: reminder.ownerName,
				notified: reminder.result.notified
			}
		};
	}
};
