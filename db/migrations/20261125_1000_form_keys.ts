import type { Kysely } from 'kysely';

// Frozen in time: the keys of forms that add or record something, so that a post sent twice
// records once (src/lib/server/form-keys.ts), as of 2026-11-25. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// One row per post saved: the random key its page put in the form, whose post it was, the form
	// and what it was about (`room-action:12`), and what the first post answered (ids and flags
	// only, never what was typed) so that a repeat answers the same. Kept for a week.
	await db.schema
		.createTable('form_submission')
		.addColumn('token', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('form', 'text', (c) => c.notNull())
		.addColumn('answer', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('form_submission_key', ['token', 'user_id', 'form'])
		.execute();
	await db.schema
		.createIndex('form_submission_created')
		.on('form_submission')
		.column('created_at')
		.execute();
}
