import type { Kysely } from 'kysely';

// Frozen in time: published minutes can be corrected by the chair (each correction a version, with
// who, when and why) and are approved at the next meeting, as of 2026-12-03. Never edit: add a
// migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// One correction of a meeting's minutes: version 1 is the first correction (version 0 is the
	// minutes as published). The reason is the chair's, shown with the minutes.
	await db.schema
		.createTable('minutes_correction')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('corrected_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('corrected_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('minutes_correction_version', ['meeting_id', 'version'])
		.execute();
	// What one correction changed: an item's note of the discussion, before and after. The text is
	// the family's data when the item is theirs: retention removes it with the outcome's note.
	await db.schema
		.createTable('minutes_correction_change')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('correction_id', 'integer', (c) => c.notNull().references('minutes_correction.id'))
		.addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id'))
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('before', 'text', (c) => c.notNull())
		.addColumn('after', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('minutes_correction_change_submission')
		.on('minutes_correction_change')
		.column('submission_id')
		.execute();
	// The minutes approved at the next meeting of the same MAG, by its chair.
	await db.schema
		.createTable('minutes_approval')
		.addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('meeting.id'))
		.addColumn('approved_at_meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('approved_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('approved_at', 'text', (c) => c.notNull())
		.execute();
}
