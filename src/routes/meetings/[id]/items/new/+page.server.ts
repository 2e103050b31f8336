import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { newFormKey } from '$lib/server/http/form-keys';
import { newCafOptions, newCafRowsChanged } from '$lib/server/agenda/new-caf-form';
import {
	caseForReview,
	chooseReviewCase,
	reviewableCaseFor,
	reviewChoicesFor,
	submitItem,
	submitReview,
	type Bringer,
	type SubmitAnswer
} from '$lib/server/agenda/new-items';
import { requireReviewableCase, requireSubmissionWindow } from '$lib/server/policy/meeting';
import { listAgencies } from '$lib/server/people/users';
import type { Actions, PageServerLoad } from './$types';
import { AGE_BANDS } from '$lib/domain/family';
import { readCafDraftForm } from '$lib/server/agenda/caf-draft-form';
import { listCafDrafts, openCafDraft, saveCafDraft } from '$lib/server/agenda/caf-drafts';
import { draftIdField } from '$lib/server/agenda/new-items';

const partsByName = { advice: 1, 'new-caf': 2, review: 3, 'community-issue': 4 } as const;

function partFrom(url: URL): 1 | 2 | 3 | 4 | null {
	const name = url.searchParams.get('part');
	return name && Object.hasOwn(partsByName, name)
		? partsByName[name as keyof typeof partsByName]
		: null;
}

/**
 * Part 3 in two steps: the lead professional chooses one of the cases they lead
 * (`?part=review`), then says how each of its needs is going (`&case=ID`).
 */
async function reviewStep(bringer: Bringer, caseParam: string | null, ip: string) {
	const { db } = appDatabase();
	const { offered, waiting } = await reviewChoicesFor(db, bringer);
	if (caseParam === null) return { cases: offered, waiting, chosen: null };
	const chosen = requireReviewableCase(offered.find((c) => String(c.id) === caseParam));
	const details = await caseForReview(db, chosen.id, { id: bringer.userId, ip });
	if (!details) error(404, 'Not found');
	return { cases: offered, waiting, chosen: details };
}

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, meeting, late } = await requireSubmissionWindow(locals, params.id);
	const part = partFrom(url);
	if (part !== null && url.searchParams.has('step')) {
		// The chooser answered: on to the part's own address, as a link to it would be.
		const next = new URL(url);
		next.searchParams.delete('step');
		redirect(303, `${next.pathname}${next.search}`);
	}
	const { db } = appDatabase();
	const draftParam = part === 2 ? Number(url.searchParams.get('draft')) : 0;
	const draft = draftParam > 0 ? await openCafDraft(db, user.id, draftParam) : null;
	// Someone else's draft, or none: not found (a draft is its author's alone).
	if (draft === undefined) error(404, 'Not found');
	return {
		meeting: { id: meeting.id, date: meeting.date, communityName: meeting.communityName },
		drafts: part === null ? await listCafDrafts(db, user.id) : [],
		draft,
		draftSaved: draft !== null && url.searchParams.has('saved'),
		part,
		// "Continue" pressed with no part chosen (the chooser's form sends `step`).
		partMissing: part === null && url.searchParams.has('step'),
		late,
		review:
			part === 3
				? await reviewStep(
						{ userId: user.id, meeting, late },
						url.searchParams.get('case'),
						getClientAddress()
					)
				: null,
		ageBands: AGE_BANDS,
		newCaf: newCafOptions(await listAgencies(db)),
		// The item form's key: "Submit the item" sent twice adds one item.
		formKey: newFormKey()
	};
};

/** A new item's answer as the page takes it: on to the item, or the form shown again. */
function reply(answer: SubmitAnswer) {
	if (!answer.ok) return fail(400, answer.data);
	redirect(303, `/items/${answer.submissionId}?submitted=1`);
}

export const actions: Actions = {
	chooseCase: async ({ locals, params, request }) => {
		const { user, meeting } = await requireSubmissionWindow(locals, params.id);
		const form = await request.formData();
		const answer = await chooseReviewCase(appDatabase().db, { userId: user.id, meeting }, form);
		if (!answer.ok) return fail(400, answer.data);
		redirect(303, `/meetings/${meeting.id}/items/new?part=review&case=${answer.caseId}`);
	},

	/** "Add another…" or "Remove" on a new CAF without JavaScript: nothing is saved. */
	addOrRemove: async ({ locals, params, request }) => {
		await requireSubmissionWindow(locals, params.id);
		return newCafRowsChanged(await request.formData());
	},

	/** "Save as draft": the half-filled CAF kept for its author, to finish later. */
	saveDraft: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireSubmissionWindow(locals, params.id);
		const form = await request.formData();
		const read = readCafDraftForm(form);
		if (!read.input) return fail(400, { values: read.values, errors: read.errors });
		const actor = { id: user.id, ip: getClientAddress() };
		const id = await saveCafDraft(appDatabase().db, actor, draftIdField(form), read.input);
		redirect(303, `/meetings/${meeting.id}/items/new?part=new-caf&draft=${id}&saved=1`);
	},

	submit: async ({ locals, params, url, request, getClientAddress }) => {
		const { user, meeting, late } = await requireSubmissionWindow(locals, params.id);
		const part = partFrom(url);
		if (!part) error(400, 'Choose a part of the agenda');
		const form = await request.formData();
		const { db } = appDatabase();
		const bringer = { userId: user.id, meeting, late };
		if (part === 3) {
			const chosen = requireReviewableCase(
				await reviewableCaseFor(db, bringer, url.searchParams.get('case'))
			);
			return reply(await submitReview(db, bringer, chosen.id, form, getClientAddress()));
		}
		return reply(await submitItem(db, bringer, part, form, getClientAddress()));
	}
};
