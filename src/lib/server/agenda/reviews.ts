import { openCaseActions } from '../actions/actions';
import type { DB } from '../platform/db';
import type { NeedDomain, NeedStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import type { SaveResult } from '../meeting/outcomes';
import { saveItemVersion } from './item-versions';
import { isComplete, LIVE_STATUSES, type CaseToReview } from './review-rules';
import { insertSubmission } from './submissions';
import { needsOf } from '../cases/queries';

/**
 * Part 3 of the agenda: a case already supported comes back to the group. Its lead professional
 * says, need by need, what is met and what is not, with a line of progress; the case's open actions
 * follow it in; a "stuck" plan is taken first. This is the store of the lead professional's side;
 * the chair's (reviews due, scheduling one) is reviews-due.ts.
 */

export interface ReviewInput {
	stuck: boolean;
	/** The family's own view of the plan, in their words as the lead professional reports it. */
	familyView?: string | null;
	needs: { needId: number; status: NeedStatus; progress: string; score?: number | null }[];
	/** A need that has emerged since the CAF: it joins the case's needs, not yet met. */
	emerged?: { memberId: number; description: string; domain: NeedDomain } | null;
}

/** What a need raised at a review says of its progress: it is new. */
export const EMERGED_NEED_PROGRESS = 'A new need, raised at this review';

type Reader = { id: number; ip: string | null; why: string };

/** Every read of a family's details is logged: who, which family, why (docs/domain.md). */
async function recordFamilyRead(
	db: DB,
	reader: Reader,
	reference: string,
	detail: Record<string, unknown> = {}
) {
	await recordAudit(db, {
		actorId: reader.id,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: reference,
		ip: reader.ip,
		detail: { why: reader.why, ...detail }
	});
}

/** Reviews of these cases waiting for a meeting that has not yet concluded. */
export async function waitingReviews(db: DB, caseIds: number[]) {
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

/** The case's family members, for whom a need that has emerged may be raised. */
export async function membersOf(db: DB, caseId: number) {
	return db
		.selectFrom('family_member')
		.select(['id', 'name'])
		.where('case_id', '=', caseId)
		.orderBy('id')
		.execute();
}

/** The needs a review covers, in the same order as the form (the needs of its case). */
export async function needsOfReview(db: DB, submissionId: number) {
	return db
		.selectFrom('review')
		.innerJoin('need', 'need.case_id', 'review.case_id')
		.select('need.id')
		.where('review.submission_id', '=', submissionId)
		.where('need.closed_at', 'is', null)
		.orderBy('need.id')
		.execute();
}

/**
 * The case's needs and open actions, for its lead professional writing a review. The needs are
 * the family's details, so the read is audited like any other (who, which family, why).
 */
export async function readCaseForReview(db: DB, caseId: number, reader: Reader) {
	const familyCase = await db
		.selectFrom('family_case')
		.select(['id', 'reference', 'initials'])
		.where('id', '=', caseId)
		.executeTakeFirst();
	if (!familyCase) return undefined;
	const previous = await previousScores(db, caseId, Number.MAX_SAFE_INTEGER);
	const needs = (await needsOf(db, caseId, { open: true })).map((need) => ({
		...need,
		previousScore: previous.get(need.id) ?? null
	}));
	const members = await membersOf(db, caseId);
	const openActions = await openCaseActions(db, caseId);
	await recordFamilyRead(db, reader, familyCase.reference);
	return { ...familyCase, needs, members, openActions };
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
			{ ...context, part: 3 },
			{
				actor: { id: context.submittedBy, ip },
				detail: {
					part: 3,
					reference: familyCase.reference,
					meetingId: context.meetingId,
					late: context.late,
					stuck: input.stuck,
					needEmerged: Boolean(input.emerged)
				}
			},
			now
		);
		await trx
			.insertInto('review')
			.values({
				submission_id: submission.id,
				case_id: context.caseId,
				stuck: input.stuck ? 1 : 0,
				family_view: input.familyView ?? null
			})
			.execute();
		for (const need of input.needs) {
			await trx
				.insertInto('need_update')
				.values({
					submission_id: submission.id,
					need_id: need.needId,
					status: need.status,
					progress: need.progress,
					score: need.score ?? null,
					support: null
				})
				.execute();
		}
		if (input.emerged) {
			const need = await trx
				.insertInto('need')
				.values({
					case_id: context.caseId,
					family_member_id: input.emerged.memberId,
					description: input.emerged.description,
					domain: input.emerged.domain
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('need_update')
				.values({
					submission_id: submission.id,
					need_id: need.id,
					status: 'not-met',
					progress: EMERGED_NEED_PROGRESS,
					support: null
				})
				.execute();
		}
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
	return db.transaction().execute((trx) =>
		saveItemVersion(
			trx,
			{ submissionId, version, actor, detail: { part: 3, stuck: input.stuck } },
			async () => {
				await trx
					.updateTable('review')
					.set({ stuck: input.stuck ? 1 : 0, family_view: input.familyView ?? null })
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
							score: need.score ?? null,
							support: null
						})
						.onConflict((oc) =>
							oc.columns(['submission_id', 'need_id']).doUpdateSet({
								status: need.status,
								progress: need.progress,
								score: need.score ?? null
							})
						)
						.execute();
				}
			},
			now
		)
	);
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
export async function readReview(db: DB, submissionId: number, reader: Reader) {
	const review = await db
		.selectFrom('review')
		.innerJoin('family_case', 'family_case.id', 'review.case_id')
		.select([
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'review.stuck',
			'review.family_view as familyView'
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
			'need_update.progress',
			'need_update.score'
		])
		.where('need.case_id', '=', review.caseId)
		.where((eb) =>
			eb.or([eb('need.closed_at', 'is', null), eb('need_update.need_id', 'is not', null)])
		)
		.orderBy('need.id')
		.execute();
	const previous = await previousScores(db, review.caseId, submissionId);
	const openActions = await openCaseActions(db, review.caseId);
	await recordFamilyRead(db, reader, review.reference, { submissionId });
	return {
		reference: review.reference,
		initials: review.initials,
		stuck: review.stuck === 1,
		familyView: review.familyView,
		complete: isComplete(needs),
		needs: needs.map((need) => ({ ...need, previousScore: previous.get(need.id) ?? null })),
		openActions
	};
}

/** Each need's score at the case's last review before this one (the one the new score follows). */
async function previousScores(db: DB, caseId: number, submissionId: number) {
	const rows = await db
		.selectFrom('need_update')
		.innerJoin('review', 'review.submission_id', 'need_update.submission_id')
		.select(['need_update.need_id as needId', 'need_update.score'])
		.where('review.case_id', '=', caseId)
		.where('need_update.submission_id', '<', submissionId)
		.where('need_update.score', 'is not', null)
		.orderBy('need_update.submission_id')
		.execute();
	return new Map(rows.map((row) => [row.needId, row.score!]));
}
