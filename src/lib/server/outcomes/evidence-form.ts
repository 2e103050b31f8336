import { readDateInput } from '../../dates';
import {
	EVIDENCE_STATUSES,
	OUTCOME_PLAN_LIMITS,
	type EvidenceStatus
} from '../../domain/outcome-plan';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import type { EvidenceInput } from './case-outcomes';
import type { FormRead } from './plan-form';

const idIn = (text: string, ids: number[]) =>
	/^\d{1,12}$/.test(text) && ids.includes(Number(text)) ? Number(text) : null;

/** The problems ticked on the case's problems form, each one still in the plan. */
export function readProblemsForm(form: FormData, problemIds: number[]): number[] {
	return form
		.getAll('problems')
		.map((value) => idIn(String(value), problemIds))
		.filter((id): id is number => id !== null);
}

/**
 * One piece of evidence: the indicator (of the case's problems), what it says, the agency it came
 * from, its date (today or before) and whether it shows the outcome achieved or sustained.
 */
export function readEvidenceForm(
	form: FormData,
	today: string,
	choices: { indicatorIds: number[]; agencyIds: number[] },
	submissionId: number | null = null
): FormRead<EvidenceInput> {
	const values = {
		indicatorId: textField(form, 'indicatorId'),
		what: textField(form, 'what'),
		agencyId: textField(form, 'agencyId'),
		'evidenceDate-day': textField(form, 'evidenceDate-day'),
		'evidenceDate-month': textField(form, 'evidenceDate-month'),
		'evidenceDate-year': textField(form, 'evidenceDate-year'),
		status: textField(form, 'status')
	};
	const errors: FieldErrors = {};
	const indicatorId = idIn(values.indicatorId, choices.indicatorIds);
	if (indicatorId === null) errors.indicatorId = 'Choose the indicator the evidence is for';
	const what = freeTextProblem(values.what, {
		missing: 'Enter what the evidence shows',
		limit: OUTCOME_PLAN_LIMITS.evidence,
		label: 'What the evidence shows'
	});
	if (what) errors.what = what;
	const agencyId = idIn(values.agencyId, choices.agencyIds);
	if (agencyId === null) errors.agencyId = 'Choose the agency the evidence came from';
	const date = readDateInput(
		values['evidenceDate-day'],
		values['evidenceDate-month'],
		values['evidenceDate-year']
	);
	if (!date.ok)
		errors.evidenceDate = date.message
			.replace('the date', 'the date of the evidence')
			.replace('The date', 'The date of the evidence');
	else if (date.date > today)
		errors.evidenceDate = 'The date of the evidence must be today or in the past';
	if (!Object.hasOwn(EVIDENCE_STATUSES, values.status))
		errors.status = 'Choose whether the evidence shows the outcome achieved or sustained';
	if (Object.keys(errors).length > 0 || !date.ok) return { ok: false, values, errors };
	return {
		ok: true,
		input: {
			indicatorId: indicatorId!,
			what: values.what,
			agencyId: agencyId!,
			evidenceDate: date.date,
			status: values.status as EvidenceStatus,
			submissionId
		}
	};
}
