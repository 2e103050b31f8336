import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import type { DB } from '../platform/db';
import type { AuditLogTable } from '../platform/schema';

/** Who did something, and from where: carried into the audit log. */
export interface Actor {
	id: number;
	ip: string | null;
}

export interface AuditEvent {
	actorId: number | null;
	action: string;
	recordType?: string;
	recordId?: string | number;
	ip?: string | null;
	detail?: Record<string, unknown>;
}

/** The fields of an entry that its hash covers, as stored. */
export type ChainedFields = Omit<AuditLogTable, 'id' | 'previous_hash' | 'hash'>;

/**
 * SHA-256 over the previous entry's hash and a canonical form of this entry (a JSON array in a fixed
 * order, `detail` exactly as stored). The same scheme as db/migrations/20261124_1300_audit_chain.ts,
 * which chained the entries written before it.
 */
export function auditEntryHash(previousHash: string | null, entry: ChainedFields): string {
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

async function appendEntry(db: DB, fields: ChainedFields): Promise<void> {
	const last = await db
		.selectFrom('audit_log')
		.select('hash')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	const previousHash = last?.hash ?? null;
	await db
		.insertInto('audit_log')
		.values({ ...fields, previous_hash: previousHash, hash: auditEntryHash(previousHash, fields) })
		.execute();
}

/**
 * Records who did what to which record, when and from where. Call it inside the same transaction
 * as the change it describes, so the log and the data never disagree.
 *
 * Reading the last hash and adding the entry must not be split by another writer, or two entries
 * would claim the same predecessor. Kysely on SQLite runs every query through one connection and a
 * transaction holds it until it ends, so inside a caller's transaction nothing else can write in
 * between. A caller outside a transaction (a read of a family, a refused request) gets a
 * transaction of its own here: between two separate awaited queries another request's transaction
 * could otherwise commit an entry. Another process (a script) writing at the same moment cannot
 * fork the chain either: SQLite refuses to turn this transaction's read into a write once someone
 * else has written since (SQLITE_BUSY_SNAPSHOT), so that save fails instead.
 */
export async function recordAudit(db: DB, event: AuditEvent, now = new Date()): Promise<void> {
	await recordAudits(db, [event], now);
}

/**
 * Several entries at once, in one transaction (one commit, not one each): a page that shows
 * many families, such as the minutes, logs each family read with a single write.
 */
export async function recordAudits(
	db: DB,
	events: readonly AuditEvent[],
	now = new Date()
): Promise<void> {
	if (events.length === 0) return;
	const append = async (trx: DB) => {
		for (const event of events) await appendEntry(trx, chainedFields(event, now));
	};
	if (db.isTransaction) await append(db);
	else await db.transaction().execute(append);
}

function chainedFields(event: AuditEvent, now: Date): ChainedFields {
	return {
		at: now.toISOString(),
		actor_id: event.actorId,
		action: event.action,
		record_type: event.recordType ?? null,
		record_id: event.recordId === undefined ? null : String(event.recordId),
		ip: event.ip ?? null,
		detail: event.detail ? JSON.stringify(event.detail) : null
	};
}

export type ChainCheck =
	{ ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

const VERIFY_BATCH = 1000;

/**
 * Walks the whole log, oldest first, and reports the first entry whose hash no longer matches its
 * contents (changed after it was written) or whose link no longer matches the entry before it (an
 * entry removed, inserted or moved). Entries removed from the end leave no broken link, so the
 * highest id SQLite ever handed out (sqlite_sequence) is compared with the last entry too. Entries
 * removed by retention from the start are accounted for by the latest `audit_checkpoint`.
 */
export async function verifyAuditChain(db: DB): Promise<ChainCheck> {
	let entries = 0;
	// After retention removed the oldest entries, the chain starts from the checkpoint it left.
	const checkpoint = await db
		.selectFrom('audit_checkpoint')
		.select(['last_removed_id as id', 'last_removed_hash as hash'])
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	let previous = (checkpoint ?? null) as { id: number; hash: string } | null;
	for (;;) {
		const batch = await db
			.selectFrom('audit_log')
			.select([
				'id',
				'at',
				'actor_id',
				'action',
				'record_type',
				'record_id',
				'ip',
				'detail',
				'previous_hash',
				'hash'
			])
			.where('id', '>', previous?.id ?? 0)
			.orderBy('id')
			.limit(VERIFY_BATCH)
			.execute();
		for (const entry of batch) {
			entries += 1;
			const expectedPrevious = previous?.hash ?? null;
			if (entry.previous_hash !== expectedPrevious) {
				const reason = previous
					? `it does not follow entry #${previous.id}: an entry between them was removed or inserted, or #${previous.id} was changed`
					: 'it does not start the log: an earlier entry was removed or this one inserted';
				return { ok: false, entries, brokenAt: entry.id, reason };
			}
			if (entry.hash !== auditEntryHash(entry.previous_hash, entry)) {
				return {
					ok: false,
					entries,
					brokenAt: entry.id,
					reason: 'its contents no longer match its hash: it was changed after it was written'
				};
			}
			previous = { id: entry.id, hash: entry.hash };
		}
		if (batch.length < VERIFY_BATCH) break;
	}
	const sequence = await sql<{
		seq: number;
	}>`select seq from sqlite_sequence where name = 'audit_log'`.execute(db);
	const highest = sequence.rows[0]?.seq ?? 0;
	const lastId = previous?.id ?? 0;
	if (highest > lastId) {
		return {
			ok: false,
			entries,
			brokenAt: lastId + 1,
			reason: `the log ends at entry #${lastId} but had reached entry #${highest}: the last entries were removed`
		};
	}
	return { ok: true, entries };
}
