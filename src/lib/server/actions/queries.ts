import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DB } from '../platform/db';
import type { Database } from '../platform/schema';
import { isCaseOfItem } from '../cases/queries';
import { membersWithAccount } from '../people/queries';
import { OPEN_STATUSES } from './statuses';

/**
 * Named pieces of the queries about actions, in the way of Kysely's reusable helpers, so that what
 * every list, email and calendar feed says of an action is joined in one place.
 */

/**
 * What it takes to say what an action is about without naming anyone (reference.ts): the item's
 * part, the action's own case, the item's case, whether the item was taken as advice, the
 * community issue's title. Selects those facts only: never what the action says, so a query built
 * on it for a feed or an email carries nothing it should not. Call it first, on the action:
 * `db.selectFrom('action').$call(withActionReference)`.
 */
export function withActionReference<O>(qb: SelectQueryBuilder<Database, 'action', O>) {
	return qb
		.leftJoin('submission', 'submission.id', 'action.submission_id')
		.leftJoin('family_case as action_case', 'action_case.id', 'action.case_id')
		.leftJoin('new_caf', 'new_caf.submission_id', 'action.submission_id')
		.leftJoin('review', 'review.submission_id', 'action.submission_id')
		.leftJoin('family_case as item_case', (join) => join.on(isCaseOfItem))
		.leftJoin('outcome', 'outcome.submission_id', 'action.submission_id')
		.leftJoin('community_issue', 'community_issue.submission_id', 'action.submission_id')
		.select([
			'action.submission_id as submissionId',
			'submission.part',
			'action_case.reference as actionCaseReference',
			'item_case.reference as itemCaseReference',
			'outcome.taken_as_advice as takenAsAdvice',
			'community_issue.title as issueTitle'
		]);
}

/**
 * Actions as the lists signed-in members read show them: the reference's facts, what is to be
 * done, by whom and by when. Other lists build on it.
 */
export function actionsWithReference(db: DB) {
	return db
		.selectFrom('action')
		.$call(withActionReference)
		.select([
			'action.id',
			'action.description',
			'action.owner_name as ownerName',
			'action.owner_agency as ownerAgency',
			'action.due_date as dueDate'
		]);
}

/**
 * Where an action is for the actions review at the start of a meeting (docs/domain.md: overdue ones
 * are reviewed at the start of the next meeting): one of this community's, agreed at another of
 * its meetings (earlier ones, in practice: a meeting's own actions are agreed as it runs, and due
 * after it), still open and past its due date.
 */
export function isDueForReview(meeting: { id: number; communityId: number }, today: string) {
	return (eb: ExpressionBuilder<Database, 'action'>) =>
		eb.and([
			eb('action.community_id', '=', meeting.communityId),
			eb('action.status', 'in', OPEN_STATUSES),
			eb('action.due_date', '<', today),
			eb('action.meeting_id', '!=', meeting.id)
		]);
}

/** The community's members an action may go to: those with an enabled account. */
export function choosableMembers(db: DB, communityId: number) {
	return membersWithAccount(db, communityId).select([
		'user.id',
		'user.name',
		'agency.name as agency'
	]);
}

/** The people in the room an action may go to who are not members: substitutes and guests. */
export function choosableAttendees(db: DB, meetingId: number) {
	return db
		.selectFrom('attendance')
		.select(['id', 'name', 'agency', 'status', 'substitute_name as substituteName'])
		.where('meeting_id', '=', meetingId)
		.where('status', 'in', ['substitute', 'guest']);
}
