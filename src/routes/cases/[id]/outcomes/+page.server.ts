import { fail } from '@sveltejs/kit';
import { requireOutcomeRecorder } from '$lib/server/policy/outcomes';
import {
	outcomeChoices,
	problemsOfCase,
	recordEvidence,
	setCaseProblems
} from '$lib/server/outcomes/case-outcomes';
import { readEvidenceForm, readProblemsForm } from '$lib/server/outcomes/evidence-form';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

/** The lead professional or chair records the problems that apply and the evidence of outcomes. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const { caseId, found, db } = await requireOutcomeRecorder(locals, params.id);
	return {
		caseId,
		reference: found.reference,
		initials: found.initials,
		applies: (await problemsOfCase(db, caseId)).map((p) => String(p.id)),
		...(await outcomeChoices(db, caseId))
	};
};

export const actions: Actions = {
	setProblems: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, found, db } = await requireOutcomeRecorder(locals, params.id);
		const { problems } = await outcomeChoices(db, caseId);
		const chosen = readProblemsForm(
			await request.formData(),
			problems.map((p) => p.id)
		);
		await setCaseProblems(db, { id: caseId, reference: found.reference }, chosen, {
			id: user.id,
			ip: getClientAddress()
		});
		return { done: 'The headline problems are saved' };
	},
	recordEvidence: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, found, db } = await requireOutcomeRecorder(locals, params.id);
		const { indicators, agencies } = await outcomeChoices(db, caseId);
		const read = readEvidenceForm(await request.formData(), todayInEngland(), {
			indicatorIds: indicators.map((i) => i.id),
			agencyIds: agencies.map((a) => a.id)
		});
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		await recordEvidence(db, { id: caseId, reference: found.reference }, read.input, {
			id: user.id,
			ip: getClientAddress()
		});
		return { done: 'The evidence is recorded' };
	}
};
