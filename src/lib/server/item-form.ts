import { anonymityProblem } from './anonymity';
import { textField, type FieldErrors } from './forms';
import { AGE_BANDS, type ItemContent } from './submissions';

const LIMITS = { short: 120, long: 2000 };

function required(errors: FieldErrors, field: string, value: string, label: string, limit: number) {
	if (value === '') errors[field] = `Enter ${label}`;
	else if (value.length > limit)
		errors[field] =
			`${label[0]!.toUpperCase()}${label.slice(1)} must be ${limit} characters or fewer`;
}

/**
 * Reads an advice request (part 1) or community issue (part 4) from a form. Both must be anonymous:
 * every free-text field is screened for identifiers, and the message says what to take out.
 */
export function readItemForm(form: FormData, part: 1 | 4) {
	const errors: FieldErrors = {};
	if (part === 1) {
		const values = {
			ageBand: textField(form, 'ageBand'),
			setting: textField(form, 'setting'),
			worry: textField(form, 'worry'),
			askedFor: textField(form, 'askedFor')
		};
		if (!(AGE_BANDS as readonly string[]).includes(values.ageBand))
			errors.ageBand = 'Choose the child’s age band';
		required(errors, 'setting', values.setting, 'the child’s setting', LIMITS.short);
		required(errors, 'worry', values.worry, 'what you are worried about', LIMITS.long);
		required(errors, 'askedFor', values.askedFor, 'what you want from the group', LIMITS.long);
		for (const field of ['setting', 'worry', 'askedFor'] as const) {
			const problem = errors[field] ? null : anonymityProblem(values[field], 'Advice requests');
			if (problem) errors[field] = problem;
		}
		const content: ItemContent = { part: 1, advice: values };
		return { values, errors, content };
	}
	const values = {
		title: textField(form, 'title'),
		place: textField(form, 'place'),
		happening: textField(form, 'happening'),
		wanted: textField(form, 'wanted')
	};
	required(errors, 'title', values.title, 'a title', LIMITS.short);
	required(errors, 'place', values.place, 'the place or setting', LIMITS.short);
	required(errors, 'happening', values.happening, 'what is happening', LIMITS.long);
	required(errors, 'wanted', values.wanted, 'what you want from the group', LIMITS.long);
	for (const field of ['title', 'place', 'happening', 'wanted'] as const) {
		const problem = errors[field] ? null : anonymityProblem(values[field], 'Community issues');
		if (problem) errors[field] = problem;
	}
	const content: ItemContent = { part: 4, issue: values };
	return { values, errors, content };
}
