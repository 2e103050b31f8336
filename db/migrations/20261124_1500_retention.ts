import { sql, type Kysely } from 'kysely';

// Frozen in time: closed cases' closing date and anonymisation, retention runs, and pruning the
// audit log's oldest entries behind a checkpoint, as of 2026-11-24. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('family_case').addColumn('closed_at', 'text').execute();
	await db.schema.alterTable('family_case').addColumn('anonymised_at', 'text').execute();

	// A case closed before today: closed when the last outcome about it was recorded (or, with none,
	// when it was opened, the earliest it can have closed).
	await sql`update family_case set closed_at = coalesce(
		(select max(outcome.recorded_at) from outcome
			where outcome.submission_id in (
				select submission_id from review where review.case_id = family_case.id
				union select submission_id from new_caf where new_caf.case_id = family_case.id)),
		created_at)
		where status <> 'open'`.execute(db);

	// The retention clock starts when a case leaves 'open', whichever code path closes it, so the
	// database keeps the date rather than every place that changes a status. An explicit
	// closed_at in the same update wins; reopening a case stops the clock.
	await sql`create trigger family_case_closed after update of status on family_case
		when old.status = 'open' and new.status <> 'open' and new.closed_at is null
		begin
			update family_case set closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') where id = new.id;
		end`.execute(db);
	await sql`create trigger family_case_reopened after update of status on family_case
		when new.status = 'open' and old.status <> 'open'
		begin
			update family_case set closed_at = null where id = new.id;
		end`.execute(db);

	// Each run of the retention job, scheduled or by command: what it did.
	await db.schema
		.createTable('retention_run')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('ran_at', 'text', (c) => c.notNull())
		.addColumn('cases_anonymised', 'integer', (c) => c.notNull())
		.addColumn('audit_entries_removed', 'integer', (c) => c.notNull())
		.addColumn('by', 'text', (c) => c.notNull().check(sql`"by" in ('schedule', 'command')`))
		.addColumn('detail', 'text')
		.execute();

	// The audit log stays append-only except at its oldest end: entries are removed only up to a
	// checkpoint that records the last removed entry's hash. audit:verify starts the chain there.
	await db.schema
		.createTable('audit_checkpoint')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('made_at', 'text', (c) => c.notNull())
		.addColumn('last_removed_id', 'integer', (c) => c.notNull())
		.addColumn('last_removed_hash', 'text', (c) => c.notNull())
		.addColumn('entries_removed', 'integer', (c) => c.notNull())
		.execute();
	await sql`create trigger audit_checkpoint_append_only_update before update on audit_checkpoint
		begin select raise(abort, 'audit checkpoints are append-only'); end`.execute(db);
	await sql`create trigger audit_checkpoint_append_only_delete before delete on audit_checkpoint
		begin select raise(abort, 'audit checkpoints are append-only'); end`.execute(db);
	await sql`create trigger audit_checkpoint_moves_forward before insert on audit_checkpoint
		when new.last_removed_id <= coalesce((select max(last_removed_id) from audit_checkpoint), 0)
		begin select raise(abort, 'an audit checkpoint only moves forward'); end`.execute(db);
	await sql`drop trigger audit_log_append_only_delete`.execute(db);
	await sql`create trigger audit_log_append_only_delete before delete on audit_log
		when old.id > coalesce((select max(last_removed_id) from audit_checkpoint), 0)
		begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
}
