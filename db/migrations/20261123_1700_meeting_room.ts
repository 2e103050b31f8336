import { sql, type Kysely } from 'kysely';

// Frozen in time: running the meeting (register, confidentiality, the consent gate, outcomes,
// actions) and part 3 reviews, as of 2026-11-23. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Every family supported has a Lead Professional, agreed at the meeting (DOMAIN.md).
	await db.schema
		.alterTable('family_case')
		.addColumn('lead_professional_id', 'integer', (c) => c.references('user.id'))
		.execute();
	await db.schema
		.alterTable('family_case')
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(
					sql`status in ('open', 'closed-needs-met', 'stepped-up', 'stepped-down', 'withdrawn')`
				)
		)
		.execute();
	await db.schema
		.alterTable('family_case')
		.addColumn('next_review_meeting_id', 'integer', (c) => c.references('meeting.id'))
		.execute();

	await db.schema.alterTable('meeting').addColumn('started_at', 'text').execute();
	await db.schema.alterTable('meeting').addColumn('concluded_at', 'text').execute();
	await db.schema
		.alterTable('meeting')
		.addColumn('current_item_id', 'integer', (c) => c.references('submission.id'))
		.execute();
	await db.schema.alterTable('meeting').addColumn('current_item_started_at', 'text').execute();

	// Part 3: a review of a case the submitter leads.
	await db.schema
		.createTable('review')
		.addColumn('submission_id', 'integer', (c) =>
			c.primaryKey().references('submission.id').onDelete('cascade')
		)
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('stuck', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	// Per item and need: the status reported at review, the line of progress, the support agreed.
	await db.schema
		.createTable('need_update')
		.addColumn('submission_id', 'integer', (c) =>
			c.notNull().references('submission.id').onDelete('cascade')
		)
		.addColumn('need_id', 'integer', (c) => c.notNull().references('need.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.check(sql`status in ('met', 'partly-met', 'not-met')`))
		.addColumn('progress', 'text')
		.addColumn('support', 'text')
		.addPrimaryKeyConstraint('need_update_pk', ['submission_id', 'need_id'])
		.execute();

	await db.schema
		.createTable('attendance')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('meeting_id', 'integer', (c) =>
			c.notNull().references('meeting.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.references('user.id'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('agency', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('present', 'apologies', 'absent', 'substitute', 'guest')`)
		)
		.addColumn('substitute_name', 'text')
		.addColumn('confirmed_at', 'text')
		.addColumn('confirmed_via', 'text', (c) => c.check(sql`confirmed_via in ('self', 'chair')`))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('attendance_member')
		.unique()
		.on('attendance')
		.columns(['meeting_id', 'user_id'])
		.where(sql.ref('user_id'), 'is not', null)
		.execute();

	// The consent gate: each check by the chair, against which consent record, with its result.
	await db.schema
		.createTable('gate_check')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('submission_id', 'integer', (c) =>
			c.notNull().references('submission.id').onDelete('cascade')
		)
		.addColumn('consent_id', 'integer', (c) => c.references('consent.id'))
		.addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('opened', 'refused')`))
		.addColumn('reason', 'text')
		.addColumn('checked_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('checked_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('gate_check_item')
		.on('gate_check')
		.columns(['submission_id', 'meeting_id'])
		.execute();

	await db.schema
		.createTable('outcome')
		.addColumn('submission_id', 'integer', (c) =>
			c.primaryKey().references('submission.id').onDelete('cascade')
		)
		.addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		// Part 1 (or a closed family item taken as advice): advice-given, single-agency, caf-offered.
		// Part 3: continue, closed-needs-met, stepped-up, stepped-down. Part 2 and 4: agreed.
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('agency', 'text')
		.addColumn('lead_professional_id', 'integer', (c) => c.references('user.id'))
		.addColumn('next_review_meeting_id', 'integer', (c) => c.references('meeting.id'))
		.addColumn('taken_as_advice', 'integer', (c) => c.notNull().defaultTo(0))
		// Bumped on each save: a save made from an older version is refused, not silently lost.
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('action')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
		.addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('submission_id', 'integer', (c) => c.references('submission.id'))
		.addColumn('case_id', 'integer', (c) => c.references('family_case.id'))
		.addColumn('description', 'text', (c) => c.notNull())
		// A person: a user of the system, or someone outside it named with their agency.
		.addColumn('owner_id', 'integer', (c) => c.references('user.id'))
		.addColumn('owner_name', 'text', (c) => c.notNull())
		.addColumn('owner_agency', 'text', (c) => c.notNull())
		.addColumn('due_date', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open', 'in-progress', 'done', 'cannot-be-done', 'closed')`)
		)
		.addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('action_owner')
		.on('action')
		.columns(['owner_id', 'status'])
		.execute();
	await db.schema.createIndex('action_meeting').on('action').column('meeting_id').execute();
	await db.schema.createIndex('action_case').on('action').column('case_id').execute();
}
