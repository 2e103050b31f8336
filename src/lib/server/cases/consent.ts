import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { noteProblem } from '../actions/update-form';
import { consentTextProblem } from '../agenda/consent';
import { currentConsentId } from '../meeting/consent-gate';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { textField, type FieldErrors } from '../http/forms';
import { readDateInput, formatCalendarDate } from '$lib/dates';
import { sendNotices } from '../people/notices';

/**
 * Consent over time (README, "Case records"): given with the new CAF, renewed (a new version that
 * replaces the one before), withdrawn (when, and who recorded it). The consent gate always checks
 * the current version, so a renewal opens it again and a withdrawal shuts it at once.
 */
export interface ConsentInput {
	givenBy: string;
	youngPerson: 'yes' | 'no' | 'not-of-age';
	signedOn: string;
	coversMag: boolean;
	sharedWith: string;
	formLocation: string;
}

const ACTIVE_ITEM_STATUSES = ['submitted', 'accepted', 'deferred'] as const;
const OPEN_ACTION_STATUSES = ['open', 'in-progress'] as const;

function dateOf(form: FormData, id: string) {
	return readDateInput(
		textField(form, `${id}-day`),
		textField(form, `${id}-month`),
		textField(form, `${id}-year`)
	);
}

/** A date input's message, naming the date: "Enter the date consent was signed". */
function dateMessage(message: string, which: string): string {
	return message.replace('the date', `the ${which}`).replace('The date', `The ${which}`);
}

function valuesOf(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form.entries())
		if (typeof value === 'string') values[name] = value.trim();
	return values;
}

/** The renewal form: the same facts as consent given with a new CAF. */
export function readConsentForm(form: FormData, today: string) {
	const values = valuesOf(form);
	const errors: FieldErrors = {};
	const givenBy = textField(form, 'givenBy');
	const givenByProblem = consentTextProblem('givenBy', givenBy);
	if (givenByProblem) errors.givenBy = givenByProblem;
	const youngPerson = textField(form, 'youngPerson');
	if (!['yes', 'no', 'not-of-age'].includes(youngPerson))
		errors.youngPerson = 'Say whether the young person consented';
	const signed = dateOf(form, 'signedOn');
	if (!signed.ok) errors.signedOn = dateMessage(signed.message, 'date consent was signed');
	else if (signed.date > today)
		errors.signedOn = 'The date consent was signed must be today or in the past';
	const sharedWith = textField(form, 'sharedWith');
	const sharedWithProblem = consentTextProblem('sharedWith', sharedWith);
	if (sharedWithProblem) errors.sharedWith = sharedWithProblem;
	const formLocation = textField(form, 'formLocation');
	const formLocationProblem = consentTextProblem('formLocation', formLocation);
	if (formLocationProblem) errors.formLocation = formLocationProblem;
	if (Object.keys(errors).length > 0 || !signed.ok) return { values, errors, input: null };
	const input: ConsentInput = {
		givenBy,
		youngPerson: youngPerson as ConsentInput['youngPerson'],
		signedOn: signed.date,
		coversMag: form.get('coversMag') === 'yes',
		sharedWith,
		formLocation
	};
	return { values, errors, input };
}

/** The withdrawal form: the date the family withdrew, which cannot be in the future. */
export function readWithdrawalForm(form: FormData, today: string, signedOn: string | null) {
	const values = valuesOf(form);
	const errors: FieldErrors = {};
	const withdrawn = dateOf(form, 'withdrawnOn');
	if (!withdrawn.ok)
		errors.withdrawnOn = dateMessage(withdrawn.message, 'date consent was withdrawn');
	else if (withdrawn.date > today)
		errors.withdrawnOn = 'The date consent was withdrawn must be today or in the past';
	else if (signedOn && withdrawn.date < signedOn)
		errors.withdrawnOn = `The date consent was withdrawn must be on or after the day it was given (${formatCalendarDate(signedOn)})`;
	return { values, errors, date: withdrawn.ok && !errors.withdrawnOn ? withdrawn.date : null };
}

async function caseOf(db: DB, caseId: number) {
	return db
		.selectFrom('family_case')
		.select(['id', 'reference', 'community_id', 'lead_professional_id', 'status'])
		.where('id', '=', caseId)
		.executeTakeFirstOrThrow();
}

/**
 * Records consent on the case: a renewal when there is consent on file (it replaces it), else
 * consent given. A case withdrawn because consent was withdrawn is open again. One transaction.
 * A post repeating one already recorded (the same `formKey`) adds no second version.
 */
