import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import { findCommunity, membershipRole, runsTheMeeting } from '$lib/server/communities';
import { formKeyField, newFormKey } from '$lib/server/form-keys';
import { agencyFigures, openActionsByAgency, remindOwner } from '$lib/server/follow-up';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

/** The follow-up board is for the people who chase actions: the chair and coordinators. */
async function requireOrganiser(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const communityId = Number(id);
	if (!Number.isInteger(communityId)) error(404, 'Not found');
	const { db } = appDatabase();
	if (!runsTheMeeting(await membershipRole(db, user.id, communityId)))
		error(403, "Only this MAG's chair and coordinators can follow up its actions");
	const community = await findCommunity(db, communityId);
	if (!community) error(404, 'Not found');
	return { user, community };
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { community } = await requireOrganiser(locals, params.id);
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
		const { user, community } = await requireOrganiser(locals, params.id);
		const form = await request.formData();
		const actionId = Number(form.get('action'));
		const { db } = appDatabase();
		const action = await db
			.selectFrom('action')
			.select(['id', 'owner_name as ownerName', 'description'])
			.where('id', '=', Number.isInteger(actionId) ? actionId : 0)
			.where('community_id', '=', community.id)
			.executeTakeFirst();
		if (!action) error(404, 'That action is not one of this MAG’s');
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
