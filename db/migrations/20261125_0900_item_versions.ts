import type { Kysely } from 'kysely';

// Frozen in time: items' versions, so that a stale save of an item is refused, as of 2026-11-25.
// Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Raised by every save of an item's content (parts 1 to 4): the form carries the version it was
	// loaded with, and a save from an older one is refused instead of overwriting the newer text.
	await db.schema
		.alterTable('submission')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}
