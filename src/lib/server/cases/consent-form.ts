import { consentTextProblem } from '../agenda/consent';
import { noteProblem } from '../actions/update-form';
import { textField, type FieldErrors } from '../http/forms';
import { readDateInput, formatCalendarDate } from '$lib/dates';
import { YOUNG_PERSON_CONSENT, type YoungPersonConsent } from '$lib/domain/family';
import { readSharing, sharingValues, type ConsentSharing } from './consent-sharing';

/** The facts of a consent: who gave it, when it was signed, what it covers, where the form is. */
export interface ConsentInput {
	givenBy: string;
	youngPerson: YoungPersonConsent;
	signedOn: string;
	coversMag: boolean;
	/** Who may know about the family (consent-sharing.ts). */
	sharing: ConsentSharing;
	formLocation: string;
}

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
	const values = { ...valuesOf(form), ...sharingValues(form) };
	const errors: FieldErrors = {};
	const givenBy = textField(form, 'givenBy');
	const givenByProblem = consentTextProblem('givenBy', givenBy);
	if (givenByProblem) errors.givenBy = givenByProblem;
	const youngPerson = textField(form, 'youngPerson');
	if (!Object.hasOwn(YOUNG_PERSON_CONSENT, youngPerson))
		errors.youngPerson = 'Say whether the young person consented';
	const signed = dateOf(form, 'signedOn');
	if (!signed.ok) errors.signedOn = dateMessage(signed.message, 'date consent was signed');
	else if (signed.date > today)
		errors.signedOn = 'The date consent was signed must be today or in the past';
	const { errors: sharingErrors, sharing } = readSharing(form);
	Object.assign(errors, sharingErrors);
	const formLocation = textField(form, 'formLocation');
	const formLocationProblem = consentTextProblem('formLocation', formLocation);
	if (formLocationProblem) errors.formLocation = formLocationProblem;
	if (Object.keys(errors).length > 0 || !signed.ok || !sharing)
		return { values, errors, input: null };
	const input: ConsentInput = {
		givenBy,
		youngPerson: youngPerson as YoungPersonConsent,
		signedOn: signed.date,
		coversMag: form.get('coversMag') === 'yes',
		sharing,
		formLocation
	};
	return { values, errors, input };
}

/**
 * The withdrawal form: the date the family withdrew, which cannot be in the future, nor before the
 * current consent was signed (`signedOn`).
 */
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
