import type { DB } from '../platform/db';
import type { NeedStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { closureDays } from '../agenda/meetings';
import { OFFER_CAF, SHARE_OUTCOME } from '../../domain/outcomes';
import {
	caseStatusAfterReview,
	isAdviceOutcome,
	outcomeColumns,
	shareOutcomeDue,
	type OutcomeInput
} from './outcome-rules';
import { type ActionInput } from '../actions/action-form';

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
		const isAdvice = isAdviceOutcome(input.kind);
		const values = {
			meeting_id: item.meetingId,
			...outcomeColumns(input),
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
				dueDate: shareOutcomeDue(item.meetingDate, closures)
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
			const status = caseStatusAfterReview(input.kind);
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
