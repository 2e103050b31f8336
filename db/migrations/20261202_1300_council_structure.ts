import { sql, type Kysely } from 'kysely';

// Frozen in time: the council's own structure, kept by its administrators in the app, as of
// 2026-12-02. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// The council itself: one row, written by `npm run setup` (or the demo seed).
	await db.schema
		.createTable('council')
		.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	// Each community's MAG settings. Null venue/link/statement: none usual / the council's default.
	for (const [column, fallback] of [
		['meeting_length_minutes', 120],
		['every_weeks', 6],
		['family_item_limit', 15],
		['deadline_working_days', 5]
	] as const) {
		await db.schema
			.alterTable('community')
			.addColumn(column, 'integer', (c) => c.notNull().defaultTo(fallback))
			.execute();
	}
	for (const column of ['venue', 'online_link', 'confidentiality_statement', 'retired_at'])
		await db.schema.alterTable('community').addColumn(column, 'text').execute();

	// An agency's information-sharing agreement, and its retirement. Nothing with history is deleted.
	for (const column of [
		'agreement_signed_on',
		'agreement_review_due',
		'agreement_location',
		'retired_at'
	])
		await db.schema.alterTable('agency').addColumn(column, 'text').execute();
}
