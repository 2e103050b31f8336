import { textField, type FieldErrors } from '../http/forms';
import { readActionDueDate } from './action-form';
import { noteProblem } from './update-form';

/**
 * The actions review's decision on several overdue actions at once: every selected action is
 * extended to the same date, or closed for the same reason. Reassigning is one action at a time
 * (each needs its own new owner). The date and the reason are read by the same rules as one
 * action's review (review-form.ts): a due date in the future, a reason that names no one.
 */
export type BulkReviewDecision =
	{ kind: 'extended'; dueDate: string } | { kind: 'closed'; note: string };

/** The form's fields: the selected actions (each row's checkbox), the decision (its button). */
export const BULK_FIELDS = {
	selected: 'selected',
	decision: 'bulk-decision',
	due: 'bulk-due',
	reason: 'bulk-reason'
} as const;

/** The selected actions' ids: whole numbers, each once, in the order sent. */
export function selectedActionIds(form: FormData): number[] {
	const ids = form
		.getAll(BULK_FIELDS.selected)
		.map(String)
		.filter((value) => /^[1-9][0-9]{0,11}$/.test(value))
		.map(Number);
	return [...new Set(ids)];
}

/**
 * Reads the bulk decision. Nothing selected, no decision, a due date that is not a real date in
 * the future, or a missing (or identifying) reason: each is an error by its own field, and no
 * decision is made.
 */
export function readBulkReviewForm(form: FormData, today: string) {
	const actionIds = selectedActionIds(form);
	const decision = textField(form, BULK_FIELDS.decision);
	const due = readActionDueDate(form, today, 'bulk');
	const reason = textField(form, BULK_FIELDS.reason);
	const values: Record<string, string> = {
		[BULK_FIELDS.selected]: actionIds.join(','),
		...due.values,
		[BULK_FIELDS.reason]: reason
	};
	const errors: FieldErrors = {};
	if (actionIds.length === 0) errors[BULK_FIELDS.selected] = 'Select the actions to decide';
	let input: BulkReviewDecision | null = null;
	if (decision === 'extended') {
		Object.assign(errors, due.errors);
		if (due.dueDate) input = { kind: 'extended', dueDate: due.dueDate };
	} else if (decision === 'closed') {
		const problem = noteProblem(reason, 'Enter why the selected actions are closed', today);
		if (problem) errors[BULK_FIELDS.reason] = problem;
		else input = { kind: 'closed', note: reason };
	} else errors[BULK_FIELDS.decision] = 'Choose whether to extend or close the selected actions';
	if (Object.keys(errors).length > 0) input = null;
	return { actionIds, values, errors, input };
}
