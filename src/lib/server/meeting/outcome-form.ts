import type { DB } from '../platform/db';
import type { NeedStatus } from '../platform/schema';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { ADVICE_OUTCOMES, OFFER_CAF, REVIEW_DECISION_KINDS } from '../../domain/outcomes';
import type { ReviewDecision } from '../../domain/outcomes';
import { NEED_STATUSES } from '../../domain/needs';
import {
	isAdviceOutcome,
	isAnonymousOutcome,
	outcomeShape,
	type OutcomeInput
} from './outcome-rules';
import { readActionDueDate, readActionOwner, type ActionInput } from '../actions/action-form';
import { levelsOfNeed } from '../agenda/new-caf-rules';

export interface OutcomeContext {
	meetingId: number;
	communityId: number;
	today: string;
	/** The form a closed family item gets when the chair takes it anonymously as advice. */
	asAdvice: boolean;
	part: 1 | 2 | 3 | 4;
	needIds: number[];
	leadProfessionalChoices: number[];
	reviewMeetingIds: number[];
}

/** What one shape of outcome form needs while it is read: the note, and where its errors go. */
interface Reading {
	db: DB;
	form: FormData;
	context: OutcomeContext;
	note: string;
	values: Record<string, string>;
	errors: FieldErrors;
	screen: { what: string };
}

/** Reads the outcome form for an item; errors keyed by field, what was typed echoed back. */
export async function readOutcomeForm(db: DB, form: FormData, context: OutcomeContext) {
	const values: Record<string, string> = {};
	for (const [name, value] of form.entries()) if (typeof value === 'string') values[name] = value;
	const errors: FieldErrors = {};
	const note = textField(form, 'note');
	const screen = { what: context.part === 4 ? 'Community issues' : 'Advice requests' };
	const noteProblem = freeTextProblem(note, {
		limit: TEXT_LIMITS.outcomeNote,
		label: 'The note',
		...(isAnonymousOutcome(context.part, context.asAdvice) ? { screen } : {})
	});
	if (noteProblem) errors.note = noteProblem;
	const reading: Reading = { db, form, context, note, values, errors, screen };
	const shape = outcomeShape(context.part, context.asAdvice);
	const input =
		shape === 'advice'
			? await readAdvice(reading)
			: shape === 'new-caf'
				? readNewCaf(reading)
				: shape === 'review'
					? readReview(reading)
					: readCommunityIssue(reading);
	return { values, errors, input };
}

const noErrors = (errors: FieldErrors) => Object.keys(errors).length === 0;

function readReviewMeeting({ form, context, errors }: Reading): number | null {
	const id = Number(textField(form, 'nextReview'));
	if (!context.reviewMeetingIds.includes(id)) {
		errors.nextReview = 'Choose the meeting for the next review';
		return null;
	}
	return id;
}

async function readAdvice(reading: Reading): Promise<OutcomeInput | null> {
	const { db, form, context, note, values, errors, screen } = reading;
	const kind = textField(form, 'kind');
	if (!isAdviceOutcome(kind)) errors.kind = 'Choose the outcome';
	const agency = textField(form, 'agency');
	if (kind === 'advice-given' && !note) errors.note = 'Enter the advice given';
	if (kind === 'single-agency') {
		const agencyProblem = freeTextProblem(agency, {
			missing: 'Enter which agency will respond',
			limit: TEXT_LIMITS.agency,
			label: 'The agency',
			screen
		});
		if (agencyProblem) errors.agency = agencyProblem;
	}
	let offer: ActionInput | null = null;
	if (kind === 'caf-offered') {
		// The offer's "what" is fixed: only who and by when are asked for.
		const who = await readActionOwner(db, form, context, 'offer');
		const when = readActionDueDate(form, context.today, 'offer');
		Object.assign(values, who.values, when.values);
		Object.assign(errors, who.errors, when.errors);
		if (who.owner && when.dueDate)
			offer = {
				description: OFFER_CAF,
				ownerId: who.owner.id,
				ownerName: who.owner.name,
				ownerAgency: who.owner.agency,
				dueDate: when.dueDate
			};
	}
	if (!noErrors(errors)) return null;
	return {
		kind: kind as keyof typeof ADVICE_OUTCOMES,
		note,
		agency: kind === 'single-agency' ? agency : null,
		offer,
		takenAsAdvice: context.asAdvice
	};
}

function readNewCaf(reading: Reading): OutcomeInput | null {
	const { form, context, note, errors } = reading;
	const support: Record<number, string> = {};
	for (const needId of context.needIds) {
		const text = textField(form, `support-${needId}`);
		const problem = freeTextProblem(text, {
			missing: 'Enter the support agreed for this need',
			limit: TEXT_LIMITS.support,
			label: 'Support agreed'
		});
		if (problem) errors[`support-${needId}`] = problem;
		support[needId] = text;
	}
	// Every family supported has a lead professional (docs/domain.md, "Rules the software holds").
	const lead = Number(textField(form, 'leadProfessional').replace('member:', ''));
	if (!context.leadProfessionalChoices.includes(lead))
		errors.leadProfessional =
			'Choose the lead professional: a new CAF cannot be concluded without one';
	const nextReviewMeetingId = readReviewMeeting(reading);
	if (!noErrors(errors)) return null;
	return {
		kind: 'agreed',
		part: 2,
		note,
		support,
		leadProfessionalId: lead,
		nextReviewMeetingId: nextReviewMeetingId!
	};
}

function readReview(reading: Reading): OutcomeInput | null {
	const { form, context, note, errors } = reading;
	const needStatuses: Record<number, NeedStatus> = {};
	for (const needId of context.needIds) {
		const status = textField(form, `status-${needId}`);
		if (!Object.hasOwn(NEED_STATUSES, status))
			errors[`status-${needId}`] = 'Choose whether this need is met, partly met or not met';
		else needStatuses[needId] = status as NeedStatus;
	}
	const levelOfNeed = textField(form, 'levelOfNeed');
	if (!levelsOfNeed().includes(levelOfNeed))
		errors.levelOfNeed = 'Choose the family’s level of need now';
	const decision = textField(form, 'decision');
	if (!(REVIEW_DECISION_KINDS as readonly string[]).includes(decision))
		errors.decision = 'Choose what happens next';
	const nextReviewMeetingId = decision === 'continue' ? readReviewMeeting(reading) : null;
	if (!noErrors(errors)) return null;
	return {
		kind: decision as ReviewDecision,
		part: 3,
		note,
		needStatuses,
		nextReviewMeetingId,
		levelOfNeed
	};
}

function readCommunityIssue({ note, errors }: Reading): OutcomeInput | null {
	if (!note) errors.note = 'Enter the response agreed';
	return noErrors(errors) ? { kind: 'agreed', part: 4, note } : null;
}
