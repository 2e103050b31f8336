import type { Kysely } from 'kysely';

// Frozen in time: a new CAF saved as a draft, to be finished later, as of 2026-12-03. Never edit:
// add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// A half-filled new CAF, for its author alone. `fields` is the form as typed (JSON: field name to
	// text); `label` is how the author finds it again (the first family member named). Identifiable
	// family data: removed when submitted, and by retention once left untouched too long.
	await db.schema
		.createTable('caf_draft')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('author_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('fields', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('caf_draft_author').on('caf_draft').column('author_id').execute();
	await db.schema.createIndex('caf_draft_updated').on('caf_draft').column('updated_at').execute();
}
