import type { Kysely } from 'kysely';

// Frozen in time: indexes the reports (and, with ten years of history, the minutes and case
// records) need at national scale, as of 2026-11-24. Never edit: add a
// migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// The forecast: open cases due for review at a meeting.
	await db.schema
		.createIndex('family_case_next_review')
		.ifNotExists()
		.on('family_case')
		.column('next_review_meeting_id')
		.execute();
	// Outcomes: from a case to its new CAF and its reviews.
	await db.schema
		.createIndex('new_caf_by_case')
		.ifNotExists()
		.on('new_caf')
		.column('case_id')
		.execute();
	await db.schema
		.createIndex('review_by_case')
		.ifNotExists()
		.on('review')
		.column('case_id')
		.execute();
	// Activity and capacity count a meeting's items by status and part from the index alone.
	await db.schema
		.createIndex('submission_by_meeting_status')
		.ifNotExists()
		.on('submission')
		.columns(['meeting_id', 'status', 'part'])
		.execute();
	// Actions and engagement count a meeting's actions by status, due date and agency likewise.
	await db.schema
		.createIndex('action_by_meeting_figures')
		.ifNotExists()
		.on('action')
		.columns(['meeting_id', 'status', 'due_date', 'owner_agency'])
		.execute();
	// A case's family, needs and consent, and a meeting's outcomes and gate checks: looked up by
	// the minutes and the case record, slow without these once there are millions of rows.
	for (const [name, table, column] of [
		['outcome_by_meeting', 'outcome', 'meeting_id'],
		['gate_check_by_meeting', 'gate_check', 'meeting_id'],
		['consent_by_case', 'consent', 'case_id'],
		['consent_replaces', 'consent', 'replaces_consent_id'],
		['family_member_by_case', 'family_member', 'case_id'],
		['need_by_case', 'need', 'case_id'],
		['need_update_by_need', 'need_update', 'need_id']
	] as const)
		await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
}
