import type { Kysely } from 'kysely';

// Frozen in time: the chair's choice in the room to review the overdue actions later, so the
// first item can be taken before every one has a decision, as of 2026-12-03. Never edit: add a
// migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// One row per meeting at most: who chose it and when (the audit log keeps the same).
	await db.schema
		.createTable('actions_review_later')
		.addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('meeting.id'))
		.addColumn('chosen_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('chosen_at', 'text', (c) => c.notNull())
		.execute();
}
