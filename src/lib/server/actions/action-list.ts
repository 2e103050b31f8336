import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { actionsWithReference } from './queries';
import { referenceOf } from './reference';

/**
 * The action list a concluded meeting publishes: every action agreed, with a reference that says
 * what it is about without naming anyone (reference.ts: a case reference, "Advice" for anonymous
 * items, or the community issue's title), what is to be done, the owner, their agency and the due date.
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
