import { sql, type Kysely } from 'kysely';

// Frozen in time: the council's outcome plan (headline problems, their indicators and the
// evidence accepted), the problems that apply to a case, and the evidence recorded that an
// outcome was achieved or sustained, as of 2026-12-04. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('outcome_problem')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		// Retired: no longer offered for new cases; cases that have it keep it, and it is still claimed.
		.addColumn('retired_at', 'text')
		.execute();
	await db.schema
		.createTable('outcome_indicator')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('problem_id', 'integer', (c) => c.notNull().references('outcome_problem.id'))
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('evidence_accepted', 'text', (c) => c.notNull())
		.addColumn('measure', 'text', (c) =>
			c.notNull().check(sql`measure in ('achieved', 'sustained')`)
		)
		// Months the outcome must last, for 'sustained'; null for 'achieved'.
		.addColumn('sustain_months', 'integer', (c) =>
			c.check(
				sql`(measure = 'achieved' and sustain_months is null) or (measure = 'sustained' and sustain_months between 1 and 24)`
			)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('retired_at', 'text')
		.execute();
	await db.schema
		.createIndex('outcome_indicator_problem')
		.on('outcome_indicator')
		.column('problem_id')
		.execute();
	await db.schema
		.createTable('case_problem')
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('problem_id', 'integer', (c) => c.notNull().references('outcome_problem.id'))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('case_problem_pk', ['case_id', 'problem_id'])
		.execute();
	await db.schema
		.createTable('outcome_evidence')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('outcome_indicator.id'))
		// What the evidence says; removed with the family's other words by retention.
		.addColumn('what', 'text', (c) => c.notNull())
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
		.addColumn('evidence_date', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('achieved', 'sustained')`))
		// The review it was recorded at, when it was.
		.addColumn('submission_id', 'integer', (c) => c.references('submission.id'))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('outcome_evidence_case')
		.on('outcome_evidence')
		.column('case_id')
		.execute();
}
