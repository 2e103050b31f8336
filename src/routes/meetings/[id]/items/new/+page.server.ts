import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { readItemForm } from '$lib/server/agenda/item-form';
import { createNewCaf } from '$lib/server/agenda/new-caf';
import { levelsOfNeed } from '$lib/server/agenda/new-caf-rules';
import { MEMBER_ROWS, NEED_ROWS, readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { createSubmission } from '$lib/server/agenda/submissions';
import { todayInEngland } from '$lib/dates';
import { requireSubmissionWindow } from '$lib/server/policy/meeting';
import { chooseCase, loadReviewStep, submitReview } from './review-step';
import type { Actions, PageServerLoad } from './$types';
import { NEED_DOMAINS, RELATIONSHIPS, WAYS_IN, AGE_BANDS } from '$lib/domain/family';

const partsByName = { advice: 1, 'new-caf': 2, review: 3, 'community-issue': 4 } as const;

function partFrom(url: URL): 1 | 2 | 3 | 4 | null {
	const name = url.searchParams.get('part');
	return name && Object.hasOwn(partsByName, name)
		? partsByName[name as keyof typeof partsByName]
		: null;
}

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, meeting, late } = await requireSubmissionWindow(locals, params.id);
	const part = partFrom(url);
	return {
		meeting: { id: meeting.id, date: meeting.date, communityName: meeting.communityName },
		part,
		late,
		review:
			part === 3
				? await loadReviewStep(
						{ db: appDatabase().db, userId: user.id, meeting },
						url.searchParams.get('case'),
						getClientAddress()
					)
				: null,
		ageBands: AGE_BANDS,
		newCaf: {
			relationships: RELATIONSHIPS,
			domains: NEED_DOMAINS,
			waysIn: WAYS_IN,
			levels: levelsOfNeed(),
			memberRows: MEMBER_ROWS,
			needRows: NEED_ROWS
		},
		// The item form's key: "Submit the item" sent twice adds one item.
		formKey: newFormKey()
	};
};

export const actions: Actions = {
	chooseCase: async ({ locals, params, request }) => {
		const { user, meeting } = await requireSubmissionWindow(locals, params.id);
		return chooseCase({ db: appDatabase().db, userId: user.id, meeting }, await request.formData());
	},

	submit: async ({ locals, params, url, request, getClientAddress }) => {
		const { user, meeting, late } = await requireSubmissionWindow(locals, params.id);
		const part = partFrom(url);
		if (!part) error(400, 'Choose a part of the agenda');
		const form = await request.formData();
		const { db } = appDatabase();
		const agency = await db
			.selectFrom('user')
			.select('agency_id')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		if (part === 3) {
			return submitReview(
				{ db, userId: user.id, meeting, agencyId: agency.agency_id, late },
				url.searchParams.get('case'),
				form,
				getClientAddress()
			);
		}
		if (part === 2) {
			const today = todayInEngland();
			const caf = readNewCafForm(form, meeting.date, today);
			if (!caf.input) {
				return fail(400, {
					values: caf.values,
					errors: caf.errors,
					consentRefused: caf.consentRefused
				});
			}
			const created = await createNewCaf(
				db,
				{
					meetingId: meeting.id,
					communityId: meeting.communityId,
					communityName: meeting.communityName,
					submittedBy: user.id,
					agencyId: agency.agency_id,
					late,
					year: meeting.date.slice(0, 4)
				},
				caf.input,
				getClientAddress(),
				new Date(),
				formKeyField(form)
			);
			redirect(303, `/items/${created.submissionId}?submitted=1`);
		}
		const { values, errors, content } = readItemForm(form, part);
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		const id = await createSubmission(
			db,
			{ meetingId: meeting.id, submittedBy: user.id, agencyId: agency.agency_id, late, content },
			getClientAddress(),
			new Date(),
			formKeyField(form)
		);
		redirect(303, `/items/${id}?submitted=1`);
	}
};
