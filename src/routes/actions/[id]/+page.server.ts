import { fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { actionHistory } from '$lib/server/actions/history';
import { isOpen } from '$lib/server/actions/statuses';
import { readOwnerUpdateForm } from '$lib/server/actions/update-form';
import { familySummaryForOwner, recordOwnerUpdate } from '$lib/server/actions/updates';
import { agreeForCase } from '$lib/server/meeting/attendance';
import {
	mayReopenAction,
	mayUpdateAction,
	ownerFamilyReading,
	ownerMayRead,
	refuseFamily,
	refuseReopen,
	refuseUpdate,
	requireActionReader,
	requireActionReopener,
	requireActionUpdater
} from '$lib/server/policy/actions';
import { reopenAction } from '$lib/server/actions/reopen';
import { nextInListFrom } from '$lib/server/actions/my-actions-address';
import { myActionsReturn } from '$lib/list-address';
import {
	readReopenReason,
	reopenDeadline,
	stillReopenable
} from '$lib/server/actions/reopen-rules';
import { notFound } from '$lib/server/policy/refusal';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { todayInEngland } from '$lib/dates';
import { dueWording } from '$lib/due-wording';
import type { Actions, PageServerLoad } from './$types';
import { confidentialityStatementOf } from '$lib/server/council/structure-view';

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, action } = await requireActionReader(locals, params.id);
	const { db } = appDatabase();
	// Opening the action reads nothing about the family; only asking for their details does.
	const owned = await ownerFamilyReading(db, action, user.id);
	const showFamily = url.searchParams.get('family') === 'show';
	if (showFamily && !ownerMayRead(owned)) refuseFamily();
	const family =
		showFamily && owned?.reading === 'allowed'
			? await familySummaryForOwner(
					db,
					owned.family,
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
			open: isOpen(action.status)
		},
		mayUpdate: await mayUpdateAction(db, action, user.id),
		// Offered only to the owner or the chair, and only while the reopening window is open.
		reopenBy:
			stillReopenable(action, new Date()) && (await mayReopenAction(db, action, user.id))
				? reopenDeadline(action.completedAt)!.toISOString().slice(0, 10)
				: null,
		reopened: url.searchParams.has('reopened'),
		familyOpen: ownerMayRead(owned),
		// The family's consent does not cover the owner's agency: the page says so.
		agencyNotCovered: owned?.reading === 'agency-not-covered',
		// Not at the meeting where the gate opened (or not agreed there): agree it now, for this case.
		agreeFirst: showFamily && owned?.reading === 'agree-first',
		statement: await confidentialityStatementOf(db, { meetingId: action.meetingId }),
		family,
		// The update form's key: the same update posted twice is recorded once.
		formKey: newFormKey(),
		updated: url.searchParams.has('updated'),
		// The My actions list (filters, page) this was opened from, to go back to after an update.
		from: myActionsReturn(url.searchParams.get('from')),
		history
	};
};

export const actions: Actions = {
	/** The owner agrees the confidentiality statement for this case, then reads the family. */
	agree: async ({ locals, params, getClientAddress }) => {
		const { user, action } = await requireActionReader(locals, params.id);
		const owned = await ownerFamilyReading(appDatabase().db, action, user.id);
		if (!ownerMayRead(owned)) refuseFamily();
		await agreeForCase(appDatabase().db, owned.family, { id: user.id, ip: getClientAddress() });
		redirect(303, `/actions/${action.id}?family=show#family`);
	},

	update: async ({ locals, params, request, getClientAddress }) => {
		const { user, action } = await requireActionUpdater(locals, params.id);
		const form = await request.formData();
		const read = readOwnerUpdateForm(form);
		if (!read.input) return fail(400, { values: read.values, errors: read.errors });
		// Back to the My actions list it was opened from, if any, with the action that came next
		// in it, found before this update moves the action within the list.
		const back = myActionsReturn(String(form.get('from') ?? ''));
		const next = back ? await nextInListFrom(appDatabase().db, user.id, back, action.id) : null;
		const result = await recordOwnerUpdate(
			appDatabase().db,
			action.id,
			read.input,
			{ id: user.id, ip: getClientAddress() },
			new Date(),
			formKeyField(form)
		);
		if (result === 'not-found') notFound();
		if (result === 'not-allowed') refuseUpdate();
		if (result === 'finished')
			return fail(409, {
				values: read.values,
				updateError: 'This action is already finished: it takes no more updates'
			});
		if (!back) redirect(303, `/actions/${action.id}?updated=1`);
		const query = new URLSearchParams({ updated: String(action.id) });
		if (next) query.set('next', String(next.id));
		redirect(303, `${back}${back.includes('?') ? '&' : '?'}${query}`);
	},

	/** The owner or the chair reopens an action marked done, within the window, saying why. */
	reopen: async ({ locals, params, request, getClientAddress }) => {
		const { user, action } = await requireActionReopener(locals, params.id);
		const form = await request.formData();
		const read = readReopenReason(form.get('reopenReason'));
		if (!read.reason)
			return fail(400, {
				reopenValues: { reason: String(form.get('reopenReason') ?? '') },
				errors: { reopenReason: read.error ?? '' }
			});
		const answer = await reopenAction(appDatabase().db, action.id, read.reason, {
			id: user.id,
			ip: getClientAddress()
		});
		if (answer.result === 'not-found') notFound();
		if (answer.result === 'not-allowed') refuseReopen();
		if (answer.result === 'refused')
			return fail(409, {
				reopenValues: { reason: read.reason },
				updateError: answer.message
			});
		redirect(303, `/actions/${action.id}?reopened=1`);
	}
};
