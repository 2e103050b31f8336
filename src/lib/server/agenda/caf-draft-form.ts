import { sharingValues } from '../cases/consent-sharing';
import { tooLongProblem, type FieldErrors } from '../http/forms';
import { CAF_ROW_FIELDS, cafRowCount } from '../../domain/caf-rows';
import { TEXT_LIMITS } from '../../domain/text-limits';

/**
 * A new CAF saved as a draft: only the CAF's own fields are kept, each within its limit, and only
 * what is needed to find it again is asked for (a family member's name). Everything else waits for
 * "Submit the item", which checks the whole CAF (new-caf-form.ts).
 */

/** The free-text fields and their limits; every other field is a choice or a date box. */
const FREE_TEXT: Record<string, { limit: number; label: string }> = {
	name: { limit: TEXT_LIMITS.name, label: 'Name' },
	setting: { limit: TEXT_LIMITS.itemShort, label: 'School or setting' },
	description: { limit: TEXT_LIMITS.need, label: 'A need' },
	givenBy: { limit: TEXT_LIMITS.consentGivenBy, label: 'Who gave consent' },
	formLocation: {
		limit: TEXT_LIMITS.consentFormLocation,
		label: 'Where the signed consent form is kept'
	}
};
/** A choice or a date box is short; anything longer was not typed into this form. */
const SHORT = 40;

const CAF_FIELDS = [
	'cafDate-day',
	'cafDate-month',
	'cafDate-year',
	'wayIn',
	'levelOfNeed',
	'givenBy',
	'youngPerson',
	'signedOn-day',
	'signedOn-month',
	'signedOn-year',
	'coversMag',
	'sharesWith',
	'agencies',
	'partnerChecks',
	'formLocation'
];

export interface CafDraftInput {
	/** How the author finds it again: the first family member named. */
	label: string;
	fields: Record<string, string>;
}

/** Reads a draft from the new CAF's form: what was typed (to show again), errors, the draft. */
export function readCafDraftForm(form: FormData) {
	const typed: Record<string, string> = {};
	for (const [name, value] of form.entries())
		if (typeof value === 'string') typed[name] = value.trim();
	// The agencies ticked for who may know: whole numbers only, joined by commas (any length).
	typed.agencies = sharingValues(form).agencies ?? '';
	const names = [...CAF_FIELDS, 'memberRows', 'needRows'];
	for (const kind of ['member', 'need'] as const)
		for (let row = 1; row <= cafRowCount(typed, kind); row++)
			for (const field of CAF_ROW_FIELDS[kind]) names.push(`${kind}-${row}-${field}`);
	const errors: FieldErrors = {};
	const fields: Record<string, string> = {};
	for (const name of names) {
		const value = typed[name];
		if (!value) continue;
		const rule = FREE_TEXT[name.split('-').at(-1)!];
		const problem = rule ? tooLongProblem(value, rule.limit, rule.label) : null;
		if (problem) errors[name] = problem;
		fields[name] = rule || name === 'agencies' ? value : value.slice(0, SHORT);
	}
	let label = '';
	for (let row = 1; row <= cafRowCount(fields, 'member') && !label; row++)
		label = fields[`member-${row}-name`] ?? '';
	if (!label)
		errors['member-1-name'] =
			'Enter the name of a family member, so that you can find the draft again';
	const input: CafDraftInput | null = Object.keys(errors).length === 0 ? { label, fields } : null;
	return { values: typed, errors, input };
}
