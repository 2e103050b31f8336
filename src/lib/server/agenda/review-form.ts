import type { NeedDomain, NeedStatus } from '../platform/schema';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import type { ReviewInput } from './reviews';
import { NEED_STATUSES, PROGRESS_LIMIT } from '../../domain/needs';
import { NEED_DOMAINS } from '../../domain/family';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { readScore } from '../cases/need-trend-rules';

/**
 * A need that has emerged since the CAF, added with the review (`emerged-…`, all optional): for one
 * of the family's members, in a line, in a domain, as the CAF's own needs are.
 */
function readEmergedNeed(
	form: FormData,
	members: { id: number }[],
	values: Record<string, string>,
	errors: FieldErrors
): ReviewInput['emerged'] {
	const member = textField(form, 'emerged-member');
	const description = textField(form, 'emerged-description');
	const domain = textField(form, 'emerged-domain');
	Object.assign(values, {
		'emerged-member': member,
		'emerged-description': description,
		'emerged-domain': domain
	});
	if (!member && !description && !domain) return null;
	const memberId = members.find((m) => String(m.id) === member)?.id;
	if (memberId === undefined) errors['emerged-member'] = 'Choose who the new need is for';
	const problem = freeTextProblem(description, {
		missing: 'Describe the new need',
		limit: TEXT_LIMITS.need,
		label: 'The new need'
	});
	if (problem) errors['emerged-description'] = problem;
	if (!Object.hasOwn(NEED_DOMAINS, domain))
		errors['emerged-domain'] = 'Choose the domain of the new need';
	if (memberId === undefined || problem || !Object.hasOwn(NEED_DOMAINS, domain)) return null;
	return { memberId, description, domain: domain as NeedDomain };
}

/**
 * Reads the review form: for every need of the case (in the order shown, field names
 * `need-N-status`, `need-N-progress`, `need-N-score`) a status, a line of progress and a
 * score 0–10; the family's view in their words (`family-view`); whether it is stuck;
 * and, where the form offers one (the family's `members` given), a need that has emerged.
 */
export function readReviewForm(
	form: FormData,
	needs: { id: number }[],
	members: { id: number }[] | null = null
) {
	const errors: FieldErrors = {};
	const values: Record<string, string> = { stuck: form.get('stuck') === 'yes' ? 'yes' : '' };
	const updates: ReviewInput['needs'] = [];
	for (const [index, need] of needs.entries()) {
		const n = index + 1;
		const status = textField(form, `need-${n}-status`);
		const progress = textField(form, `need-${n}-progress`);
		const typedScore = textField(form, `need-${n}-score`);
		// Optional for now: a review saved before scores came in has none.
		const score = typedScore === '' ? { ok: true as const, score: null } : readScore(typedScore, n);
		values[`need-${n}-status`] = status;
		values[`need-${n}-progress`] = progress;
		values[`need-${n}-score`] = textField(form, `need-${n}-score`);
		if (!score.ok) errors[`need-${n}-score`] = score.message;
		if (!Object.hasOwn(NEED_STATUSES, status))
			errors[`need-${n}-status`] = `Choose whether need ${n} is met, partly met or not met`;
		if (progress === '') errors[`need-${n}-progress`] = `Enter a line of progress on need ${n}`;
		else if (progress.length > PROGRESS_LIMIT)
			errors[`need-${n}-progress`] =
				`The progress on need ${n} must be ${PROGRESS_LIMIT} characters or fewer`;
		updates.push({
			needId: need.id,
			status: status as NeedStatus,
			progress,
			score: score.ok ? score.score : null
		});
	}
	const familyView = textField(form, 'family-view');
	values['family-view'] = familyView;
	const viewProblem =
		familyView === ''
			? null
			: freeTextProblem(familyView, {
					missing: 'Enter the family’s view of the plan, in their words',
					limit: TEXT_LIMITS.familyView,
					label: 'The family’s view'
				});
	if (viewProblem) errors['family-view'] = viewProblem;
	const emerged = members ? { emerged: readEmergedNeed(form, members, values, errors) } : {};
	if (Object.keys(errors).length > 0) return { values, errors, input: null };
	const input: ReviewInput = {
		stuck: values.stuck === 'yes',
		familyView: familyView || null,
		needs: updates,
		...emerged
	};
	return { values, errors, input };
}
