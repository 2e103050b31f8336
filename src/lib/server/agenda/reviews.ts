import { openCaseActions } from '../actions/actions';
import type { DB } from '../platform/db';
import type { NeedStatus, SubmissionStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import type { SaveResult } from '../meeting/outcomes';
import { claimVersion, insertSubmission } from './submissions';
import { textField, type FieldErrors } from '../http/forms';
import { formatMeetingDate, todayInEngland } from '../../dates';
import { NEED_STATUSES, PROGRESS_LIMIT } from '../../domain/needs';
import { sendNotices } from '../people/notices';

/**
 * Part 3 of the agenda: a case already supported comes back to the group. Its lead professional
 * says, need by need, what is met and what is not, with a line of progress; the case's open actions
 * follow it in; a "stuck" plan is taken first.
 */

/** An item still heading for a meeting: a review in one of these is not done yet. */
const LIVE_STATUSES: SubmissionStatus[] = ['submitted', 'accepted', 'deferred'];

export interface CaseToReview {
	id: number;
	reference: string;
	initials: string;
	/** A review already waiting for a meeting, which the LP changes rather than adds again. */
	waitingReview: { itemId: number; meetingDate: string } | null;
}

/** Reviews of these cases waiting for a meeting that has not yet concluded. */
async function waitingReviews(db: DB, caseIds: number[]) {
	if (caseIds.length === 0) return new Map<number, { itemId: number; meetingDate: string }>();
	const rows = await db
		.selectFrom('review')
		.innerJoin('submission', 'submission.id', 'review.submission_id')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.select(['review.case_id as caseId', 'submission.id as itemId', 'meeting.date as meetingDate'])
		.where('review.case_id', 'in', caseIds)
		.where('submission.status', 'in', LIVE_STATUSES)
		.where('meeting.status', 'not in', ['concluded', 'cancelled'])
		.orderBy('meeting.date')
		.execute();
	const byCase = new Map<number, { itemId: number; meetingDate: string }>();
	for (const row of rows)
		if (!byCase.has(row.caseId))
			byCase.set(row.caseId, { itemId: row.itemId, meetingDate: row.meetingDate });
	return byCase;
}

/** The open cases in this MAG that the person leads: the only ones they can bring for review. */
export async function casesLedBy(
	db: DB,
	userId: number,
	communityId: number
): Promise<CaseToReview[]> {
	const cases = await db
		.selectFrom('family_case')
		.select(['id', 'reference', 'initials'])
		.where('lead_professional_id', '=', userId)
		.where('community_id', '=', communityId)
		.where('status', '=', 'open')
		.orderBy('reference')
		.execute();
	const waiting = await waitingReviews(
		db,
		cases.map((c) => c.id)
	);
	return cases.map((c) => ({ ...c, waitingReview: waiting.get(c.id) ?? null }));
}

/** The case's needs in the order the review form numbers them. */
export async function needsOf(db: DB, caseId: number) {
	return db
		.selectFrom('need')
		.innerJoin('family_member', 'family_member.id', 'need.family_member_id')
		.select(['need.id', 'need.description', 'need.domain', 'family_member.name as forName'])
		.where('need.case_id', '=', caseId)
		.orderBy('need.id')
		.execute();
}

/** The needs a review covers, in the same order as the form (the needs of its case). */
export async function needsOfReview(db: DB, submissionId: number) {
	return db
		.selectFrom('review')
		.innerJoin('need', 'need.case_id', 'review.case_id')
		.select('need.id')
		.where('review.submission_id', '=', submissionId)
		.orderBy('need.id')
		.execute();
}

/**
 * The case's needs and open actions, for its lead professional writing a review. The needs are
 * the family's details, so the read is audited like any other (who, which family, why).
 */
export async function readCaseForReview(
	db: DB,
	caseId: number,
	reader: { id: number; ip: string | null; why: string }
) {
	const familyCase = await db
		.selectFrom('family_case')
		.select(['id', 'reference', 'initials'])
		.where('id', '=', caseId)
		.executeTakeFirst();
	if (!familyCase) return undefined;
	const needs = await needsOf(db, caseId);
	const openActions = await openCaseActions(db, caseId);
	await recordAudit(db, {
		actorId: reader.id,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: familyCase.reference,
		ip: reader.ip,
		detail: { why: reader.why }
	});
	return { ...familyCase, needs, openActions };
}

export interface ReviewInput {
	stuck: boolean;
	needs: { needId: number; status: NeedStatus; progress: string }[];
}

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

/** The part 3 item for the lead professional: item, review and need updates in one transaction. */
export async function createReview(
	db: DB,
	context: {
		meetingId: number;
		caseId: number;
		submittedBy: number;
		agencyId: number | null;
		late: boolean;
	},
	input: ReviewInput,
	ip: string | null,
	now = new Date()
): Promise<{ submissionId: number; reference: string }> {
	return db.transaction().execute(async (trx) => {
		const familyCase = await trx
			.selectFrom('family_case')
			.select('reference')
			.where('id', '=', context.caseId)
			.where('lead_professional_id', '=', context.submittedBy)
			.where('status', '=', 'open')
			.executeTakeFirst();
		if (!familyCase) throw new Error('Only the lead professional can review an open case');
		const submission = await insertSubmission(
			trx,
			{
				meetingId: context.meetingId,
				part: 3,
				submittedBy: context.submittedBy,
				agencyId: context.agencyId,
				late: context.late
			},
			now
		);
		await trx
			.insertInto('review')
			.values({ submission_id: submission.id, case_id: context.caseId, stuck: input.stuck ? 1 : 0 })
			.execute();
		for (const need of input.needs) {
			await trx
				.insertInto('need_update')
				.values({
					submission_id: submission.id,
					need_id: need.needId,
					status: need.status,
					progress: need.progress,
					support: null
				})
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: context.submittedBy,
				action: 'submission.created',
				recordType: 'submission',
				recordId: submission.id,
				ip,
				detail: {
					part: 3,
					reference: familyCase.reference,
					meetingId: context.meetingId,
					late: context.late,
					stuck: input.stuck
				}
			},
			now
		);
		return { submissionId: submission.id, reference: familyCase.reference };
	});
}

