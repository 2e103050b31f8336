import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql, type Kysely } from 'kysely';

// Frozen in time: the audit log becomes a hash chain, and an account can be the data protection
// officer, as of 2026-11-24. Never edit: add a migration. The hashing is written out here rather
// than imported from the app so that this step always does what it did the day it landed.

interface ExistingEntry {
	id: number;
	at: string;
	actor_id: number | null;
	action: string;
	record_type: string | null;
	record_id: string | null;
	ip: string | null;
	detail: string | null;
}

function entryHash(previousHash: string | null, entry: ExistingEntry): string {
	const fields = [
		entry.at,
		entry.actor_id,
		entry.action,
		entry.record_type,
		entry.record_id,
		entry.ip,
		entry.detail
	];
	const text = `${previousHash ?? ''}\n${JSON.stringify(fields)}`;
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

export async function up(db: Kysely<unknown>): Promise<void> {
	// Each entry carries the hash of the one before it and its own: change, remove or insert an
	// entry and every hash after it stops matching (npm run audit:verify).
	await db.schema.alterTable('audit_log').addColumn('previous_hash', 'text').execute();
	await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();

	// Chain the entries already written, oldest first. The log refuses updates, so the guard is
	// lifted for this one step, inside the migration's transaction, and put back unchanged.
	await sql`drop trigger audit_log_append_only_update`.execute(db);
	const entries = await sql<ExistingEntry>`select id, at, actor_id, action, record_type, record_id,
		ip, detail from audit_log order by id`.execute(db);
	let previousHash: string | null = null;
	for (const entry of entries.rows) {
		const hash = entryHash(previousHash, entry);
		await sql`update audit_log set previous_hash = ${previousHash}, hash = ${hash}
			where id = ${entry.id}`.execute(db);
		previousHash = hash;
	}
	await sql`create trigger audit_log_append_only_update before update on audit_log
		begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
	// An entry written without its hash would break the chain silently: refuse it at once instead.
	await sql`create trigger audit_log_hash_required before insert on audit_log
		when new.hash is null
		begin select raise(abort, 'every audit log entry carries its hash'); end`.execute(db);

	// "Who has looked at this family's record?" and "what did this person do?" in one page each.
	await db.schema
		.createIndex('audit_log_by_record')
		.on('audit_log')
		.columns(['record_type', 'record_id'])
		.execute();
	await db.schema.createIndex('audit_log_by_actor').on('audit_log').column('actor_id').execute();
	await db.schema.createIndex('audit_log_by_action').on('audit_log').column('action').execute();

	// The data protection officer reads the audit log, and nothing else an administrator can.
	await db.schema
		.alterTable('user')
		.addColumn('is_dpo', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}
