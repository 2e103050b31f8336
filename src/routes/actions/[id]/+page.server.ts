import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import {
	actionHistory,
	familyOpenToOwner,
	familySummaryForOwner,
	findAction,
	mayUpdateAction,
	OPEN_STATUSES,
	readOwnerUpdateForm,
	recordOwnerUpdate
} from '$lib/server/action-updates';
import { membershipRole } from '$lib/server/communities';
import { formKeyField, newFormKey } from '$lib/server/form-keys';
import { todayInEngland } from '$lib/dates';
import { dueWording } from '$lib/due-wording';
import type { Actions, PageServerLoad } from './$types';

/**
 * One action: its owner and the community's MAG members see it (the action list is published to
 * them); the owner, the chair and coordinators update it.
 */
async function requireAction(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const actionId = Number(id);
	if (!Number.isInteger(actionId)) error(404, 'Not found');
	const { db } = appDatabase();
	const action = await findAction(db, actionId);
	if (!action) error(404, 'Not found');
	if (action.ownerId !== user.id && !(await membershipRole(db, user.id, action.communityId)))
		error(403, 'Only the owner of this action and members of its MAG can see it');
	return { user, action };
}

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, action } = await requireAction(locals, params.id);
	const { db } = appDatabase();
	// Opening the action reads nothing about the family; only asking for their details does.
	const familyOpen = Boolean(await familyOpenToOwner(db, action, user.id));
	const showFamily = url.searchParams.get('family') === 'show';
	if (showFamily && !familyOpen)
		error(403, "Only the action's owner sees the family, once the consent gate opened for them");
	const family = showFamily
		? await familySummaryForOwner(
				db,
				action,
				{ id: user.id, ip: getClientAddress() },
				todayInEngland()
			)
		: null;
	const history = await actionHistory(db, action.id);
	return {
		action: {
			id: action.id,
			reference: action.reference,
			description: action.description,
			status: action.status,
			dueDate: action.dueDate,
			due: dueWording(action.dueDate),
			ownerName: action.ownerName,
			ownerAgency: action.ownerAgency,
			isOwner: action.ownerId === user.id,
			meetingId: action.meetingId,
			meetingDate: action.meetingDate,
			communityName: action.communityName,
			open: OPEN_STATUSES.includes(action.status)
		},
		mayUpdate: await mayUpdateAction(db, action, user.id),
		// The update form's key: the same update posted twice is recorded once.
		formKey: newFormKey(),
		familyOpen,
		family: family ?? null,
		updated: url.searchParams.has('updated'),
		history
	};
};

export const actions: Actions = {
	update: async ({ locals, params, request, getClientAddress }) => {
		const { user, action } = await requireAction(locals, params.id);
		const form = await request.formData();
		const read = readOwnerUpdateForm(form);
		if (!read.input) return fail(400, { values: read.values, errors: read.errors });
		const result = await recordOwnerUpdate(
			appDatabase().db,
			action.id,
			read.input,
			{ id: user.id, ip: getClientAddress() },
			new Date(),
			formKeyField(form)
		);
		if (result === 'not-found') error(404, 'Not found');
		if (result === 'not-allowed')
			error(403, "Only the action's owner, or the MAG's chair or coordinator, can update it");
		if (result === 'finished')
			return fail(409, {
				values: read.values,
				updateError: 'This action is already finished: it takes no more updates'
			});
		redirect(303, `/actions/${action.id}?updated=1`);
	}
};