/**
 * The lead professional's changes to a review, while the agenda is still being built, in one
 * transaction. `version` is the one the form was loaded with: when someone saved the review in
 * between (the same person in another browser), nothing is written and the caller keeps the text.
 */
export async function updateReview(
	db: DB,
	submissionId: number,
	input: ReviewInput,
	version: number | null,
	actor: Actor,
	now = new Date()
): Promise<SaveResult> {
	return db.transaction().execute(async (trx) => {
		const next = await claimVersion(trx, submissionId, version, now);
		if (next === null) return { saved: false, conflict: true } as const;
		await trx
			.updateTable('review')
			.set({ stuck: input.stuck ? 1 : 0 })
			.where('submission_id', '=', submissionId)
			.execute();
		for (const need of input.needs) {
			await trx
				.insertInto('need_update')
				.values({
					submission_id: submissionId,
					need_id: need.needId,
					status: need.status,
					progress: need.progress,
					support: null
				})
				.onConflict((oc) =>
					oc
						.columns(['submission_id', 'need_id'])
						.doUpdateSet({ status: need.status, progress: need.progress })
				)
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'submission.updated',
				recordType: 'submission',
				recordId: submissionId,
				ip: actor.ip,
				detail: { part: 3, stuck: input.stuck }
			},
			now
		);
		return { saved: true, version: next } as const;
	});
}

/** What anyone allowed to open a part 3 item sees: the case reference and initials, never more. */
export async function reviewedCase(db: DB, submissionId: number) {
	const row = await db
		.selectFrom('review')
		.innerJoin('family_case', 'family_case.id', 'review.case_id')
		.select(['family_case.reference', 'family_case.initials', 'review.stuck'])
		.where('review.submission_id', '=', submissionId)
		.executeTakeFirst();
	return row && { reference: row.reference, initials: row.initials, stuck: row.stuck === 1 };
}

/**
 * The review in full, for its lead professional and the chair: each need with its status and
 * progress (null until the LP gives them, for a review the chair scheduled) and the open actions.
 * Audited as a read of the family's details.
 */
export async function readReview(
	db: DB,
	submissionId: number,
	reader: { id: number; ip: string | null; why: string }
) {
	const review = await db
		.selectFrom('review')
		.innerJoin('family_case', 'family_case.id', 'review.case_id')
		.select([
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'review.stuck'
		])
		.where('review.submission_id', '=', submissionId)
		.executeTakeFirst();
	if (!review) return undefined;
	const needs = await db
		.selectFrom('need')
		.innerJoin('family_member', 'family_member.id', 'need.family_member_id')
		.leftJoin('need_update', (join) =>
			join
				.onRef('need_update.need_id', '=', 'need.id')
				.on('need_update.submission_id', '=', submissionId)
		)
		.select([
			'need.id',
			'need.description',
			'need.domain',
			'family_member.name as forName',
			'need_update.status',
			'need_update.progress'
		])
		.where('need.case_id', '=', review.caseId)
		.orderBy('need.id')
		.execute();
	const openActions = await openCaseActions(db, review.caseId);
	await recordAudit(db, {
		actorId: reader.id,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: review.reference,
		ip: reader.ip,
		detail: { why: reader.why, submissionId }
	});
	return {
		reference: review.reference,
		initials: review.initials,
		stuck: review.stuck === 1,
		complete: needs.every((need) => need.status !== null && need.progress !== null),
		needs,
		openActions
	};
}

export interface ReviewDue {
	caseId: number;
	reference: string;
	initials: string;
	leadProfessionalName: string | null;
	reviewMeetingDate: string;
}

