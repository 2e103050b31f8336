import { sql, type Kysely } from 'kysely';

// Frozen in time: this file describes the schema as it was on 2026-11-23; never edit it.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('agency')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.addColumn('sector', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('locality')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.execute();

	await db.schema
		.createTable('community')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('locality_id', 'integer', (c) => c.notNull().references('locality.id'))
		.addColumn('name', 'text', (c) => c.notNull().unique())
		.execute();

	await db.schema
		.createTable('user')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('job_title', 'text')
		.addColumn('agency_id', 'integer', (c) => c.references('agency.id'))
		.addColumn('is_administrator', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`is_administrator in (0, 1)`)
		)
		.addColumn('password_hash', 'text')
		.addColumn('totp_key', 'blob')
		.addColumn('totp_last_step', 'integer')
		.addColumn('disabled_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('community_membership')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('community_id', 'integer', (c) =>
			c.notNull().references('community.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('chair', 'coordinator', 'member')`)
		)
		.addPrimaryKeyConstraint('community_membership_pk', ['user_id', 'community_id'])
		.execute();
	await db.schema
		.createIndex('community_membership_by_community')
		.on('community_membership')
		.columns(['community_id', 'role'])
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('secret_hash', 'blob', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text', (c) => c.notNull())
		.addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('ip', 'text')
		.execute();
	await db.schema.createIndex('session_by_user').on('session').column('user_id').execute();

	await db.schema
		.createTable('sign_in_attempt')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('password', 'two-factor')`))
		.addColumn('succeeded', 'integer', (c) => c.notNull())
		.addColumn('attempted_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('sign_in_attempt_by_email')
		.on('sign_in_attempt')
		.columns(['email', 'attempted_at'])
		.execute();
	await db.schema
		.createIndex('sign_in_attempt_by_ip')
		.on('sign_in_attempt')
		.columns(['ip', 'attempted_at'])
		.execute();

	await db.schema
		.createTable('invitation')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('invited_by', 'integer', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();

	await db.schema
		.createTable('recovery_code')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'integer', (c) => c.references('user.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('record_type', 'text')
		.addColumn('record_id', 'text')
		.addColumn('ip', 'text')
		.addColumn('detail', 'text')
		.execute();
	await db.schema.createIndex('audit_log_by_at').on('audit_log').column('at').execute();

	// The audit log is evidence: rows are added, never changed or removed by the application.
	await sql`create trigger audit_log_append_only_update before update on audit_log
		begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
	await sql`create trigger audit_log_append_only_delete before delete on audit_log
		begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
}
