import type { DB } from '../platform/db';
import type { NeedStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { readActionDueDate, readActionOwner, type ActionInput } from '../actions/action-form';
import { addWorkingDays } from '../../calendar/working-days';
import { closureDays } from '../agenda/meetings';
import { levelsOfNeed } from '../agenda/new-caf-rules';
import { TEXT_LIMITS } from '../../domain/text-limits';
import {
	ADVICE_OUTCOMES,
	OFFER_CAF,
	REVIEW_DECISION_KINDS,
	SHARE_OUTCOME,
	type ReviewDecision
} from '../../domain/outcomes';
import { NEED_STATUSES } from '../../domain/needs';
import { SHARE_OUTCOME_WORKING_DAYS } from '../../domain/limits';

export type OutcomeInput =
	| {
			kind: keyof typeof ADVICE_OUTCOMES;
			note: string;
			agency: string | null;
			offer: ActionInput | null;
			takenAsAdvice: boolean;
	  }
	| {
			kind: 'agreed';
			part: 2;
			note: string;
			support: Record<number, string>;
			leadProfessionalId: number;
			nextReviewMeetingId: number;
	  }
	| {
			kind: ReviewDecision;
			part: 3;
			note: string;
			needStatuses: Record<number, NeedStatus>;
			nextReviewMeetingId: number | null;
			/** The family's level of need now, as the group agrees it (one of levelsOfNeed()). */
			levelOfNeed: string;
	  }
	| { kind: 'agreed'; part: 4; note: string };

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

/** Reads the outcome form for an item; errors keyed by field, what was typed echoed back. */
export async function readOutcomeForm(db: DB, form: FormData, context: OutcomeContext) {
	const values: Record<string, string> = {};
	for (const [name, value] of form.entries()) if (typeof value === 'string') values[name] = value;
	const errors: FieldErrors = {};
	const note = textField(form, 'note');
	// An anonymous item's outcome is read by every member in the minutes, so its note is screened
	// as the item was; a family's note is shown only to those the consent gate opened for.
	const anonymous = context.part === 1 || context.part === 4 || context.asAdvice;
	const screen = { what: context.part === 4 ? 'Community issues' : 'Advice requests' };
	const noteProblem = freeTextProblem(note, {
		limit: TEXT_LIMITS.outcomeNote,
		label: 'The note',
		...(anonymous ? { screen } : {})
	});
	if (noteProblem) errors.note = noteProblem;
	const reviewMeeting = () => {
		const id = Number(textField(form, 'nextReview'));
		if (!context.reviewMeetingIds.includes(id)) {
			errors.nextReview = 'Choose the meeting for the next review';
			return null;
		}
		return id;
	};

	let input: OutcomeInput | null = null;
	if (context.part === 1 || context.asAdvice) {
		const kind = textField(form, 'kind');
		if (!Object.hasOwn(ADVICE_OUTCOMES, kind)) errors.kind = 'Choose the outcome';
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
		if (Object.keys(errors).length === 0)
			input = {
				kind: kind as keyof typeof ADVICE_OUTCOMES,
				note,
				agency: kind === 'single-agency' ? agency : null,
				offer,
				takenAsAdvice: context.asAdvice
			};
	} else if (context.part === 2) {
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
		const lead = Number(textField(form, 'leadProfessional').replace('member:', ''));
		if (!context.leadProfessionalChoices.includes(lead))
			errors.leadProfessional =
				'Choose the lead professional: a new CAF cannot be concluded without one';
		const nextReviewMeetingId = reviewMeeting();
		if (Object.keys(errors).length === 0)
			input = {
				kind: 'agreed',
				part: 2,
				note,
				support,
				leadProfessionalId: lead,
				nextReviewMeetingId: nextReviewMeetingId!
			};
	} else if (context.part === 3) {
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
		const nextReviewMeetingId = decision === 'continue' ? reviewMeeting() : null;
		if (Object.keys(errors).length === 0)
			input = {
				kind: decision as ReviewDecision,
				part: 3,
				note,
				needStatuses,
				nextReviewMeetingId,
				levelOfNeed
			};
	} else {
		if (!note) errors.note = 'Enter the response agreed';
		if (Object.keys(errors).length === 0) input = { kind: 'agreed', part: 4, note };
	}
	return { values, errors, input };
}

export type SaveResult = { saved: true; version: number } | { saved: false; conflict: true };

/**
 * Saves an item's outcome in one transaction with everything it sets off: the CAF offer action,
 * the lead professional's "share the outcome" action, the case's lead professional, status and
 * next review, and the needs' support or status. `version` is the one the form was loaded with:
 * when someone else saved in between, nothing is written and the caller keeps the user's text.
 */
export async function saveOutcome(
	db: DB,
	item: {
		submissionId: number;
		meetingId: number;
		meetingDate: string;
		communityId: number;
		caseId: number | null;
	},
	input: OutcomeInput,
	version: number,
	actor: Actor,
	now = new Date()
): Promise<SaveResult> {
	const closures = await closureDays(db);
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('outcome')
			.select('version')
			.where('submission_id', '=', item.submissionId)
			.executeTakeFirst();
		if ((existing?.version ?? 0) !== version) return { saved: false, conflict: true } as const;
		const stamp = now.toISOString();
		const isAdvice = Object.hasOwn(ADVICE_OUTCOMES, input.kind);
		const values = {
			meeting_id: item.meetingId,
			kind: input.kind,
			note: input.note,
			agency: 'agency' in input ? input.agency : null,
			lead_professional_id: 'leadProfessionalId' in input ? input.leadProfessionalId : null,
			next_review_meeting_id: 'nextReviewMeetingId' in input ? input.nextReviewMeetingId : null,
			taken_as_advice: 'takenAsAdvice' in input && input.takenAsAdvice ? 1 : 0,
			level_of_need: 'levelOfNeed' in input ? input.levelOfNeed : null,
			version: version + 1,
			recorded_by: actor.id,
			recorded_at: stamp
		};
		if (existing)
			await trx
				.updateTable('outcome')
				.set(values)
				.where('submission_id', '=', item.submissionId)
				.execute();
		else
			await trx
				.insertInto('outcome')
				.values({ submission_id: item.submissionId, ...values })
				.execute();

		const context = {
			community_id: item.communityId,
			meeting_id: item.meetingId,
			submission_id: item.submissionId,
			created_by: actor.id,
			created_at: stamp
		};
		const replaceAction = async (description: string, owner: ActionInput | null) => {
			await trx
				.deleteFrom('action')
				.where('submission_id', '=', item.submissionId)
				.where('description', '=', description)
				.where('status', '=', 'open')
				.execute();
			if (owner)
				await trx
					.insertInto('action')
					.values({
						...context,
						// An anonymous item's offer stays anonymous: no case is attached.
						case_id: isAdvice ? null : item.caseId,
						description,
						owner_id: owner.ownerId,
						owner_name: owner.ownerName,
						owner_agency: owner.ownerAgency,
						due_date: owner.dueDate,
						completed_at: null
					})
					.execute();
		};

		if (isAdvice && 'offer' in input) {
			await replaceAction(OFFER_CAF, input.offer);
		} else if ('part' in input && input.part === 2 && item.caseId !== null) {
			const lead = await trx
				.selectFrom('user')
				.leftJoin('agency', 'agency.id', 'user.agency_id')
				.select(['user.id', 'user.name', 'agency.name as agency'])
				.where('user.id', '=', input.leadProfessionalId)
				.executeTakeFirstOrThrow();
			// Every family supported has a lead professional, who then shares the outcome with them.
			await replaceAction(SHARE_OUTCOME, {
				description: SHARE_OUTCOME,
				ownerId: lead.id,
				ownerName: lead.name,
				ownerAgency: lead.agency ?? 'No agency',
				dueDate: addWorkingDays(item.meetingDate, SHARE_OUTCOME_WORKING_DAYS, closures)
			});
			await trx
				.updateTable('family_case')
				.set({
					lead_professional_id: lead.id,
					next_review_meeting_id: input.nextReviewMeetingId,
					status: 'open'
				})
				.where('id', '=', item.caseId)
				.execute();
			for (const [needId, support] of Object.entries(input.support))
				await upsertNeedUpdate(trx, item.submissionId, Number(needId), { support });
		} else if ('part' in input && input.part === 3 && item.caseId !== null) {
			const status = input.kind === 'continue' ? 'open' : input.kind;
			await trx
				.updateTable('family_case')
				.set({ status, next_review_meeting_id: input.nextReviewMeetingId })
				.where('id', '=', item.caseId)
				.execute();
			// The case record shows its status over time (a re-saved outcome adds a line too).
			await trx
				.insertInto('case_status_change')
				.values({
					case_id: item.caseId,
					status,
					changed_by: actor.id,
					changed_at: stamp,
					submission_id: item.submissionId
				})
				.execute();
			for (const [needId, status] of Object.entries(input.needStatuses))
				await upsertNeedUpdate(trx, item.submissionId, Number(needId), { status });
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'outcome.recorded',
				recordType: 'submission',
				recordId: item.submissionId,
				ip: actor.ip,
				detail: { kind: input.kind, version: version + 1 }
			},
			now
		);
		return { saved: true, version: version + 1 } as const;
	});
}

