import { textField, type FieldErrors } from '../http/forms';
import { readItemForm } from '../agenda/item-form';
import type { AdviceRequest } from '../agenda/submissions';
import type { OpenMeeting } from './bring';
import { namesIn } from './contact-rules';

/**
 * "Bring to a MAG": the meeting, and either an advice request (part 1: screened as every advice
 * request is, and for the family's own names, which the contact knows) or a new CAF (part 2: only
 * with the family's agreement, and at a MAG the worker belongs to, whose new CAF form it opens).
 */
export function readBringForm(
	form: FormData,
	context: {
		meetings: OpenMeeting[];
		memberOf: Set<number>;
		familyConsented: boolean;
		names: string[];
	}
) {
	const meetingId = textField(form, 'meetingId');
	const part = textField(form, 'part');
	const errors: FieldErrors = {};
	const meeting = context.meetings.find((m) => String(m.meetingId) === meetingId);
	if (!meeting) errors.meetingId = 'Choose the MAG meeting to bring the contact to';
	if (part !== 'advice' && part !== 'new-caf')
		errors.part = 'Choose an anonymous request for advice or a new CAF';
	if (part === 'new-caf' && !context.familyConsented)
		errors.part =
			'A new CAF needs the family’s agreement: bring it as a request for advice instead';
	else if (part === 'new-caf' && meeting && !context.memberOf.has(meeting.communityId))
		errors.part = `You can start a new CAF only at a MAG you are a member of: ask ${meeting.communityName}’s coordinator, or bring it as a request for advice`;
	const item = readItemForm(form, 1);
	const typed: Record<string, string> = item.values;
	let advice: AdviceRequest | null = null;
	if (part === 'advice') {
		Object.assign(errors, item.errors);
		for (const field of ['setting', 'worry', 'askedFor'] as const) {
			const found = namesIn(typed[field] ?? '', context.names);
			if (!errors[field] && found.length > 0)
				errors[field] =
					`Advice requests must be anonymous: remove the family’s name${found.length > 1 ? 's' : ''} (${found.join(', ')})`;
		}
		if (item.content.part === 1) advice = item.content.advice;
	}
	const values: Record<string, string> = { meetingId, part, ...typed };
	if (Object.keys(errors).length > 0 || !meeting) return { values, errors, choice: null };
	return {
		values,
		errors,
		choice:
			part === 'advice' && advice
				? ({ part: 1, meeting, advice } as const)
				: ({ part: 2, meeting } as const)
	};
}
