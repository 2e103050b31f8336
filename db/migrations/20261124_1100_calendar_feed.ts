import { sql, type Kysely } from 'kysely';

// Frozen in time: calendar feeds, as of 2026-11-24. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// A private feed link per person. Only a SHA-256 of the link's token is kept, so a copy of the
	// database cannot be turned into working links.
	await db.schema
		.createTable('calendar_feed')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.addColumn('last_used_at', 'text')
		.execute();
	// One live link per person: making a new one revokes the old.
	await db.schema
		.createIndex('calendar_feed_live')
		.unique()
		.on('calendar_feed')
		.column('user_id')
		.where(sql.ref('revoked_at'), 'is', null)
		.execute();
}
