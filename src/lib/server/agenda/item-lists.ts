import type { DB } from '../platform/db';
import { itemLabel } from './submission-rules';

/**
 * The lists of items: a submitter's own, and a meeting's. One line per item, named by
 * `itemLabel`: never the text of the item, and a family only by reference and initials.
 */

/**
 * Items with what names them (itemLabel): the meeting and community they are going to, and the
 * part's own row (community issue, advice request, new CAF or review) with the family's case.
 */
export function itemsWithLabelFacts(db: DB) {
	return db
		.selectFrom('submission')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.leftJoin('community_issue', 'community_issue.submission_id', 'submission.id')
		.leftJoin('advice_request', 'advice_request.submission_id', 'submission.id')
		.leftJoin('new_caf', 'new_caf.submission_id', 'submission.id')
		.leftJoin('review', 'review.submission_id', 'submission.id')
		.leftJoin('family_case', (join) =>
			join.on((eb) =>
				eb('family_case.id', '=', eb.fn.coalesce('new_caf.case_id', 'review.case_id'))
			)
		);
}

/** Items with their label facts and who submitted them (`user`), for which agency (`agency`). */
export function itemsWithSubmitter(db: DB) {
	return itemsWithLabelFacts(db)
		.innerJoin('user', 'user.id', 'submission.submitted_by')
		.leftJoin('agency', 'agency.id', 'submission.agency_id');
}

/** One line per item: what the lists show (never the text of the item). */
export function itemSummaries(db: DB) {
	return itemsWithSubmitter(db).select([
		'submission.id',
		'submission.part',
		'family_case.reference',
		'family_case.initials',
		'new_caf.way_in as wayIn',
		'review.stuck',
		'submission.status',
		'submission.late',
		'submission.created_at as submittedAt',
		'submission.meeting_id as meetingId',
		'submission.submitted_by as submittedBy',
		'meeting.date as meetingDate',
		'community.name as communityName',
		'user.name as submitterName',
		'agency.name as agencyName',
		'community_issue.title as issueTitle',
		'advice_request.age_band as ageBand',
		'advice_request.setting'
	]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof itemSummaries>['execute']>>[number];

/** A row as the lists show it: flags as booleans, and the item's label. */
export function itemLine(row: SummaryRow) {
	return { ...row, late: row.late === 1, stuck: row.stuck === 1, label: itemLabel(row) };
}

export async function listMySubmissions(db: DB, userId: number) {
	const rows = await itemSummaries(db)
		.where('submission.submitted_by', '=', userId)
		.orderBy('meeting.date', 'desc')
		.orderBy('submission.id', 'desc')
		.execute();
	return rows.map(itemLine);
}

export async function listMeetingSubmissions(db: DB, meetingId: number) {
	const rows = await itemSummaries(db)
		.where('submission.meeting_id', '=', meetingId)
		.orderBy('submission.part')
		.orderBy('submission.id')
		.execute();
	return rows.map(itemLine);
}
