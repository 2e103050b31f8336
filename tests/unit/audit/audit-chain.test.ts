import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntryHash, recordAudit, verifyAuditChain } from '$lib/server/audit/log';
import { openDatabase, type OpenDatabase } from '$lib/server/platform/db';
import { migrate } from '$lib/server/platform/migrator';
import { migrations } from '../../../db/migrations/index';
import { addUser, freshDatabase } from '../helpers';

let database: OpenDatabase;
let reader: number;

beforeEach(async () => {
	database = await freshDatabase();
	reader = (await addUser(database)).id;
});
afterEach(async () => {
	await database.close();
});

const started = new Date('2027-03-01T09:00:00Z');

async function writeEntries(count: number) {
	for (let i = 1; i <= count; i += 1) {
		await recordAudit(
			database.db,
			{
				actorId: reader,
				action: 'family.viewed',
				recordType: 'family_case',
				recordId: `LB-2027-00${i}`,
				ip: '192.0.2.1',
				detail: { why: 'chair preparing the agenda' }
			},
			new Date(started.getTime() + i * 60_000)
		);
	}
}

function entries() {
	return database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

/** What someone with the file and a SQLite shell could do: the app's own guards taken off. */
function tamper(statement: string, ...params: unknown[]) {
	database.sqlite.exec('drop trigger if exists audit_log_append_only_update');
	database.sqlite.exec('drop trigger if exists audit_log_append_only_delete');
	database.sqlite.exec('drop trigger if exists audit_log_hash_required');
	database.sqlite.prepare(statement).run(...params);
}

describe('the audit log as a hash chain', () => {
	it('links each new entry to the one before it', async () => {
		await writeEntries(3);
		const rows = await entries();
		expect(rows[0]!.previous_hash).toBeNull();
		expect(rows[1]!.previous_hash).toBe(rows[0]!.hash);
		expect(rows[2]!.previous_hash).toBe(rows[1]!.hash);
		for (const row of rows) {
			expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
			expect(row.hash).toBe(auditEntryHash(row.previous_hash, row));
		}
	});

	it('verifies an untouched log', async () => {
		await writeEntries(4);
		expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 4 });
	});

	it('verifies an empty log', async () => {
		expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 0 });
	});

	it('refuses an entry written without its hash', async () => {
		expect(() =>
			database.sqlite
				.prepare(`insert into audit_log (at, action) values ('2027-03-01T10:00:00.000Z', 'forged')`)
				.run()
		).toThrow(/carries its hash/);
	});

	it('keeps the chain when entries are written at the same moment, in and out of transactions', async () => {
		await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				i % 3 === 0
					? database.db
							.transaction()
							.execute((trx) => recordAudit(trx, { actorId: null, action: `in.${i}` }))
					: recordAudit(database.db, { actorId: null, action: `out.${i}` })
			)
		);
		expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 12 });
	});
});

