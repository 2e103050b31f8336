import { error, fail, redirect } from '@sveltejs/kit';
import type { DB } from '$lib/server/platform/db';
import { textField } from '$lib/server/http/forms';
import { requireReviewableCase } from '$lib/server/policy/meeting';
import { casesLedBy, createReview, needsOf, readCaseForReview } from '$lib/server/agenda/reviews';
import { readReviewForm } from '$lib/server/agenda/review-form';

/**
 * Part 3 on the "add an item" page, in two steps: the lead professional chooses one of the cases
 * they lead (`?part=review`), then says how each of its needs is going (`&case=ID`).
 */

interface Context {
	db: DB;
	userId: number;
	meeting: { id: number; communityId: number };
}

/** A case this person may review now: open, theirs, in this MAG and with no review waiting. */
async function reviewableCase(context: Context, caseId: string | null) {
	const cases = await casesLedBy(context.db, context.userId, context.meeting.communityId);
	return cases.find((c) => String(c.id) === caseId && !c.waitingReview);
}

export async function loadReviewStep(context: Context, caseParam: string | null, ip: string) {
	const cases = await casesLedBy(context.db, context.userId, context.meeting.communityId);
	const offered = cases.filter((c) => !c.waitingReview);
	const waiting = cases
		.filter((c) => c.waitingReview)
		.map((c) => ({ reference: c.reference, initials: c.initials, ...c.waitingReview! }));
	if (caseParam === null) return { cases: offered, waiting, chosen: null };
	const chosen = requireReviewableCase(offered.find((c) => String(c.id) === caseParam));
	const details = await readCaseForReview(context.db, chosen.id, {
		id: context.userId,
		ip,
		why: 'lead professional writing a review'
	});
	if (!details) error(404, 'Not found');
	return {
		cases: offered,
		waiting,
		chosen: {
			id: details.id,
			reference: details.reference,
			initials: details.initials,
			needs: details.needs.map((need) => ({
				description: need.description,
				forName: need.forName
			})),
			openActions: details.openActions
		}
	};
}

export async function chooseCase(context: Context, form: FormData) {
	const chosen = await reviewableCase(context, textField(form, 'case'));
	if (!chosen)
		return fail(400, {
			values: {} as Record<string, string>,
			errors: { case: 'Choose the case you want to review' } as Record<string, string>
		});
	redirect(303, `/meetings/${context.meeting.id}/items/new?part=review&case=${chosen.id}`);
}

export async function submitReview(
	context: Context & { agencyId: number | null; late: boolean },
	caseParam: string | null,
	form: FormData,
	ip: string
) {
	const chosen = requireReviewableCase(await reviewableCase(context, caseParam));
	const needs = await needsOf(context.db, chosen.id);
	const review = readReviewForm(form, needs);
	if (!review.input) return fail(400, { values: review.values, errors: review.errors });
	const created = await createReview(
		context.db,
		{
			meetingId: context.meeting.id,
			caseId: chosen.id,
			submittedBy: context.userId,
			agencyId: context.agencyId,
			late: context.late
		},
		review.input,
		ip
	);
	redirect(303, `/items/${created.submissionId}?submitted=1`);
}
