import { sql, type Kysely } from 'kysely';

// Frozen in time: the case record and consent over time, as of 2026-11-24. Never edit: add a
// migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Consent is versioned: a renewal is a new row that replaces the one before; a withdrawal marks
	// the current row (when, and who recorded it). Rows are never overwritten once replaced.
	await db.schema
		.alterTable('consent')
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.defaultTo('given')
				.check(sql`kind in ('given', 'renewed')`)
		)
		.execute();
	await db.schema
		.alterTable('consent')
		.addColumn('replaces_consent_id', 'integer', (c) => c.references('consent.id'))
		.execute();
	await db.schema
		.alterTable('consent')
		.addColumn('withdrawn_by', 'integer', (c) => c.references('user.id'))
		.execute();

	// Handing a family over to another lead professional is an explicit step both of them see; the
	// new lead professional accepts it.
	await db.schema
		.createTable('lead_professional_change')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('from_user_id', 'integer', (c) => c.references('user.id'))
		.addColumn('to_user_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('changed_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('changed_at', 'text', (c) => c.notNull())
		.addColumn('acknowledged_at', 'text')
		.execute();
	await db.schema
		.createIndex('lead_professional_change_case')
		.on('lead_professional_change')
		.column('case_id')
		.execute();

	// The case's status over time: set by outcomes at review, or by a withdrawal of consent.
	await db.schema
		.createTable('case_status_change')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('changed_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('changed_at', 'text', (c) => c.notNull())
		.addColumn('submission_id', 'integer', (c) => c.references('submission.id'))
		.execute();
	await db.schema
		.createIndex('case_status_change_case')
		.on('case_status_change')
		.column('case_id')
		.execute();

	// An open action on a case whose consent was withdrawn waits for the chair: close it (with a
	// reason) or keep it. Kept apart from the action table, which other work changes.
	await db.schema
		.createTable('action_flag')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('action_id', 'integer', (c) => c.notNull().references('action.id'))
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('flagged_at', 'text', (c) => c.notNull())
		.addColumn('decision', 'text', (c) => c.check(sql`decision in ('closed', 'kept')`))
		.addColumn('decision_reason', 'text')
		.addColumn('decided_by', 'integer', (c) => c.references('user.id'))
		.addColumn('decided_at', 'text')
		.execute();
	await db.schema.createIndex('action_flag_case').on('action_flag').column('case_id').execute();
}
