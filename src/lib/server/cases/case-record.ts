import type { DB } from '../platform/db';
import { recordAudit } from '../audit/log';
import { levelOfNeedOverTime, needsWithHistory, timelineOf } from './case-record-rules';
import { consentHistory } from './consent';
import { consentStanding } from './consent-rules';
import { itemsOfCase, needsOf } from './queries';

/**
 * The case record (README, "Case records"): the family, their needs and what each meeting said of
 * them, the items and their outcomes, consent over time, hand-overs and the case's status. Who
 * reads which of it is decided in policy/case-record.ts; every read here is audited.
 */

export async function findCase(db: DB, caseId: number) {
	return db
		.selectFrom('family_case')
		.innerJoin('community', 'community.id', 'family_case.community_id')
		.leftJoin('user as lead', 'lead.id', 'family_case.lead_professional_id')
		.leftJoin('agency', 'agency.id', 'lead.agency_id')
		.leftJoin('meeting as next', 'next.id', 'family_case.next_review_meeting_id')
		.select([
			'family_case.id',
			'family_case.reference',
			'family_case.initials',
			'family_case.status',
			'family_case.community_id as communityId',
			'community.name as communityName',
			'family_case.lead_professional_id as leadProfessionalId',
			'lead.name as leadProfessionalName',
			'agency.name as leadProfessionalAgency',
			'next.id as nextReviewMeetingId',
			'next.date as nextReviewDate'
		])
		.where('family_case.id', '=', caseId)
		.executeTakeFirst();
}

export interface CaseReader {
	id: number;
	ip: string | null;
}

/** The actions of the case, or of one owner on it. */
function actionsOfCase(db: DB, caseId: number) {
	return db
		.selectFrom('action')
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.select([
			'action.id',
			'action.submission_id as submissionId',
			'action.description',
			'action.owner_id as ownerId',
			'action.owner_name as ownerName',
			'action.owner_agency as ownerAgency',
			'action.due_date as dueDate',
			'action.status',
			'meeting.date as meetingDate'
		])
		.where('action.case_id', '=', caseId)
		.orderBy('action.due_date')
		.orderBy('action.id');
}

/**
 * What an action owner sees: the case by reference, who leads it, and their own actions on it.
 * No names or needs. Logged, as it shows they were told of the case.
 */
export async function readActionSummary(db: DB, caseId: number, reader: CaseReader) {
	const familyCase = await findCase(db, caseId);
	if (!familyCase) return undefined;
	const actions = await actionsOfCase(db, caseId)
		.where('action.owner_id', '=', reader.id)
		.execute();
	await recordAudit(db, {
		actorId: reader.id,
		action: 'case.summary-viewed',
		recordType: 'family_case',
		recordId: familyCase.reference,
		ip: reader.ip,
		detail: { why: 'action owner: summary for their action', caseId }
	});
	return {
		reference: familyCase.reference,
		initials: familyCase.initials,
		status: familyCase.status,
		leadProfessionalName: familyCase.leadProfessionalName,
		leadProfessionalAgency: familyCase.leadProfessionalAgency,
		actions: actions.map((a) => ({
			description: a.description,
			dueDate: a.dueDate,
			status: a.status,
			meetingDate: a.meetingDate
		}))
	};
}

