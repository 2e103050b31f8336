import { fail } from '@sveltejs/kit';
import { notFound } from '$lib/server/policy/refusal';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireCommunityOrganiser } from '$lib/server/policy/community';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { agencyFigures, openActionsByAgency, remindOwner } from '$lib/server/actions/follow-up';
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
		const actionId = Number(form.get('action'));
		const { db } = appDatabase();
		const action = await db
			.selectFrom('action')
			.select(['id', 'owner_name as ownerName', 'description'])
			.where('id', '=', Number.isInteger(actionId) ? actionId : 0)
			.where('community_id', '=', community.id)
			.executeTakeFirst();
		if (!action) notFound('That action is not one of this MAG’s');
		const result = await remindOwner(
			db,
			action.id,
			{ id: user.id, ip: getClientAddress() },
			new Date(),
			formKeyField(form)
		);
		if (!result.reminded)
			return fail(409, { remindError: 'That action is finished: there is nothing to remind' });
		return {
			reminded: {
				reference: result.reference,
				description: action.description,
				ownerName: action.ownerName,
				notified: result.notified
			}
		};
	}
};
