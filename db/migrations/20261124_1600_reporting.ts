import { sql, type Kysely } from 'kysely';

// Frozen in time: the manager role, why items were deferred, the level of need at review, and indexes for the reports, as of
// 2026-11-24. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// An early help manager sees the reports for every community and nothing about families.
	await db.schema
		.alterTable('user')
		.addColumn('is_manager', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	// At a review (part 3) the group says the family's level of need now: the outcomes report
	// compares it with the level at the new CAF.
	await db.schema.alterTable('outcome').addColumn('level_of_need', 'text').execute();

	// Each deferral of an item, with its reason: the activity report counts them by reason.
	await db.schema
		.createTable('item_deferral')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id'))
		.addColumn('from_meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('to_meeting_id', 'integer', (c) => c.notNull().references('meeting.id'))
		.addColumn('reason', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`reason in ('consent-not-confirmed', 'agenda-full', 'presenter-unavailable', 'more-information', 'out-of-time', 'not-recorded')`
				)
		)
		.addColumn('deferred_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('deferred_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('item_deferral_from_meeting')
		.on('item_deferral')
		.column('from_meeting_id')
		.execute();
	// Deferrals made before reasons were asked for are known from the audit log only.
	await sql`insert into item_deferral
		(submission_id, from_meeting_id, to_meeting_id, reason, deferred_by, deferred_at)
		select cast(record_id as integer), json_extract(detail, '$.fromMeetingId'),
			json_extract(detail, '$.toMeetingId'), 'not-recorded', actor_id, at
		from audit_log
		where action = 'agenda.item-deferred' and actor_id is not null
			and json_extract(detail, '$.fromMeetingId') in (select id from meeting)
			and json_extract(detail, '$.toMeetingId') in (select id from meeting)
			and cast(record_id as integer) in (select id from submission)`.execute(db);

	// Reports filter meetings by date across every community (council-wide), and count by status.
	await db.schema.createIndex('meeting_by_date').on('meeting').columns(['date']).execute();
	await db.schema
		.createIndex('attendance_by_meeting')
		.on('attendance')
		.columns(['meeting_id', 'status'])
		.execute();
	await db.schema
		.createIndex('case_status_change_at')
		.on('case_status_change')
		.columns(['changed_at'])
		.execute();
}
