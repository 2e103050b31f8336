import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DB } from '../platform/db';
import type { Database, FamilyCaseTable } from '../platform/schema';

/**
 * Named pieces of the queries that tie an item to its case, in the way of Kysely's reusable
 * helpers: a family item (part 2 or 3) is about a case through its new CAF or its review; parts 1
 * and 4 have neither. Written once here so that every list of a case's items finds the same ones.
 */

/** Items with the new CAF or review through which each is about its case. */
export function withItemCase<O>(qb: SelectQueryBuilder<Database, 'submission', O>) {
	return qb
		.leftJoin('new_caf', 'new_caf.submission_id', 'submission.id')
		.leftJoin('review', 'review.submission_id', 'submission.id');
}

/** Where the item (joined by withItemCase) is a new CAF or a review of this case. */
export function isItemOfCase(caseId: number) {
	return (eb: ExpressionBuilder<Database, 'new_caf' | 'review'>) =>
		eb.or([eb('new_caf.case_id', '=', caseId), eb('review.case_id', '=', caseId)]);
}

/** Joins an item's case as `item_case`: the one its new CAF or its review is about. */
export function isCaseOfItem(
	eb: ExpressionBuilder<
		Database & { item_case: FamilyCaseTable },
		'item_case' | 'new_caf' | 'review'
	>
) {
	return eb.or([
		eb('item_case.id', '=', eb.ref('new_caf.case_id')),
		eb('item_case.id', '=', eb.ref('review.case_id'))
	]);
}

/** The items (new CAF and reviews) brought about this case, with the meeting each went to. */
export function itemsOfCase(db: DB, caseId: number) {
	return db
		.selectFrom('submission')
		.$call(withItemCase)
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.where(isItemOfCase(caseId));
}

/** The case's needs, each with whom it is for, in the order the review form numbers them. */
export async function needsOf(db: DB, caseId: number, { open = false } = {}) {
	let query = db
		.selectFrom('need')
		.innerJoin('family_member', 'family_member.id', 'need.family_member_id')
		.select(['need.id', 'need.description', 'need.domain', 'family_member.name as forName'])
		.where('need.case_id', '=', caseId);
	// A review asks only about the needs still open; the case record shows them all.
	if (open) query = query.where('need.closed_at', 'is', null);
	return query.orderBy('need.id').execute();
}
