import { sql, type Kysely } from 'kysely';

// Frozen in time: families supported through the MAG, their needs and consent, and part 2 items
// (new CAFs with consent), as of 2026-11-23. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('family_case')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('community_id', 'integer', (c) => c.notNull().references('community.id'))
		.addColumn('initials', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('family_member')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) =>
			c.notNull().references('family_case.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('date_of_birth', 'text', (c) => c.notNull())
		.addColumn('relationship', 'text', (c) => c.notNull())
		.addColumn('setting', 'text')
		.addColumn('is_child', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('need')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) =>
			c.notNull().references('family_case.id').onDelete('cascade')
		)
		.addColumn('family_member_id', 'integer', (c) => c.notNull().references('family_member.id'))
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('domain', 'text', (c) =>
			c.notNull().check(sql`domain in ('development', 'parenting', 'family-environment')`)
		)
		.execute();

	await db.schema
		.createTable('consent')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('case_id', 'integer', (c) =>
			c.notNull().references('family_case.id').onDelete('cascade')
		)
		.addColumn('given_by', 'text', (c) => c.notNull())
		.addColumn('young_person', 'text', (c) =>
			c.notNull().check(sql`young_person in ('yes', 'no', 'not-of-age')`)
		)
		.addColumn('signed_on', 'text', (c) => c.notNull())
		.addColumn('covers_mag', 'integer', (c) => c.notNull())
		.addColumn('shared_with', 'text', (c) => c.notNull())
		.addColumn('form_location', 'text', (c) => c.notNull())
		.addColumn('withdrawn_on', 'text')
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('new_caf')
		.addColumn('submission_id', 'integer', (c) =>
			c.primaryKey().references('submission.id').onDelete('cascade')
		)
		.addColumn('case_id', 'integer', (c) => c.notNull().references('family_case.id'))
		.addColumn('consent_id', 'integer', (c) => c.notNull().references('consent.id'))
		.addColumn('caf_date', 'text', (c) => c.notNull())
		.addColumn('way_in', 'text', (c) => c.notNull())
		.addColumn('level_of_need', 'text', (c) => c.notNull())
		.execute();
}
