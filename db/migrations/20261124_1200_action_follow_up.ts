import { sql, type Kysely } from 'kysely';

// Frozen in time: following actions up between meetings (the owner's updates, the chair's
// reminders, the actions review at the next meeting), as of 2026-11-24. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// When the action left the open list: done, could not be done, or closed at a review.
	await db.schema.alterTable('action').addColumn('completed_at', 'text').execute();

	// The history of an action, newest last; nothing here is ever changed or removed.
	await db.schema
		.createTable('action_update')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('action_id', 'integer', (c) => c.notNull().references('action.id'))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('progress', 'done', 'cannot-be-done', 'extended', 'reassigned', 'closed', 'reminder')`
				)
		)
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		// MARAC practice: an action that cannot be done says whether circumstances changed or the
		// agency could not act.
		.addColumn('reason', 'text', (c) =>
			c.check(sql`reason in ('circumstances-changed', 'agency-could-not-act')`)
		)
		.addColumn('previous_due_date', 'text')
		.addColumn('new_due_date', 'text')
		// "Name, Agency" of the owner before a reassignment.
		.addColumn('previous_owner', 'text')
		// The meeting whose actions review decided it (extended, reassigned, closed).
		.addColumn('meeting_id', 'integer', (c) => c.references('meeting.id'))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('action_update_action')
		.on('action_update')
		.columns(['action_id', 'id'])
		.execute();
	// The follow-up board and the actions review read a community's actions by status and date.
	await db.schema
		.createIndex('action_community')
		.on('action')
		.columns(['community_id', 'status', 'due_date'])
		.execute();
}
