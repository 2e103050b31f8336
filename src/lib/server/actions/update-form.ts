import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import type { CannotBeDoneReason } from '../platform/schema';
import { todayInEngland } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';

/** What the owner of an action says between meetings: how it is going. */
export type OwnerUpdate =
	| { kind: 'progress'; note: string }
	| { kind: 'done'; note: string }
	| { kind: 'cannot-be-done'; reason: CannotBeDoneReason; note: string };

const OWNER_UPDATE_KINDS = ['progress', 'done', 'cannot-be-done'] as const;
const REASONS: CannotBeDoneReason[] = ['circumstances-changed', 'agency-could-not-act'];

const NOTE_MISSING: Record<OwnerUpdate['kind'], string> = {
	progress: 'Enter the progress made so far',
	done: 'Enter what was done',
	'cannot-be-done': 'Enter why it cannot be done'
};

/**
 * Checks a note on an action: shown in the meeting room, on My actions and the follow-up board, so
 * it must not identify anyone (docs/domain.md, "Anonymous means anonymous"). It records work, so
 * only a full date that could be a date of birth is refused (see anonymity.ts).
 */
export function noteProblem(note: string, missing: string, today: string): string | null {
	return freeTextProblem(note, {
		missing,
		limit: TEXT_LIMITS.actionNote,
		label: 'The note',
		screen: { what: 'Notes on actions', today }
	});
}

/** Reads the owner's update: what kind, the note, and for "cannot be done" the reason. */
export function readOwnerUpdateForm(form: FormData, today = todayInEngland()) {
	const values = {
		kind: textField(form, 'kind'),
		reason: textField(form, 'reason'),
		note: textField(form, 'note')
	};
	const errors: FieldErrors = {};
	const kind = OWNER_UPDATE_KINDS.find((k) => k === values.kind);
	if (!kind) errors.kind = 'Choose whether the action is in progress, done or cannot be done';
	const reason = REASONS.find((r) => r === values.reason);
	if (kind === 'cannot-be-done' && !reason)
		errors.reason =
			'Choose why it cannot be done: circumstances changed or the agency could not act';
	const problem = noteProblem(values.note, kind ? NOTE_MISSING[kind] : 'Enter a note', today);
	if (problem) errors.note = problem;
	let input: OwnerUpdate | null = null;
	if (Object.keys(errors).length === 0 && kind)
		input =
			kind === 'cannot-be-done'
				? { kind, reason: reason!, note: values.note }
				: { kind, note: values.note };
	return { values, errors, input };
}
