import { sql, type Kysely } from 'kysely';

// Frozen in time: meetings, council closure days, in-app notices and the first two kinds of agenda
// item (advice without consent, community issues), as of 2026-11-23. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('closure_day')
		.addColumn('date', 'text', (c) => c.primaryKey())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('added_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('added_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('meeting')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('start_time', 'text', (c) => c.notNull())
		.addColumn('length_minutes', 'integer', (c) =>
			c.notNull().check(sql`length_minutes between 15 and 480`)
		)
		.addColumn('venue', 'text')
		.addColumn('online_link', 'text')
		.addColumn('submission_deadline', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`status in ('scheduled', 'agenda-open', 'agenda-published', 'in-progress', 'concluded', 'cancelled')`
				)
		)
		.addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('meeting_by_community_date')
		.on('meeting')
		.columns(['community_id', 'date'])
		.execute();

	await db.schema
		.createTable('notice')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('link', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text')
		.execute();
	await db.schema
		.createIndex('notice_by_user')
		.on('notice')
		.columns(['user_id', 'read_at'])
		.execute();

	await db.schema
		.createTable('submission')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('part', 'integer', (c) => c.notNull().check(sql`part between 1 and 4`))
		.addColumn('submitted_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('agency_id', 'integer', (c) => c.references('agency.id'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.check(sql`status in ('submitted', 'accepted', 'deferred', 'declined', 'withdrawn')`)
		)
		.addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('position', 'integer')
		.addColumn('minutes', 'integer')
		.addColumn('decline_reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('submission_by_meeting')
		.on('submission')
		.columns(['meeting_id', 'part'])
		.execute();
	await db.schema
		.createIndex('submission_by_submitter')
		.on('submission')
		.column('submitted_by')
		.execute();

	// Part 1: anonymous by design. There is no column that could hold a name, a date of birth or an
	// address, and the text is screened for identifiers before it is stored.
	await db.schema
		.createTable('advice_request')
		.addColumn('submission_id', 'integer', (c) =>
			c.primaryKey().references('submission.id').onDelete('cascade')
		)
		.addColumn('age_band', 'text', (c) => c.notNull())
		.addColumn('setting', 'text', (c) => c.notNull())
		.addColumn('worry', 'text', (c) => c.notNull())
		.addColumn('asked_for', 'text', (c) => c.notNull())
		.execute();

	// Part 4: concerns about a place or a group, never one family.
	await db.schema
		.createTable('community_issue')
		.addColumn('submission_id', 'integer', (c) =>
			c.primaryKey().references('submission.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull())
		.addColumn('happening', 'text', (c) => c.notNull())
		.addColumn('wanted', 'text', (c) => c.notNull())
		.execute();
}
