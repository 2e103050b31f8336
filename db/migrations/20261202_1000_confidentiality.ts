import type { Kysely } from 'kysely';

// Frozen in time: asking the chair to join a meeting, and agreeing confidentiality for one case
// outside a meeting, as of 2026-12-02. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Someone the register does not have present asks to join; the chair or a coordinator admits
	// them (which records them present). The register stays the chair's.
	await db.schema
		.createTable('join_request')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('asked_at', 'text', (c) => c.notNull())
		.addColumn('admitted_at', 'text')
		.addColumn('admitted_by', 'integer', (c) => c.references('user.id'))
		.addUniqueConstraint('join_request_once', ['meeting_id', 'user_id'])
		.execute();

	// Reading a family's details outside the meeting, having not agreed the statement at the
	// meeting where its gate opened: the reader agrees it there and then, for that case.
	await db.schema
		.createTable('case_confidentiality')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('agreed_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('case_confidentiality_once', ['case_id', 'user_id'])
		.execute();
}
