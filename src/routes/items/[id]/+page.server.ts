import { error, fail, redirect } from '@sveltejs/kit';
import { requireItemReader, requireItemSubmitter } from '$lib/server/policy/items';
import { appDatabase } from '$lib/server/platform/app-database';
import { textField, versionField } from '$lib/server/http/forms';
import { readItemForm } from '$lib/server/agenda/item-form';
import { readNewCaf, updateNewCaf } from '$lib/server/agenda/new-caf';
import { newCafFormValues, newCafOptions, readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { needsOfReview, readReview, reviewedCase, updateReview } from '$lib/server/agenda/reviews';
import { readReviewForm } from '$lib/server/agenda/review-form';
import { isEditable, isWithdrawable } from '$lib/server/agenda/submission-rules';
import { updateSubmission, withdrawSubmission } from '$lib/server/agenda/submissions';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';
import { AGE_BANDS } from '$lib/domain/family';

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, item, isSubmitter, isChair, identifies, caseId } = await requireItemReader(
		locals,
		params.id
	);
	// Outside the meeting a family's details are for the submitter, the lead professional and the
	// chair only (docs/domain.md); a coordinator sees the reference and initials. Every read is logged.
	const reader = {
		id: user.id,
		ip: getClientAddress(),
		why: isSubmitter
			? 'submitter reading their own item'
			: isChair
				? 'chair preparing the agenda'
				: 'lead professional of the case'
	};
	const family =
		item.part === 2 && identifies ? await readNewCaf(appDatabase().db, item.id, reader) : null;
	const review =
		item.part === 3 && identifies ? await readReview(appDatabase().db, item.id, reader) : null;
	const canChange = isSubmitter && isEditable(item);
	return {
		item,
		caseId,
		family,
		canChange,
		// The part 2 form starts from what is stored, read through readNewCaf above (so it is logged).
		newCaf:
			canChange && family ? { values: newCafFormValues(family), options: newCafOptions() } : null,
		review,
		reviewedCase: item.part === 3 ? await reviewedCase(appDatabase().db, item.id) : null,
		canChangeReview: item.part === 3 && isSubmitter && isWithdrawable(item),
		canWithdraw: isSubmitter && isWithdrawable(item),
		submitted: url.searchParams.has('submitted'),
		ageBands: AGE_BANDS
	};
};

/**
 * The refusal of a save from a page loaded before the item's last save (only the submitter
 * changes an item, so that save came from their other window or device). It goes on the form's
 * first field of text, and everything typed is sent back with the version it was loaded from, so
 * saving again from here is refused again until the page is reloaded and the saved text checked.
 */
function staleSave(what: 'item' | 'review', field: string, values: Record<string, string>) {
	return fail(409, {
		values,
		errors: {
			[field]: `This ${what} was saved from another window or device while you were editing it. Your text is kept here: check the version saved there (reload the page) and save again`
		} as Record<string, string>
	});
}

async function requireChangeable(locals: App.Locals, id: string) {
	const access = await requireItemSubmitter(locals, id, 'item');
	if (!isEditable(access.item))
		error(409, 'This item can no longer be changed: the agenda has been published');
	return access;
}

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireChangeable(locals, params.id);
		if (!item.content) error(409, 'This item cannot be changed here');
		const part = item.content.part;
		const form = await request.formData();
		const read = readItemForm(form, part);
		const values = { ...read.values, version: textField(form, 'version') };
		if (Object.keys(read.errors).length > 0) return fail(400, { values, errors: read.errors });
		const result = await updateSubmission(
			appDatabase().db,
			item,
			read.content,
			versionField(form),
			user.id,
			getClientAddress()
		);
		if (!result.saved) return staleSave('item', part === 1 ? 'setting' : 'title', values);
		return { saved: true };
	},

	saveNewCaf: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireChangeable(locals, params.id);
		if (item.part !== 2) error(409, 'Only a new CAF is changed with this form');
		// The same rules as at submission: the consent must still allow part 2 at this meeting.
		const form = await request.formData();
		const caf = readNewCafForm(form, item.meetingDate, todayInEngland());
		if (!caf.input)
			return fail(400, {
				values: caf.values,
				errors: caf.errors,
				consentRefused: caf.consentRefused
			});
		const result = await updateNewCaf(appDatabase().db, item.id, caf.input, versionField(form), {
			id: user.id,
			ip: getClientAddress()
		});
		if ('closed' in result)
			error(409, 'This item can no longer be changed: the agenda has been published');
		if (!result.saved) return staleSave('item', 'member-1-name', caf.values);
		return { saved: true };
	},

	/** The lead professional gives or changes each need's status and progress until publication. */
	saveReview: async ({ locals, params, request, getClientAddress }) => {
		const { user, item } = await requireItemSubmitter(locals, params.id, 'review');
		if (!isWithdrawable(item))
			error(409, 'This review can no longer be changed: the agenda has been published');
		const { db } = appDatabase();
		const form = await request.formData();
		const read = readReviewForm(form, await needsOfReview(db, item.id));
		const values = { ...read.values, version: textField(form, 'version') };
		if (!read.input) return fail(400, { values, errors: read.errors });
		const result = await updateReview(db, item.id, read.input, versionField(form), {
			id: user.id,
			ip: getClientAddress()
		});
		if (!result.saved) return staleSave('review', 'need-1-progress', values);
		return { saved: true };
	},

	withdraw: async ({ locals, params, getClientAddress }) => {
		const { user, item, isSubmitter } = await requireItemReader(locals, params.id);
		if (!isSubmitter || !isWithdrawable(item)) error(409, 'This item can no longer be withdrawn');
		await withdrawSubmission(appDatabase().db, item.id, user.id, getClientAddress());
		redirect(303, '/submissions?withdrawn=1');
	}
};