/** The whole case record, for those with full access. Every read is audited. */
export async function readCase(db: DB, caseId: number, reader: CaseReader, today: string) {
	const familyCase = await findCase(db, caseId);
	if (!familyCase) return undefined;
	const members = await db
		.selectFrom('family_member')
		.select(['id', 'name', 'date_of_birth as dateOfBirth', 'relationship', 'setting', 'is_child'])
		.where('case_id', '=', caseId)
		.orderBy('id')
		.execute();
	const needs = await needsOf(db, caseId);
	const needHistory = await db
		.selectFrom('need_update')
		.innerJoin('need', 'need.id', 'need_update.need_id')
		.innerJoin('submission', 'submission.id', 'need_update.submission_id')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.select([
			'need_update.need_id as needId',
			'need_update.status',
			'need_update.progress',
			'need_update.support',
			'meeting.date as meetingDate'
		])
		.where('need.case_id', '=', caseId)
		.orderBy('meeting.date')
		.orderBy('submission.id')
		.execute();
	const items = await itemsOfCase(db, caseId)
		.leftJoin('outcome', 'outcome.submission_id', 'submission.id')
		.select([
			'submission.id',
			'submission.part',
			'submission.status',
			'meeting.id as meetingId',
			'meeting.date as meetingDate',
			'new_caf.level_of_need as levelOfNeed',
			'outcome.level_of_need as reviewedLevelOfNeed',
			'outcome.kind as outcomeKind',
			'outcome.note as outcomeNote'
		])
		.orderBy('meeting.date')
		.orderBy('submission.id')
		.execute();
	const actions = await actionsOfCase(db, caseId).execute();
	const gateChecks = await db
		.selectFrom('gate_check')
		.select(['submission_id as submissionId', 'result', 'reason'])
		.where('submission_id', 'in', items.length > 0 ? items.map((i) => i.id) : [-1])
		.orderBy('id')
		.execute();
	const consents = await consentHistory(db, caseId);
	const leadChanges = await db
		.selectFrom('lead_professional_change')
		.leftJoin('user as from', 'from.id', 'lead_professional_change.from_user_id')
		.innerJoin('user as to', 'to.id', 'lead_professional_change.to_user_id')
		.innerJoin('user as by', 'by.id', 'lead_professional_change.changed_by')
		.select([
			'lead_professional_change.id',
			'from.name as fromName',
			'to.id as toUserId',
			'to.name as toName',
			'by.name as byName',
			'lead_professional_change.reason',
			'lead_professional_change.changed_at as changedAt',
			'lead_professional_change.acknowledged_at as acknowledgedAt'
		])
		.where('lead_professional_change.case_id', '=', caseId)
		.orderBy('lead_professional_change.id')
		.execute();
	const statusChanges = await db
		.selectFrom('case_status_change')
		.innerJoin('user', 'user.id', 'case_status_change.changed_by')
		.select([
			'case_status_change.id',
			'case_status_change.status',
			'user.name as byName',
			'case_status_change.changed_at as changedAt'
		])
		.where('case_status_change.case_id', '=', caseId)
		.orderBy('case_status_change.id')
		.execute();
	const flagged = await db
		.selectFrom('action_flag')
		.innerJoin('action', 'action.id', 'action_flag.action_id')
		.select([
			'action_flag.id',
			'action.description',
			'action.owner_name as ownerName',
			'action.owner_agency as ownerAgency',
			'action.due_date as dueDate',
			'action_flag.reason',
			'action_flag.flagged_at as flaggedAt',
			'action_flag.decision',
			'action_flag.decision_reason as decisionReason'
		])
		.where('action_flag.case_id', '=', caseId)
		.orderBy('action_flag.id')
		.execute();
	await recordAudit(db, {
		actorId: reader.id,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: familyCase.reference,
		ip: reader.ip,
		detail: { why: 'case record', caseId }
	});
	const current = consents.find((c) => c.current);
	return {
		case: familyCase,
		members: members.map(({ is_child, ...m }) => ({ ...m, isChild: is_child === 1 })),
		needs: needsWithHistory(needs, needHistory),
		levelOfNeed: levelOfNeedOverTime(items),
		timeline: timelineOf(items, gateChecks, actions),
		consents,
		consentStanding: consentStanding(current, familyCase.nextReviewDate, today),
		leadChanges,
		statusChanges,
		flagged
	};
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof readCase>>>;
export type ActionSummaryOfCase = NonNullable<Awaited<ReturnType<typeof readActionSummary>>>;

/**
 * The cases on someone's list: those they lead or brought, and for chairs and coordinators every
 * case of their communities. References, initials and status only: no names in a list.
 */
export async function casesOf(db: DB, userId: number) {
	const user = await db
		.selectFrom('user')
		.select(['is_administrator', 'is_dpo'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user || user.is_administrator === 1 || user.is_dpo === 1) return [];
	return db
		.selectFrom('family_case')
		.leftJoin('user as lead', 'lead.id', 'family_case.lead_professional_id')
		.leftJoin('meeting as next', 'next.id', 'family_case.next_review_meeting_id')
		.select([
			'family_case.id',
			'family_case.reference',
			'family_case.initials',
			'family_case.status',
			'lead.name as leadProfessionalName',
			'next.date as nextReviewDate'
		])
		.where((eb) =>
			eb.or([
				eb('family_case.lead_professional_id', '=', userId),
				eb(
					'family_case.community_id',
					'in',
					eb
						.selectFrom('community_membership')
						.select('community_id')
						.where('user_id', '=', userId)
						.where('role', 'in', ['chair', 'coordinator'])
				),
				eb(
					'family_case.id',
					'in',
					eb
						.selectFrom('new_caf')
						.innerJoin('submission', 'submission.id', 'new_caf.submission_id')
						.select('new_caf.case_id')
						.where('submission.submitted_by', '=', userId)
				),
				eb(
					'family_case.id',
					'in',
					eb
						.selectFrom('review')
						.innerJoin('submission', 'submission.id', 'review.submission_id')
						.select('review.case_id')
						.where('submission.submitted_by', '=', userId)
				)
			])
		)
		.orderBy('family_case.reference')
		.execute();
}