export async function recordConsent(
	db: DB,
	caseId: number,
	input: ConsentInput,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<number> {
	const key = { token: formKey, userId: actor.id, form: `consent:${caseId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<{ consentId: number }>(trx, key);
		if (earlier) return earlier.consentId;
		const familyCase = await caseOf(trx, caseId);
		const replaces = (await currentConsentId(trx, caseId)) ?? null;
		const stamp = now.toISOString();
		const consent = await trx
			.insertInto('consent')
			.values({
				case_id: caseId,
				kind: replaces === null ? 'given' : 'renewed',
				replaces_consent_id: replaces,
				given_by: input.givenBy,
				young_person: input.youngPerson,
				signed_on: input.signedOn,
				covers_mag: input.coversMag ? 1 : 0,
				shared_with: input.sharedWith,
				form_location: input.formLocation,
				withdrawn_on: null,
				recorded_by: actor.id,
				recorded_at: stamp
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (familyCase.status === 'withdrawn') {
			await trx
				.updateTable('family_case')
				.set({ status: 'open' })
				.where('id', '=', caseId)
				.execute();
			await trx
				.insertInto('case_status_change')
				.values({ case_id: caseId, status: 'open', changed_by: actor.id, changed_at: stamp })
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: replaces === null ? 'consent.given' : 'consent.renewed',
				recordType: 'family_case',
				recordId: familyCase.reference,
				ip: actor.ip,
				detail: { consentId: consent.id, replaces }
			},
			now
		);
		await rememberAnswer(trx, key, { consentId: consent.id }, now);
		return consent.id;
	});
}

export type WithdrawalResult =
	| { withdrawn: true; itemsWithdrawn: number[]; actionsFlagged: number[] }
	| { withdrawn: false; reason: string };

/**
 * The family withdraws consent. In one transaction: the current consent is marked withdrawn (so the
 * gate refuses from now on, even on an agenda already published); the case's items come off every
 * agenda not yet published; its open actions wait for the chair's decision; the chairs and the lead
 * professional are told; the case is withdrawn; and it is audited.
 */
export async function withdrawConsent(
	db: DB,
	caseId: number,
	withdrawnOn: string,
	actor: Actor,
	now = new Date()
): Promise<WithdrawalResult> {
	return db.transaction().execute(async (trx) => {
		const familyCase = await caseOf(trx, caseId);
		const consentId = await currentConsentId(trx, caseId);
		if (consentId === undefined) return { withdrawn: false, reason: 'There is no consent on file' };
		const consent = await trx
			.selectFrom('consent')
			.select('withdrawn_on')
			.where('id', '=', consentId)
			.executeTakeFirstOrThrow();
		if (consent.withdrawn_on)
			return { withdrawn: false, reason: 'Consent has already been withdrawn' };
		const stamp = now.toISOString();
		await trx
			.updateTable('consent')
			.set({ withdrawn_on: withdrawnOn, withdrawn_by: actor.id })
			.where('id', '=', consentId)
			.execute();

		const unpublished = await trx
			.selectFrom('submission')
			.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
			.leftJoin('new_caf', 'new_caf.submission_id', 'submission.id')
			.leftJoin('review', 'review.submission_id', 'submission.id')
			.select(['submission.id', 'submission.submitted_by as submittedBy', 'meeting.date'])
			.where((eb) => eb.or([eb('new_caf.case_id', '=', caseId), eb('review.case_id', '=', caseId)]))
			.where('submission.status', 'in', ACTIVE_ITEM_STATUSES)
			.where('meeting.status', 'in', ['scheduled', 'agenda-open'])
			.execute();
		for (const item of unpublished)
			await trx
				.updateTable('submission')
				.set({ status: 'withdrawn', updated_at: stamp })
				.where('id', '=', item.id)
				.execute();

		const open = await trx
			.selectFrom('action')
			.select('id')
			.where('case_id', '=', caseId)
			.where('status', 'in', OPEN_ACTION_STATUSES)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('action_flag')
							.select('action_flag.id')
							.whereRef('action_flag.action_id', '=', 'action.id')
							.where('action_flag.decision', 'is', null)
					)
				)
			)
			.execute();
		for (const action of open)
			await trx
				.insertInto('action_flag')
				.values({
					action_id: action.id,
					case_id: caseId,
					reason: 'consent withdrawn',
					flagged_at: stamp
				})
				.execute();

		await trx
			.updateTable('family_case')
			.set({ status: 'withdrawn' })
			.where('id', '=', caseId)
			.execute();
		await trx
			.insertInto('case_status_change')
			.values({ case_id: caseId, status: 'withdrawn', changed_by: actor.id, changed_at: stamp })
			.execute();

		const chairs = await trx
			.selectFrom('community_membership')
			.select('user_id')
			.where('community_id', '=', familyCase.community_id)
			.where('role', '=', 'chair')
			.execute();
		const told = new Set<number>(chairs.map((c) => c.user_id));
		if (familyCase.lead_professional_id !== null) told.add(familyCase.lead_professional_id);
		for (const item of unpublished) told.add(item.submittedBy);
		const offAgenda =
			unpublished.length > 0
				? ` It has been taken off the agenda for ${unpublished.map((i) => formatCalendarDate(i.date)).join(' and ')}.`
				: '';
		const decide =
			open.length > 0 ? ` ${open.length} open action(s) wait for the chair's decision.` : '';
		for (const userId of told)
			await sendNotices(
				trx,
				[
					{
						userId,
						message: `The family withdrew consent for ${familyCase.reference} on ${formatCalendarDate(withdrawnOn)}.${offAgenda}${decide}`,
						link: `/cases/${caseId}`
					}
				],
				now
			);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'consent.withdrawn',
				recordType: 'family_case',
				recordId: familyCase.reference,
				ip: actor.ip,
				detail: {
					consentId,
					withdrawnOn,
					itemsWithdrawn: unpublished.map((i) => i.id),
					actionsFlagged: open.map((a) => a.id)
				}
			},
			now
		);
		return {
			withdrawn: true,
			itemsWithdrawn: unpublished.map((i) => i.id),
			actionsFlagged: open.map((a) => a.id)
		};
	});
}

