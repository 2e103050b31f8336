import type { NeedStatus } from '../platform/schema';
import { textField, type FieldErrors } from '../http/forms';
import type { ReviewInput } from './reviews';
import { NEED_STATUSES, PROGRESS_LIMIT } from '../../domain/needs';

/**
 * Reads the review form: for every need of the case (in the order shown, field names
 * `need-N-status` and `need-N-progress`) a status and a line of progress; and whether it is stuck.
 */
export function readReviewForm(form: FormData, needs: { id: number }[]) {
	const errors: FieldErrors = {};
	const values: Record<string, string> = { stuck: form.get('stuck') === 'yes' ? 'yes' : '' };
	const updates: ReviewInput['needs'] = [];
	for (const [index, need] of needs.entries()) {
		const n = index + 1;
		const status = textField(form, `need-${n}-status`);
		const progress = textField(form, `need-${n}-progress`);
		values[`need-${n}-status`] = status;
		values[`need-${n}-progress`] = progress;
		if (!Object.hasOwn(NEED_STATUSES, status))
			errors[`need-${n}-status`] = `Choose whether need ${n} is met, partly met or not met`;
		if (progress === '') errors[`need-${n}-progress`] = `Enter a line of progress on need ${n}`;
		else if (progress.length > PROGRESS_LIMIT)
			errors[`need-${n}-progress`] =
				`The progress on need ${n} must be ${PROGRESS_LIMIT} characters or fewer`;
		updates.push({ needId: need.id, status: status as NeedStatus, progress });
	}
	if (Object.keys(errors).length > 0) return { values, errors, input: null };
	const input: ReviewInput = { stuck: values.stuck === 'yes', needs: updates };
	return { values, errors, input };
}
