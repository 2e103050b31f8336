import { error, fail, redirect } from '@sveltejs/kit';
import { requireItemReader, requireItemSubmitter } from '$lib/server/policy/items';
import { appDatabase } from '$lib/server/platform/app-database';
import { readItemPage } from '$lib/server/agenda/item-page';
import {
	changeItem,
	changeNewCaf,
	changeReview,
	withdrawItem,
	type ChangeAnswer
} from '$lib/server/agenda/item-changes';
import { newCafRowsChanged } from '$lib/server/agenda/new-caf-form';
import type { Actions, PageServerLoad } from './$types';
import { AGE_BANDS } from '$lib/domain/family';

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const access = await requireItemReader(locals, params.id);
	return {
		...(await readItemPage(appDatabase().db, access, getClientAddress())),
		submitted: url.searchParams.has('submitted'),
		ageBands: AGE_BANDS
	};
};

/** A change's answer as the page takes it: saved, the form shown again, or too late (409). */
function reply(answer: ChangeAnswer) {
	if ('closed' in answer) error(409, answer.closed);
	return answer.saved ? { saved: true } : fail(answer.status, answer.data);
}

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireItemSubmitter(locals, params.id, 'item');
		const form = await request.formData();
		const actor = { id: user.id, ip: getClientAddress() };
		return reply(await changeItem(appDatabase().db, item, form, actor));
	},

	saveNewCaf: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireItemSubmitter(locals, params.id, 'item');
		const form = await request.formData();
		const actor = { id: user.id, ip: getClientAddress() };
		return reply(await changeNewCaf(appDatabase().db, item, form, actor));
	},

	/** "Add another…" or "Remove" on the CAF's change form without JavaScript: nothing is saved. */
	addOrRemove: async ({ locals, params, request }) => {
		await requireItemSubmitter(locals, params.id, 'item');
		return newCafRowsChanged(await request.formData());
	},

	saveReview: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireItemSubmitter(locals, params.id, 'review');
		const form = await request.formData();
		const actor = { id: user.id, ip: getClientAddress() };
		return reply(await changeReview(appDatabase().db, item, form, actor));
	},

	withdraw: async ({ locals, params, getClientAddress }) => {
		const access = await requireItemReader(locals, params.id);
		const actor = { id: access.user.id, ip: getClientAddress() };
		const answer = await withdrawItem(appDatabase().db, access, actor);
		if (!answer.withdrawn) error(409, answer.closed);
		redirect(303, '/submissions?withdrawn=1');
	}
};