export type FlagDecision = { kind: 'closed'; reason: string } | { kind: 'kept' };

/**
 * Reads the chair's decision on an action flagged when consent was withdrawn. Why it is closed is
 * kept with the action and in the audit log, which administrators read, so it is checked as a note
 * on an action is.
 */
export function readFlagDecisionForm(form: FormData, today: string) {
	const flagId = Number(textField(form, 'flagId'));
	const values = {
		flagId: String(flagId),
		decision: textField(form, 'decision'),
		closeReason: textField(form, 'closeReason')
	};
	const errors: FieldErrors = {};
	let decision: FlagDecision | null = null;
	if (values.decision === 'kept') decision = { kind: 'kept' };
	else if (values.decision === 'closed') {
		const problem = noteProblem(values.closeReason, 'Enter why the action is closed', today);
		if (problem) errors[`closeReason-${flagId}`] = problem;
		else decision = { kind: 'closed', reason: values.closeReason };
	} else errors[`decision-${flagId}`] = 'Choose whether to close the action or keep it';
	return { flagId, values, errors, decision };
}

/**
 * The chair's decision on an action flagged when consent was withdrawn: close it (with a reason)
 * or keep it. False if the flag is not on this case or already decided.
 */
export async function decideFlaggedAction(
	db: DB,
	caseId: number,
	flagId: number,
	decision: FlagDecision,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const flag = await trx
			.selectFrom('action_flag')
			.innerJoin('family_case', 'family_case.id', 'action_flag.case_id')
			.select(['action_flag.action_id as actionId', 'family_case.reference'])
			.where('action_flag.id', '=', flagId)
			.where('action_flag.case_id', '=', caseId)
			.where('action_flag.decision', 'is', null)
			.executeTakeFirst();
		if (!flag) return false;
		const stamp = now.toISOString();
		await trx
			.updateTable('action_flag')
			.set({
				decision: decision.kind,
				decision_reason: decision.kind === 'closed' ? decision.reason : null,
				decided_by: actor.id,
				decided_at: stamp
			})
			.where('id', '=', flagId)
			.execute();
		if (decision.kind === 'closed')
			await trx
				.updateTable('action')
				.set({ status: 'closed' })
				.where('id', '=', flag.actionId)
				.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: decision.kind === 'closed' ? 'action.closed' : 'action.kept',
				recordType: 'action',
				recordId: flag.actionId,
				ip: actor.ip,
				detail: {
					reference: flag.reference,
					why: 'consent withdrawn',
					reason: decision.kind === 'closed' ? decision.reason : null
				}
			},
			now
		);
		return true;
	});
}
