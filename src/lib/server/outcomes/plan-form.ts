import {
	INDICATOR_MEASURES,
	OUTCOME_PLAN_LIMITS,
	SUSTAIN_MONTHS,
	type IndicatorMeasure,
	type StartingIndicator
} from '../../domain/outcome-plan';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';

export type FormRead<T> =
	{ ok: true; input: T } | { ok: false; values: Record<string, string>; errors: FieldErrors };

/** A new headline problem's name. */
export function readProblemForm(form: FormData): FormRead<string> {
	const values = { name: textField(form, 'name') };
	const problem = freeTextProblem(values.name, {
		missing: 'Enter the headline problem',
		limit: OUTCOME_PLAN_LIMITS.problem,
		label: 'The headline problem'
	});
	return problem
		? { ok: false, values, errors: { name: problem } }
		: { ok: true, input: values.name };
}

/** A new indicator: what it says, the evidence accepted, and achieved or achieved and sustained. */
export function readIndicatorForm(form: FormData): FormRead<StartingIndicator> {
	const values = {
		description: textField(form, 'description'),
		evidenceAccepted: textField(form, 'evidenceAccepted'),
		measure: textField(form, 'measure'),
		sustainMonths: textField(form, 'sustainMonths')
	};
	const errors: FieldErrors = {};
	const description = freeTextProblem(values.description, {
		missing: 'Enter what the indicator is',
		limit: OUTCOME_PLAN_LIMITS.indicator,
		label: 'The indicator'
	});
	if (description) errors.description = description;
	const evidence = freeTextProblem(values.evidenceAccepted, {
		missing: 'Enter the evidence the council accepts',
		limit: OUTCOME_PLAN_LIMITS.evidenceAccepted,
		label: 'The evidence accepted'
	});
	if (evidence) errors.evidenceAccepted = evidence;
	if (!Object.hasOwn(INDICATOR_MEASURES, values.measure))
		errors.measure = 'Choose whether the outcome must be achieved, or achieved and sustained';
	let sustainMonths: number | null = null;
	if (values.measure === 'sustained') {
		const months = /^\d{1,3}$/.test(values.sustainMonths) ? Number(values.sustainMonths) : NaN;
		if (values.sustainMonths === '') errors.sustainMonths = 'Enter how many months it must last';
		else if (!(months >= SUSTAIN_MONTHS.min && months <= SUSTAIN_MONTHS.max))
			errors.sustainMonths = `Enter a whole number of months from ${SUSTAIN_MONTHS.min} to ${SUSTAIN_MONTHS.max}`;
		else sustainMonths = months;
	}
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		input: {
			description: values.description,
			evidenceAccepted: values.evidenceAccepted,
			measure: values.measure as IndicatorMeasure,
			sustainMonths
		}
	};
}
