import type { DB } from '../platform/db';
import { textField, type FieldErrors } from '../http/forms';
import { readActionDueDate, readActionOwner, type ActionOwner } from './action-form';
import { noteProblem } from './update-form';

/** The actions review's decision on one overdue action (docs/domain.md). */
export type ReviewDecision =
	| { kind: 'extended'; dueDate: string }
	| { kind: 'reassigned'; owner: ActionOwner; dueDate: string }
	| { kind: 'closed'; note: string };

const DECISIONS = ['extended', 'reassigned', 'closed'] as const;

/**
 * Reads the review of one action. Fields are prefixed `review-<action id>` so each action's form
 * on the page has its own ids; the new owner and the new due date are read exactly as the room
 * reads them for a new action. A reassigned action needs a new due date too: its old one has
 * passed.
 */
export async function readActionReviewForm(
	db: DB,
	form: FormData,
	actionId: number,
	context: { meetingId: number; communityId: number; today: string }
) {
	const prefix = `review-${actionId}`;
	const decisionField = `${prefix}-decision`;
	const reasonField = `${prefix}-reason`;
	const decision = DECISIONS.find((d) => d === textField(form, decisionField));
	const owner = await readActionOwner(db, form, context, prefix);
	const due = readActionDueDate(form, context.today, prefix);
	const reason = textField(form, reasonField);
	const values: Record<string, string> = {
		[decisionField]: decision ?? '',
		...owner.values,
		...due.values,
		[reasonField]: reason
	};
	const errors: FieldErrors = {};
	if (!decision) errors[decisionField] = 'Choose whether to extend, reassign or close the action';
	if (decision === 'reassigned') Object.assign(errors, owner.errors);
	if (decision === 'extended' || decision === 'reassigned') Object.assign(errors, due.errors);
	if (decision === 'closed') {
		const problem = noteProblem(reason, 'Enter why the action is closed', context.today);
		if (problem) errors[reasonField] = problem;
	}
	let input: ReviewDecision | null = null;
	if (Object.keys(errors).length === 0) {
		if (decision === 'extended') input = { kind: decision, dueDate: due.dueDate! };
		else if (decision === 'reassigned')
			input = { kind: decision, owner: owner.owner!, dueDate: due.dueDate! };
		else if (decision === 'closed') input = { kind: decision, note: reason };
	}
	return { values, errors, input };
}
