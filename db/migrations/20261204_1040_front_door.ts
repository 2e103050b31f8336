import type { Kysely } from 'kysely';

// Frozen in time: the front door's contact log and its council-wide role, as of 2026-12-04. Never
// edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// The front-door team: reads and records the contact log (policy/front-door.ts).
	await db.schema
		.alterTable('user')
		.addColumn('is_front_door', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// One call or message to the front door. Who called, about whom and what was asked are
	// identifiable: the front-door team's alone. Retention anonymises a contact once old enough,
	// keeping its date, caller kind, community and outcome for the monthly report.
	await db.schema
		.createTable('front_door_contact')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('received_at', 'text', (c) => c.notNull())
		.addColumn('caller_kind', 'text', (c) => c.notNull())
		.addColumn('caller_name', 'text', (c) => c.notNull())
		.addColumn('caller_agency', 'text')
		.addColumn('caller_relationship', 'text')
		.addColumn('community_id', 'integer', (c) => c.references('community.id'))
		.addColumn('asked', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull())
		.addColumn('liaison_worker', 'text')
		.addColumn('notes', 'text')
		.addColumn('family_consented', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('brought_meeting_id', 'integer', (c) => c.references('meeting.id'))
		.addColumn('brought_submission_id', 'integer', (c) => c.references('submission.id'))
		.addColumn('brought_part', 'integer')
		.addColumn('brought_at', 'text')
		.addColumn('anonymised_at', 'text')
		.execute();
	await db.schema
		.createIndex('front_door_contact_received')
		.on('front_door_contact')
		.column('received_at')
		.execute();
	// The child and family the contact is about: names and dates of birth, as the caller gave them.
	await db.schema
		.createTable('front_door_contact_person')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('contact_id', 'integer', (c) =>
			c.notNull().references('front_door_contact.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('date_of_birth', 'text')
		.execute();
	await db.schema
		.createIndex('front_door_contact_person_contact')
		.on('front_door_contact_person')
		.column('contact_id')
		.execute();
}
