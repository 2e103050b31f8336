import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { TEXT_LIMITS } from '../../domain/text-limits';
import {
	changedNotes,
	noteField,
	type CorrectableNote,
	type NoteChange
} from './minutes-correction-rules';

export type CorrectionReading =
	| { ok: true; reason: string; changes: NoteChange[] }
	| { ok: false; values: Record<string, string>; errors: FieldErrors };

/**
 * Reads the correction form: a note per item the chair may correct, and the reason. Nothing is
 * saved without a reason and at least one changed note; what was typed is echoed back. Errors are
 * in the page's order (the notes, then the reason) for the error summary.
 */
export function readCorrectionForm(form: FormData, notes: CorrectableNote[]): CorrectionReading {
	const reason = textField(form, 'reason');
	const values: Record<string, string> = {};
	const errors: FieldErrors = {};
	const typed = new Map<number, string>();
	for (const item of notes) {
		const field = noteField(item.submissionId);
		const value = form.has(field) ? textField(form, field) : item.note;
		values[field] = value;
		typed.set(item.submissionId, value);
		const problem = freeTextProblem(value, {
			limit: TEXT_LIMITS.outcomeNote,
			label: `The note for ${item.label}`,
			...(item.anonymous
				? { screen: { what: item.part === 4 ? 'Community issues' : 'Advice requests' } }
				: {})
		});
		if (problem) errors[field] = problem;
	}
	const changes = changedNotes(new Map(notes.map((n) => [n.submissionId, n.note])), typed);
	const first = notes[0];
	if (changes.length === 0 && first && !errors[noteField(first.submissionId)])
		errors[noteField(first.submissionId)] =
			'Change at least one note: the minutes say the same as before';
	values.reason = reason;
	const reasonProblem = freeTextProblem(reason, {
		missing: 'Enter why the minutes are being corrected',
		limit: TEXT_LIMITS.reason,
		label: 'The reason'
	});
	if (reasonProblem) errors.reason = reasonProblem;
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return { ok: true, reason, changes };
}
