import { sql, type Kysely } from 'kysely';

// Frozen in time: email (the outbox a worker delivers from, and each person's choice of optional
// emails), as of 2026-11-24. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Every email is written here inside the transaction that causes it, then delivered by a worker:
	// a rolled-back change sends nothing, and a mail server that is down delays mail, never loses it.
	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('subject', 'text', (c) => c.notNull())
		// Emptied once delivered, so an invitation link does not stay in the database.
		.addColumn('body', 'text', (c) => c.notNull())
		// One message per key, ever: a reminder is sent once however often the scheduler runs.
		.addColumn('dedupe_key', 'text', (c) => c.unique())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('queued')
				.check(sql`status in ('queued', 'sent', 'failed')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('last_attempt_at', 'text')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.execute();
	await db.schema
		.createIndex('mail_outbox_due')
		.on('mail_outbox')
		.columns(['status', 'next_attempt_at'])
		.execute();

	// The optional emails a person has turned off. No row: both on.
	await db.schema
		.createTable('email_preference')
		.addColumn('user_id', 'integer', (c) =>
			c.primaryKey().references('user.id').onDelete('cascade')
		)
		.addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('digest', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}
