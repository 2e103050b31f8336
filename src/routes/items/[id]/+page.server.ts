import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import { membershipRole, runsTheMeeting } from '$lib/server/communities';
import { readItemForm } from '$lib/server/item-form';
import {
	AGE_BANDS,
	findSubmission,
	isEditable,
	updateSubmission,
	withdrawSubmission
} from '$lib/server/submissions';
import type { Actions, PageServerLoad } from './$types';

/** The submitter and the community's chair and coordinators see an item in full. */
async function requireItem(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const itemId = Number(id);
	if (!Number.isInteger(itemId)) error(404, 'Not found');
	const { db } = appDatabase();
	const item = await findSubmission(db, itemId);
	if (!item) error(404, 'Not found');
	const isSubmitter = item.submittedBy === user.id;
	const organiser = runsTheMeeting(await membershipRole(db, user.id, item.communityId));
	if (!isSubmitter && !organiser)
		error(403, 'Only the person who submitted this item and the chair can see it');
	return { user, item, isSubmitter };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { item, isSubmitter } = await requireItem(locals, params.id);
	return {
		item,
		canChange: isSubmitter && isEditable(item),
		submitted: url.searchParams.has('submitted'),
		ageBands: AGE_BANDS
	};
};

async function requireChangeable(locals: App.Locals, id: string) {
	const access = await requireItem(locals, id);
	if (!access.isSubmitter) error(403, 'Only the person who submitted this item can change it');
	if (!isEditable(access.item))
		error(409, 'This item can no longer be changed: the agenda has been published');
	return access;
}

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireChangeable(locals, params.id);
		const part = item.content.part;
		const { values, errors, content } = readItemForm(await request.formData(), part);
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		await updateSubmission(appDatabase().db, item, content, user.id, getClientAddress());
		return { saved: true };
	},

	withdraw: async ({ locals, params, getClientAddress }) => {
		const { user, item } = await requireChangeable(locals, params.id);
		await withdrawSubmission(appDatabase().db, item.id, user.id, getClientAddress());
		redirect(303, '/submissions?withdrawn=1');
	}
};