/**
 * Cases the chair should think of putting on this agenda: open cases of the meeting's community
 * whose review falls at or before this meeting, with no review already waiting for a meeting that
 * has not concluded (this one, an earlier one, or a later one: a second review of the same case
 * would only be a duplicate). Reference, initials and lead professional only.
 */
export async function reviewsDue(db: DB, meetingId: number): Promise<ReviewDue[]> {
	const meeting = await db
		.selectFrom('meeting')
		.select(['community_id', 'date'])
		.where('id', '=', meetingId)
		.executeTakeFirst();
	if (!meeting) return [];
	return db
		.selectFrom('family_case')
		.innerJoin(
			'meeting as review_meeting',
			'review_meeting.id',
			'family_case.next_review_meeting_id'
		)
		.leftJoin('user as lead', 'lead.id', 'family_case.lead_professional_id')
		.select([
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'lead.name as leadProfessionalName',
			'review_meeting.date as reviewMeetingDate'
		])
		.where('family_case.community_id', '=', meeting.community_id)
		.where('family_case.status', '=', 'open')
		.where((eb) =>
			eb.or([
				eb('review_meeting.date', '<=', meeting.date),
				eb('family_case.next_review_meeting_id', '=', meetingId)
			])
		)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('review')
						.innerJoin('submission', 'submission.id', 'review.submission_id')
						.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
						.select('review.submission_id')
						.whereRef('review.case_id', '=', 'family_case.id')
						.where('submission.status', 'in', LIVE_STATUSES)
						.where('meeting.status', 'not in', ['concluded', 'cancelled'])
				)
			)
		)
		.orderBy('review_meeting.date')
		.orderBy('family_case.reference')
		.execute();
}

export type ScheduleResult =
	| { ok: true; submissionId: number; reference: string; leadProfessionalName: string }
	| { ok: false; reason: string };

/**
 * The chair (or a coordinator) puts a case's review on this meeting's agenda for its lead
 * professional. The item is the LP's, waiting for the chair's decision like any other; its needs
 * have no status yet. The LP is told (by reference only) and gives each need's status and progress
 * on the item's page while the agenda is being built.
 */
export async function scheduleReview(
	db: DB,
	meetingId: number,
	caseId: number,
	actor: Actor,
	now = new Date()
): Promise<ScheduleResult> {
	return db.transaction().execute(async (trx): Promise<ScheduleResult> => {
		const meeting = await trx
			.selectFrom('meeting')
			.select(['community_id', 'date', 'submission_deadline'])
			.where('id', '=', meetingId)
			.executeTakeFirst();
		const familyCase = await trx
			.selectFrom('family_case')
			.innerJoin('user as lead', 'lead.id', 'family_case.lead_professional_id')
			.select([
				'family_case.reference',
				'family_case.community_id',
				'family_case.status',
				'lead.id as leadId',
				'lead.name as leadName',
				'lead.agency_id as leadAgencyId'
			])
			.where('family_case.id', '=', caseId)
			.executeTakeFirst();
		if (!meeting || !familyCase || familyCase.community_id !== meeting.community_id)
			return { ok: false, reason: 'That case has no lead professional in this MAG' };
		if (familyCase.status !== 'open') return { ok: false, reason: 'That case is closed' };
		if ((await waitingReviews(trx, [caseId])).has(caseId))
			return { ok: false, reason: `A review of ${familyCase.reference} is already waiting` };
		const late = todayInEngland(now) > meeting.submission_deadline;
		const submission = await insertSubmission(
			trx,
			{
				meetingId: meetingId,
				part: 3,
				submittedBy: familyCase.leadId,
				agencyId: familyCase.leadAgencyId,
				late: late
			},
			now
		);
		await trx
			.insertInto('review')
			.values({ submission_id: submission.id, case_id: caseId, stuck: 0 })
			.execute();
		for (const need of await trx
			.selectFrom('need')
			.select('id')
			.where('case_id', '=', caseId)
			.execute()) {
			await trx
				.insertInto('need_update')
				.values({
					submission_id: submission.id,
					need_id: need.id,
					status: null,
					progress: null,
					support: null
				})
				.execute();
		}
		await sendNotices(
			trx,
			[
				{
					userId: familyCase.leadId,
					message:
						`A review of ${familyCase.reference}, a case you lead, is on the agenda for the MAG ` +
						`meeting on ${formatMeetingDate(meeting.date)}. Say how each need is going before ` +
						`the agenda is published.`,
					link: `/items/${submission.id}`
				}
			],
			now
		);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'submission.created',
				recordType: 'submission',
				recordId: submission.id,
				ip: actor.ip,
				detail: {
					part: 3,
					reference: familyCase.reference,
					meetingId,
					late,
					onBehalfOf: familyCase.leadId
				}
			},
			now
		);
		return {
			ok: true,
			submissionId: submission.id,
			reference: familyCase.reference,
			leadProfessionalName: familyCase.leadName
		};
	});
}
