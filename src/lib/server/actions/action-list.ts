import { sql } from 'kysely';
import type { DB } from '../platform/db';

/**
 * The action list a concluded meeting publishes: every action agreed, with a reference that says
 * what it is about without naming anyone (a case reference, "Advice" for anonymous items, or the
 * community issue's title), what is to be done, the owner, their agency and the due date.
 */
export interface ActionListRow {
	id: number;
	submissionId: number | null;
	reference: string;
	description: string;
	ownerName: string;
	ownerAgency: string;
	/** Calendar date, YYYY-MM-DD. */
	dueDate: string;
}

/** Actions not tied to one item (the room may add them for the meeting as a whole). */
export const GENERAL_REFERENCE = 'General';
export const ADVICE_REFERENCE = 'Advice';

/** The meeting's actions (or one agency's), and every agency that owns any of them. */
export async function actionList(
	db: DB,
	meetingId: number,
	agency?: string
): Promise<{ actions: ActionListRow[]; agencies: string[] }> {
	return {
		actions: await actionRows(db, meetingId, agency),
		agencies: await actionAgencies(db, meetingId)
	};
}

/**
 * Actions with what it takes to say what each is about (see referenceOf): the item's part, the
 * case, whether the item was taken as advice, the community issue's title. Other lists build on it.
 */
export function actionsWithReference(db: DB) {
	return db
		.selectFrom('action')
		.leftJoin('submission', 'submission.id', 'action.submission_id')
		.leftJoin('family_case as action_case', 'action_case.id', 'action.case_id')
		.leftJoin('new_caf', 'new_caf.submission_id', 'action.submission_id')
		.leftJoin('review', 'review.submission_id', 'action.submission_id')
		.leftJoin('family_case as item_case', (join) =>
			join.on((eb) =>
				eb.or([
					eb('item_case.id', '=', eb.ref('new_caf.case_id')),
					eb('item_case.id', '=', eb.ref('review.case_id'))
				])
			)
		)
		.leftJoin('outcome', 'outcome.submission_id', 'action.submission_id')
		.leftJoin('community_issue', 'community_issue.submission_id', 'action.submission_id')
		.select([
			'action.id',
			'action.submission_id as submissionId',
			'submission.part',
			'action_case.reference as actionCaseReference',
			'item_case.reference as itemCaseReference',
			'outcome.taken_as_advice as takenAsAdvice',
			'community_issue.title as issueTitle',
			'action.description',
			'action.owner_name as ownerName',
			'action.owner_agency as ownerAgency',
			'action.due_date as dueDate'
		]);
}

async function actionRows(db: DB, meetingId: number, agency?: string): Promise<ActionListRow[]> {
	let query = actionsWithReference(db).where('action.meeting_id', '=', meetingId);
	if (agency !== undefined) query = query.where('action.owner_agency', '=', agency);
	const rows = await query
		// Agenda order; actions for the meeting as a whole come last.
		.orderBy(sql`submission.part is null`)
		.orderBy('submission.part')
		.orderBy('submission.position')
		.orderBy('action.submission_id')
		.orderBy('action.id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		submissionId: row.submissionId,
		reference: referenceOf(row),
		description: row.description,
		ownerName: row.ownerName,
		ownerAgency: row.ownerAgency,
		dueDate: row.dueDate
	}));
}

/** What an action is about, without naming anyone (see the interface above). */
export function referenceOf(row: {
	submissionId: number | null;
	part: number | null;
	actionCaseReference: string | null;
	itemCaseReference: string | null;
	takenAsAdvice: number | null;
	issueTitle: string | null;
}): string {
	if (row.actionCaseReference) return row.actionCaseReference;
	if (row.submissionId === null) return GENERAL_REFERENCE;
	if (row.part === 4) return row.issueTitle ?? 'Community issue';
	// A family item taken anonymously as advice stays anonymous in the action list too.
	if (row.part === 1 || row.takenAsAdvice === 1 || !row.itemCaseReference) return ADVICE_REFERENCE;
	return row.itemCaseReference;
}

/** The agencies that own actions from this meeting, for the per-agency extracts. */
async function actionAgencies(db: DB, meetingId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('action')
		.select('owner_agency')
		.distinct()
		.where('meeting_id', '=', meetingId)
		.orderBy('owner_agency')
		.execute();
	return rows.map((row) => row.owner_agency);
}
