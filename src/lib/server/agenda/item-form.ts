import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { type ItemContent } from './submissions';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { AGE_BANDS } from '../../domain/family';

const { itemShort, itemLong } = TEXT_LIMITS;

/** A form shown again after a refused save: what was typed, and what is wrong, by field. */
export interface ShownAgain {
	values: Record<string, string>;
	errors: FieldErrors;
	/** A new CAF whose consent keeps it out of part 2: the page offers part 1 instead. */
	consentRefused?: boolean;
}

/** Each free-text field of an anonymous item: its name, how the messages name it, its limit. */
const ADVICE_FIELDS = [
	['setting', 'the child’s setting', itemShort],
	['worry', 'what you are worried about', itemLong],
	['askedFor', 'what you want from the group', itemLong]
] as const;
const ISSUE_FIELDS = [
	['title', 'a title', itemShort],
	['place', 'the place or setting', itemShort],
	['happening', 'what is happening', itemLong],
	['wanted', 'what you want from the group', itemLong]
] as const;

/** Every field is required, no longer than its limit, and carries no identifier. */
function checkFields(
	errors: FieldErrors,
	values: Record<string, string>,
	fields: readonly (readonly [string, string, number])[],
	what: 'Advice requests' | 'Community issues'
) {
	for (const [field, label, limit] of fields) {
		const problem = freeTextProblem(values[field] ?? '', {
			missing: `Enter ${label}`,
			limit,
			label: `${label[0]!.toUpperCase()}${label.slice(1)}`,
			screen: { what }
		});
		if (problem) errors[field] = problem;
	}
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
		checkFields(errors, values, ADVICE_FIELDS, 'Advice requests');
		const content: ItemContent = { part: 1, advice: values };
		return { values, errors, content };
	}
	const values = {
		title: textField(form, 'title'),
		place: textField(form, 'place'),
		happening: textField(form, 'happening'),
		wanted: textField(form, 'wanted')
	};
	checkFields(errors, values, ISSUE_FIELDS, 'Community issues');
	const content: ItemContent = { part: 4, issue: values };
	return { values, errors, content };
}