describe('audit:verify finds tampering', () => {
	it('reports an entry whose detail was changed', async () => {
		await writeEntries(4);
		tamper(`update audit_log set detail = '{"why":"nothing to see"}' where id = 2`);
		const check = await verifyAuditChain(database.db);
		expect(check).toMatchObject({ ok: false, brokenAt: 2 });
		expect(!check.ok && check.reason).toMatch(/changed after it was written/);
	});

	it.each([
		['who did it', `update audit_log set actor_id = null where id = 3`],
		['when', `update audit_log set at = '2027-02-01T09:00:00.000Z' where id = 3`],
		['which record', `update audit_log set record_id = 'LB-2027-999' where id = 3`],
		['the address', `update audit_log set ip = '203.0.113.9' where id = 3`],
		['what', `update audit_log set action = 'sign-in.succeeded' where id = 3`]
	])('reports an entry whose %s was changed', async (_, statement) => {
		await writeEntries(4);
		tamper(statement);
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 3 });
	});

	it('reports the next entry when a changed entry was given a fresh hash', async () => {
		await writeEntries(4);
		const [first, second] = await entries();
		const forged = { ...second!, detail: '{"why":"nothing to see"}' };
		tamper(
			`update audit_log set detail = ?, hash = ? where id = ?`,
			forged.detail,
			auditEntryHash(first!.hash, forged),
			second!.id
		);
		const check = await verifyAuditChain(database.db);
		expect(check).toMatchObject({ ok: false, brokenAt: 3 });
		expect(!check.ok && check.reason).toMatch(/does not follow entry #2/);
	});

	it('reports the entry after a deleted one', async () => {
		await writeEntries(4);
		tamper(`delete from audit_log where id = 2`);
		const check = await verifyAuditChain(database.db);
		expect(check).toMatchObject({ ok: false, brokenAt: 3 });
		expect(!check.ok && check.reason).toMatch(/does not follow entry #1/);
	});

	it('reports the first entry deleted', async () => {
		await writeEntries(3);
		tamper(`delete from audit_log where id = 1`);
		const check = await verifyAuditChain(database.db);
		expect(check).toMatchObject({ ok: false, brokenAt: 2 });
		expect(!check.ok && check.reason).toMatch(/does not start the log/);
	});

	it('reports the last entries deleted', async () => {
		await writeEntries(4);
		tamper(`delete from audit_log where id >= 3`);
		const check = await verifyAuditChain(database.db);
		expect(check).toMatchObject({ ok: false, entries: 2, brokenAt: 3 });
		expect(!check.ok && check.reason).toMatch(/had reached entry #4/);
	});

	it('reports an entry inserted with a made-up hash', async () => {
		await writeEntries(3);
		const [, , last] = await entries();
		tamper(
			`insert into audit_log (at, action, previous_hash, hash) values (?, 'family.viewed', ?, ?)`,
			'2027-03-01T10:00:00.000Z',
			last!.hash,
			'0'.repeat(64)
		);
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 4 });
	});

	it('reports entries put in another order', async () => {
		await writeEntries(3);
		const [first, second] = await entries();
		const swap = `update audit_log set at = ?, record_id = ?, previous_hash = ?, hash = ? where id = ?`;
		tamper(swap, second!.at, second!.record_id, second!.previous_hash, second!.hash, first!.id);
		tamper(swap, first!.at, first!.record_id, first!.previous_hash, first!.hash, second!.id);
		const check = await verifyAuditChain(database.db);
		expect(check).toMatchObject({ ok: false, brokenAt: 1 });
		expect(!check.ok && check.reason).toMatch(/does not start the log/);
	});
});

describe('the migration that chained the log', () => {
	it('chains the entries written before it, oldest first, and keeps the log append-only', async () => {
		const older = openDatabase(':memory:');
		const before = Object.fromEntries(
			Object.entries(migrations).filter(([name]) => name < '20261124_1300')
		);
		await migrate(older.db, before);
		const insert = older.sqlite.prepare(
			`insert into audit_log (at, actor_id, action, record_type, record_id, ip, detail)
			 values (?, null, ?, 'family_case', 'LB-2027-001', '192.0.2.1', ?)`
		);
		insert.run('2027-03-01T09:00:00.000Z', 'family.viewed', '{"why":"minutes"}');
		insert.run('2027-03-01T09:05:00.000Z', 'consent-gate.opened', null);
		insert.run('2027-03-01T09:10:00.000Z', 'family.viewed', '{"why":"discussed in the meeting"}');

		// Later migrations follow it; this one runs first over the entries already written.
		expect((await migrate(older.db))[0]).toBe('20261124_1300_audit_chain');
		expect(await verifyAuditChain(older.db)).toEqual({ ok: true, entries: 3 });
		await recordAudit(older.db, { actorId: null, action: 'after.the.migration' });
		expect(await verifyAuditChain(older.db)).toEqual({ ok: true, entries: 4 });
		expect(() => older.sqlite.exec(`update audit_log set detail = null`)).toThrow(/append-only/);
		expect(() => older.sqlite.exec(`delete from audit_log`)).toThrow(/append-only/);
		await older.close();
	});
});
