import type { DB } from '../platform/db';
import type { Actor } from '../audit/log';
import { sendNotices } from '../people/notices';
import { LIVE_STATUSES, schedulable, scheduledReviewNotice } from './review-rules';
import { waitingReviews } from './reviews';
import { insertSubmission } from './submissions';
import { todayInEngland } from '../../dates';
import { FAMILY_ITEM_LIMIT } from '../../domain/limits';

/**
 * The chair's side of part 3: the cases whose review is due at a meeting, and putting one on the
 * agenda for its lead professional. Reference, initials and lead professional only: the chair
 * reads the family's details on the item, where the read is logged.
 */

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
	return db
		.transaction()
		.execute((trx) => scheduleInTransaction(trx, meetingId, caseId, actor, now));
}

async function scheduleInTransaction(
	trx: DB,
	meetingId: number,
	caseId: number,
	actor: Actor,
	now: Date
): Promise<ScheduleResult> {
	const check = schedulable(
		await trx
			.selectFrom('meeting')
			.select(['community_id as communityId', 'date', 'submission_deadline as deadline'])
			.where('id', '=', meetingId)
			.executeTakeFirst(),
		await trx
			.selectFrom('family_case')
			.innerJoin('user as lead', 'lead.id', 'family_case.lead_professional_id')
			.select([
				'family_case.reference',
				'family_case.community_id as communityId',
				'family_case.status',
				'lead.id as leadId',
				'lead.name as leadName',
				'lead.agency_id as leadAgencyId'
			])
			.where('family_case.id', '=', caseId)
			.executeTakeFirst(),
		(await waitingReviews(trx, [caseId])).has(caseId)
	);
	if (!check.ok) return check;
	const { meeting, familyCase } = check;
	const late = todayInEngland(now) > meeting.deadline;
	const submission = await insertSubmission(
		trx,
		{
			meetingId,
			part: 3,
			submittedBy: familyCase.leadId,
			agencyId: familyCase.leadAgencyId,
			late
		},
		{
			actor,
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
				message: scheduledReviewNotice(familyCase.reference, meeting.date),
				link: `/items/${submission.id}`
			}
		],
		now
	);
	return {
		ok: true,
		submissionId: submission.id,
		reference: familyCase.reference,
		leadProfessionalName: familyCase.leadName
	};
}

/** Thrown inside the transaction so that one case that cannot be scheduled schedules none. */
class NotSchedulable extends Error {}

export type ScheduleAllResult = { ok: true; count: number } | { ok: false; reason: string };

/**
 * The chair schedules several reviews due in one step, in one transaction: all of them or none.
 * The meeting takes at most FAMILY_ITEM_LIMIT family items (new CAFs and reviews waiting or
 * accepted there); asking for more than fit schedules nothing and says how many fit.
 */
export async function scheduleReviews(
	db: DB,
	meetingId: number,
	caseIds: number[],
	actor: Actor,
	now = new Date()
): Promise<ScheduleAllResult> {
	if (caseIds.length === 0) return { ok: false, reason: 'Choose at least one review to schedule' };
	try {
		return await db.transaction().execute(async (trx): Promise<ScheduleAllResult> => {
			const fit = FAMILY_ITEM_LIMIT - (await familyItems(trx, meetingId));
			if (caseIds.length > fit) {
				throw new NotSchedulable(roomMessage(caseIds.length, Math.max(fit, 0)));
			}
			for (const caseId of caseIds) {
				const result = await scheduleInTransaction(trx, meetingId, caseId, actor, now);
				if (!result.ok) throw new NotSchedulable(`Nothing was scheduled: ${result.reason}`);
			}
			return { ok: true, count: caseIds.length };
		});
	} catch (e) {
		if (e instanceof NotSchedulable) return { ok: false, reason: e.message };
		throw e;
	}
}

/** What the chair reads when the reviews chosen do not all fit on the agenda. */
export function roomMessage(asked: number, fit: number): string {
	const room = fit === 0 ? 'no more fit' : `only ${fit} more ${fit === 1 ? 'fits' : 'fit'}`;
	return (
		`Nothing was scheduled: a meeting takes ${FAMILY_ITEM_LIMIT} family items and ${room}. ` +
		`You chose ${asked}; choose ${fit === 0 ? 'none, or decline or defer an item first' : `${fit} or fewer`}.`
	);
}

/** New CAFs and reviews waiting for a decision or accepted at this meeting. */
async function familyItems(db: DB, meetingId: number): Promise<number> {
	const row = await db
		.selectFrom('submission')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('meeting_id', '=', meetingId)
		.where('part', 'in', [2, 3])
		.where('status', 'in', ['submitted', 'accepted'])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