async function upsertNeedUpdate(
	db: DB,
	submissionId: number,
	needId: number,
	change: { support?: string; status?: NeedStatus }
) {
	const existing = await db
		.selectFrom('need_update')
		.select('need_id')
		.where('submission_id', '=', submissionId)
		.where('need_id', '=', needId)
		.executeTakeFirst();
	if (existing)
		await db
			.updateTable('need_update')
			.set(change)
			.where('submission_id', '=', submissionId)
			.where('need_id', '=', needId)
			.execute();
	else
		await db
			.insertInto('need_update')
			.values({
				submission_id: submissionId,
				need_id: needId,
				status: change.status ?? null,
				progress: null,
				support: change.support ?? null
			})
			.execute();
}

export async function findOutcome(db: DB, submissionId: number) {
	return db
		.selectFrom('outcome')
		.leftJoin('user', 'user.id', 'outcome.lead_professional_id')
		.leftJoin('meeting', 'meeting.id', 'outcome.next_review_meeting_id')
		.select([
			'outcome.kind',
			'outcome.note',
			'outcome.agency',
			'outcome.lead_professional_id as leadProfessionalId',
			'user.name as leadProfessionalName',
			'outcome.next_review_meeting_id as nextReviewMeetingId',
			'meeting.date as nextReviewDate',
			'outcome.taken_as_advice as takenAsAdvice',
			'outcome.level_of_need as levelOfNeed',
			'outcome.version'
		])
		.where('outcome.submission_id', '=', submissionId)
		.executeTakeFirst();
}

