import { error, fail } from '@sveltejs/kit';
import { agreeForCase } from '$lib/server/meeting/attendance';
import { recordConsent, signedOnFile, withdrawConsent } from '$lib/server/cases/consent';
import {
	readConsentForm,
	readFlagDecisionForm,
	readWithdrawalForm
} from '$lib/server/cases/consent-form';
import { decideFlaggedAction } from '$lib/server/cases/flagged-actions';
import { readActionSummary, readCase } from '$lib/server/cases/case-record';
import { pendingHandOverFor } from '$lib/server/cases/case-record-rules';
import { membershipRole } from '$lib/server/people/communities';
import { listAgencies } from '$lib/server/people/users';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { textField } from '$lib/server/http/forms';
import {
	acknowledgeHandOver,
	alreadyHandedOver,
	handOverCase,
	possibleLeads,
	readHandOverForm
} from '$lib/server/cases/hand-over';
import {
	mayHandOver,
	refuseHandOver,
	requireCase,
	requireCaseChair,
	requireFullCase
} from '$lib/server/policy/case-record';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';
import { readCaseOutcomes } from '$lib/server/outcomes/case-outcomes';
import { mayRecordOutcomes } from '$lib/server/policy/outcomes';
import { confidentialityStatementOf } from '$lib/server/council/structure-view';

export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { user, caseId, found, access, db } = await requireCase(locals, params.id);
	const reader = { id: user.id, ip: getClientAddress() };
	if (access === 'reference') return { access, reference: found.reference };
	// The gate opened for the case, but not with this coordinator agreeing confidentiality there.
	if (access === 'agree-first')
		return {
			access,
			reference: found.reference,
			statement: await confidentialityStatementOf(db, { communityId: found.communityId })
		};
	if (access === 'action-summary')
		return { access, summary: (await readActionSummary(db, caseId, reader))! };
	const record = (await readCase(db, caseId, reader, todayInEngland()))!;
	const canHandOver = await mayHandOver(db, user.id, caseId);
	return {
		access,
		record,
		isChair: (await membershipRole(db, user.id, found.communityId)) === 'chair',
		canHandOver,
		possibleLeads: canHandOver ? await possibleLeads(db, caseId) : [],
		// For who may know, when consent is renewed.
		agencies: (await listAgencies(db)).map(({ id, name }) => ({ id, name })),
		pendingHandOverId: pendingHandOverFor(record.leadChanges, user.id)?.id ?? null,
		today: todayInEngland(),
		outcomes: await readCaseOutcomes(db, found, reader),
		mayRecordOutcomes: await mayRecordOutcomes({ user, caseId, found, access, db }),
		// The hand-over and consent forms' key: the same post sent twice is recorded once.
		formKey: newFormKey()
	};
};

export const actions: Actions = {
	/** A coordinator agrees the confidentiality statement for this case, then reads the record. */
	agree: async ({ locals, params, getClientAddress }) => {
		const { user, caseId, found, access, db } = await requireCase(locals, params.id);
		if (access === 'agree-first')
			await agreeForCase(
				db,
				{ caseId, reference: found.reference },
				{ id: user.id, ip: getClientAddress() }
			);
		return { agreed: true };
	},

	handOver: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, db } = await requireCase(locals, params.id);
		const form = await request.formData();
		const handedOver = { done: 'The case has been handed over' };
		if (await alreadyHandedOver(db, caseId, user.id, formKeyField(form))) return handedOver;
		if (!(await mayHandOver(db, user.id, caseId))) refuseHandOver();
		const { values, errors, input } = readHandOverForm(form);
		if (input) {
			const result = await handOverCase(
				db,
				caseId,
				input.toUserId,
				input.reason,
				{ id: user.id, ip: getClientAddress() },
				new Date(),
				formKeyField(form)
			);
			if (result.handedOver) return handedOver;
			errors.toUserId = result.error;
		}
		return fail(400, { form: 'handOver', values, errors });
	},

	acceptHandOver: async ({ locals, params, request, getClientAddress }) => {
		const { user, db } = await requireCase(locals, params.id);
		const changeId = Number(textField(await request.formData(), 'changeId'));
		if (!(await acknowledgeHandOver(db, changeId, { id: user.id, ip: getClientAddress() })))
			error(409, 'This hand-over is not waiting for you');
		return { done: 'You have accepted the case' };
	},

	renewConsent: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, db } = await requireFullCase(locals, params.id);
		const form = await request.formData();
		const { values, errors, input } = readConsentForm(form, todayInEngland());
		if (!input) return fail(400, { form: 'renewConsent', values, errors });
		await recordConsent(
			db,
			caseId,
			input,
			{ id: user.id, ip: getClientAddress() },
			new Date(),
			formKeyField(form)
		);
		return { done: 'The consent has been recorded' };
	},

	withdrawConsent: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, db } = await requireFullCase(locals, params.id);
		const { values, errors, date } = readWithdrawalForm(
			await request.formData(),
			todayInEngland(),
			await signedOnFile(db, caseId)
		);
		if (date) {
			const result = await withdrawConsent(db, caseId, date, {
				id: user.id,
				ip: getClientAddress()
			});
			if (result.withdrawn) return { done: 'The withdrawal of consent has been recorded' };
			errors.withdrawnOn = result.reason;
		}
		return fail(400, { form: 'withdrawConsent', values, errors });
	},

	decideAction: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, db } = await requireCaseChair(locals, params.id);
		const { flagId, values, errors, decision } = readFlagDecisionForm(
			await request.formData(),
			todayInEngland()
		);
		if (!decision) return fail(400, { form: 'decideAction', values, errors });
		const decided = await decideFlaggedAction(db, caseId, flagId, decision, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!decided) error(409, 'This action has already been decided');
		return { done: values.decision === 'closed' ? 'The action is closed' : 'The action is kept' };
	}
};
