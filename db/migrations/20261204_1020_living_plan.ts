import { sql, type Kysely } from 'kysely';

// Frozen in time: a plan that lives (issue 16.5) — a score 0–10 per need at each review, the
// family's own view at each review, needs closed (with a reason) or added in the room, and an
// action tied to the need it serves, as of 2026-12-04. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('need_update')
		.addColumn('score', 'integer', (c) => c.check(sql`score between 0 and 10`))
		.execute();
	await db.schema.alterTable('review').addColumn('family_view', 'text').execute();
	await db.schema.alterTable('need').addColumn('closed_at', 'text').execute();
	await db.schema.alterTable('need').addColumn('closed_reason', 'text').execute();
	await db.schema
		.alterTable('need')
		.addColumn('closed_by', 'integer', (c) => c.references('user.id'))
		.execute();
	// The review item at which the room closed the need, or at which it was added.
	await db.schema
		.alterTable('need')
		.addColumn('closed_submission_id', 'integer', (c) => c.references('submission.id'))
		.execute();
	await db.schema
		.alterTable('need')
		.addColumn('raised_submission_id', 'integer', (c) => c.references('submission.id'))
		.execute();
	await db.schema
		.alterTable('action')
		.addColumn('need_id', 'integer', (c) => c.references('need.id'))
		.execute();
	await db.schema.createIndex('action_need').on('action').column('need_id').execute();
}
