import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/access';
import { appDatabase } from '$lib/server/app-database';
import {
	decideFlaggedAction,
	readConsentForm,
	readFlagDecisionForm,
	readWithdrawalForm,
	recordConsent,
	withdrawConsent
} from '$lib/server/case-consent';
import { caseAccess, findCase, readActionSummary, readCase } from '$lib/server/cases';
import { membershipRole } from '$lib/server/communities';
import { consentOnFile, currentConsentId } from '$lib/server/consent-gate';
import { textField } from '$lib/server/forms';
import {
	acknowledgeHandOver,
	handOverCase,
	mayHandOver,
	possibleLeads,
	readHandOverForm
} from '$lib/server/hand-over';
import { todayInEngland } from '$lib/dates';
import type { Actions, PageServerLoad } from './$types';

/** Everyone opening a case record goes through here: `caseAccess` decides what they get. */
async function requireCase(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const caseId = Number(id);
	if (!Number.isInteger(caseId)) error(404, 'Not found');
	const { db } = appDatabase();
	const found = await findCase(db, caseId);
	if (!found) error(404, 'Not found');
	const access = await caseAccess(db, user.id, caseId);
	if (!access)
		error(403, 'Only the members of this MAG who work with the family can see this case');
	return { user, caseId, found, access, db };
}

/** Changing the case (consent, withdrawal) is for those who see it in full. */
async function requireFullCase(locals: App.Locals, id: string) {
	const found = await requireCase(locals, id);
	if (found.access !== 'full')
		error(403, 'Only the lead professional, the submitter and the chair can change this case');
	return found;
}

export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { user, caseId, found, access, db } = await requireCase(locals, params.id);
	const reader = { id: user.id, ip: getClientAddress() };
	if (access === 'reference') return { access, reference: found.reference };
	if (access === 'action-summary')
		return { access, summary: (await readActionSummary(db, caseId, reader))! };
	const record = (await readCase(db, caseId, reader, todayInEngland()))!;
	const canHandOver = await mayHandOver(db, user.id, caseId);
	const pendingHandOver = record.leadChanges.find(
		(change) => change.toUserId === user.id && change.acknowledgedAt === null
	);
	return {
		access,
		record,
		isChair: (await membershipRole(db, user.id, found.communityId)) === 'chair',
		canHandOver,
		possibleLeads: canHandOver ? await possibleLeads(db, caseId) : [],
		pendingHandOverId: pendingHandOver?.id ?? null,
		today: todayInEngland()
	};
};

export const actions: Actions = {
	handOver: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, db } = await requireCase(locals, params.id);
		if (!(await mayHandOver(db, user.id, caseId)))
			error(403, 'Only the chair, a coordinator or the lead professional can hand a case over');
		const { values, errors } = readHandOverForm(await request.formData());
		if (Object.keys(errors).length === 0) {
			const result = await handOverCase(db, caseId, Number(values.toUserId), values.reason, {
				id: user.id,
				ip: getClientAddress()
			});
			if (result.handedOver) return { done: 'The case has been handed over' };
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
		const { values, errors, input } = readConsentForm(await request.formData(), todayInEngland());
		if (!input) return fail(400, { form: 'renewConsent', values, errors });
		await recordConsent(db, caseId, input, { id: user.id, ip: getClientAddress() });
		return { done: 'The consent has been recorded' };
	},

	withdrawConsent: async ({ locals, params, request, getClientAddress }) => {
		const { user, caseId, db } = await requireFullCase(locals, params.id);
		const current = await consentOnFile(db, (await currentConsentId(db, caseId)) ?? null);
		const { values, errors, date } = readWithdrawalForm(
			await request.formData(),
			todayInEngland(),
			current?.signedOn ?? null
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
		const { user, caseId, found, db } = await requireCase(locals, params.id);
		if ((await membershipRole(db, user.id, found.communityId)) !== 'chair')
			error(403, 'Only the chair decides on actions after consent is withdrawn');
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