/** What the item's need rows say at this meeting: support agreed (part 2), status (part 3). */
export async function needUpdates(db: DB, submissionId: number) {
	return db
		.selectFrom('need_update')
		.select(['need_id as needId', 'status', 'progress', 'support'])
		.where('submission_id', '=', submissionId)
		.execute();
}

/**
 * A case's level of need as last agreed: at its latest review with a level recorded, else at its
 * new CAF. What a review's "Level of need now" starts from.
 */
export async function latestLevelOfNeed(db: DB, caseId: number): Promise<string | null> {
	const reviewed = await db
		.selectFrom('outcome')
		.innerJoin('review', 'review.submission_id', 'outcome.submission_id')
		.innerJoin('meeting', 'meeting.id', 'outcome.meeting_id')
		.select('outcome.level_of_need as level')
		.where('review.case_id', '=', caseId)
		.where('outcome.level_of_need', 'is not', null)
		.orderBy('meeting.date', 'desc')
		.orderBy('outcome.recorded_at', 'desc')
		.executeTakeFirst();
	if (reviewed?.level) return reviewed.level;
	const caf = await db
		.selectFrom('new_caf')
		.select('level_of_need as level')
		.where('case_id', '=', caseId)
		.orderBy('caf_date', 'desc')
		.executeTakeFirst();
	return caf?.level ?? null;
}
