import { sql, type Kysely } from 'kysely';

// Frozen in time: an action marked done can be reopened (its history says why), as of 2026-12-03.
// Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// SQLite cannot change a check constraint in place: the history table is rebuilt with
	// 'reopened' among its kinds, every row copied as it was.
	await db.schema
		.createTable('action_update_next')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('action_id', 'integer', (c) => c.notNull().references('action.id'))
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`kind in ('progress', 'done', 'cannot-be-done', 'extended', 'reassigned', 'closed', 'reminder', 'reopened')`
				)
		)
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reason', 'text', (c) =>
			c.check(sql`reason in ('circumstances-changed', 'agency-could-not-act')`)
		)
		.addColumn('previous_due_date', 'text')
		.addColumn('new_due_date', 'text')
		.addColumn('previous_owner', 'text')
		.addColumn('meeting_id', 'integer', (c) => c.references('meeting.id'))
		.addColumn('recorded_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('recorded_at', 'text', (c) => c.notNull())
		.execute();
	await sql`insert into action_update_next
		(id, action_id, kind, note, reason, previous_due_date, new_due_date, previous_owner,
		 meeting_id, recorded_by, recorded_at)
		select id, action_id, kind, note, reason, previous_due_date, new_due_date, previous_owner,
		 meeting_id, recorded_by, recorded_at from action_update`.execute(db);
	await db.schema.dropTable('action_update').execute();
	await sql`alter table action_update_next rename to action_update`.execute(db);
	await db.schema
		.createIndex('action_update_action')
		.on('action_update')
		.columns(['action_id', 'id'])
		.execute();
}
