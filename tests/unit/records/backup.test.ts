import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntryHash, recordAudit, type ChainedFields } from '$lib/server/audit/log';
import { backupDatabase, DatabaseInUseError, restoreDatabase } from '$lib/server/records/backup';
import { openDatabase, type OpenDatabase } from '$lib/server/platform/db';
import { migrate } from '$lib/server/platform/migrator';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mag-backup-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

let counter = 0;
let livePath: string;
let live: OpenDatabase;

function file(name: string) {
	counter += 1;
	return path.join(folder, `${counter}-${name}.sqlite`);
}

/** The server at work: an agency added and audited in one transaction, on its own connection. */
function saveSync(sqlite: SQLite.Database, name: string) {
	sqlite.transaction(() => {
		sqlite.prepare(`insert into agency (name, sector) values (?, 'Voluntary')`).run(name);
		const last = sqlite.prepare('select hash from audit_log order by id desc limit 1').get() as
			{ hash: string } | undefined;
		const fields: ChainedFields = {
			at: new Date().toISOString(),
			actor_id: null,
			action: 'agency.added',
			record_type: 'agency',
			record_id: name,
			ip: '192.0.2.1',
			detail: JSON.stringify({ name })
		};
		const previous = last?.hash ?? null;
		sqlite
			.prepare(
				`insert into audit_log (at, actor_id, action, record_type, record_id, ip, detail, previous_hash, hash)
				 values (@at, @actor_id, @action, @record_type, @record_id, @ip, @detail, @previous, @hash)`
			)
			.run({ ...fields, previous, hash: auditEntryHash(previous, fields) });
	})();
}

/** Every table's row count and a SHA-256 of all its rows in order. */
function snapshot(databasePath: string): Record<string, { rows: number; sha256: string }> {
	const sqlite = new SQLite(databasePath, { readonly: true, fileMustExist: true });
	try {
		const tables = sqlite
			.prepare(
				`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`
			)
			.all() as { name: string }[];
		const result: Record<string, { rows: number; sha256: string }> = {};
		for (const { name } of tables) {
			const rows = sqlite.prepare(`select * from "${name}" order by rowid`).all();
			const text = JSON.stringify(rows, (_, value: unknown) =>
				value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value
			);
			result[name] = {
				rows: rows.length,
				sha256: encodeHexLowerCase(sha256(new TextEncoder().encode(text)))
			};
		}
		return result;
	} finally {
		sqlite.close();
	}
}

beforeEach(async () => {
	livePath = file('live');
	live = openDatabase(livePath);
	await migrate(live.db);
	await live.db.transaction().execute(async (trx) => {
		for (let i = 0; i < 200; i += 1) {
			await trx
				.insertInto('agency')
				.values({ name: `Agency ${i} ${'x'.repeat(200)}`, sector: 'Health' })
				.execute();
			await recordAudit(trx, { actorId: null, action: 'agency.added', recordId: i });
		}
	});
});
afterEach(async () => {
	await live.close();
});

describe('npm run backup', () => {
	it('copies the database while it is being written to, and the copy restores to an identical database', async () => {
		const backupPath = file('backup');
		let writes = 0;
		const { pages, check } = await backupDatabase(livePath, backupPath, {
			pagesPerStep: 2,
			// Between pages of the copy the server saves again, on its own connection.
			onStep: () => {
				if (writes < 15) saveSync(live.sqlite, `During the backup ${++writes}`);
			}
		});
		expect(writes).toBe(15);
		expect(pages).toBeGreaterThan(10);
		expect(check).toEqual({ intact: true, problems: [], auditChain: { ok: true, entries: 215 } });

		const original = snapshot(livePath);
		expect(original.agency!.rows).toBe(215);
		expect(snapshot(backupPath)).toEqual(original);

		const restoredPath = file('restored');
		const restored = await restoreDatabase(backupPath, restoredPath);
		expect(restored.previous).toBeNull();
		expect(restored.check.auditChain).toEqual({ ok: true, entries: 215 });
		expect(snapshot(restoredPath)).toEqual(original);
		expect(fs.existsSync(`${restoredPath}.restoring`)).toBe(false);
	});

	it('copies the database as it was at one moment: a save still in progress is not in it', async () => {
		const before = snapshot(livePath);
		live.sqlite.exec('begin');
		saveSync(live.sqlite, 'Half-way through a save');
		const backupPath = file('moment');
		try {
			await backupDatabase(livePath, backupPath);
		} finally {
			live.sqlite.exec('commit');
		}
		expect(snapshot(backupPath)).toEqual(before);
		expect(snapshot(livePath).agency!.rows).toBe(201);
	});

	it('writes a single file that needs no write-ahead log beside it', async () => {
		const backupPath = file('single');
		await backupDatabase(livePath, backupPath);
		expect(fs.existsSync(`${backupPath}-wal`)).toBe(false);
		expect(fs.existsSync(`${backupPath}.partial`)).toBe(false);
		const copy = new SQLite(backupPath, { readonly: true });
		expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
		copy.close();
	});

	it('keeps a copy of a log that was tampered with, and says where', async () => {
		live.sqlite.exec('drop trigger audit_log_append_only_update');
		live.sqlite.exec(`update audit_log set detail = '{"why":"nothing"}' where id = 7`);
		const backupPath = file('evidence');
		const { check } = await backupDatabase(livePath, backupPath);
		expect(check.intact).toBe(true);
		expect(check.auditChain).toMatchObject({ ok: false, brokenAt: 7 });
		expect(fs.existsSync(backupPath)).toBe(true);
	});
});

describe('npm run restore', () => {
	it('refuses while the server has the database open, and changes nothing', async () => {
		const backupPath = file('backup');
		await backupDatabase(livePath, backupPath);
		saveSync(live.sqlite, 'After the backup');
		const before = snapshot(livePath);
		await expect(restoreDatabase(backupPath, livePath)).rejects.toThrow(DatabaseInUseError);
		expect(snapshot(livePath)).toEqual(before);
	});

	it('replaces a stopped database and keeps the one it replaced', async () => {
		const backupPath = file('backup');
		await backupDatabase(livePath, backupPath);
		const backedUp = snapshot(backupPath);
		saveSync(live.sqlite, 'After the backup');
		const replaced = snapshot(livePath);
		await live.close();

		const result = await restoreDatabase(backupPath, livePath, {
			now: new Date('2027-01-04T02:00:00Z')
		});
		expect(result.previous).toBe(`${livePath}.before-restore-2027-01-04T02-00-00-000Z`);
		expect(snapshot(livePath)).toEqual(backedUp);
		expect(snapshot(result.previous!)).toEqual(replaced);

		// The server starts on it as before.
		live = openDatabase(livePath);
		expect(await migrate(live.db)).toEqual([]);
		expect(live.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
	});

	it('refuses a backup whose audit log was altered, unless it is the only copy there is', async () => {
		const backupPath = file('backup');
		await backupDatabase(livePath, backupPath);
		const tampered = new SQLite(backupPath);
		tampered.exec('drop trigger audit_log_append_only_delete');
		tampered.exec('delete from audit_log where id = 3');
		tampered.close();

		const target = file('target');
		await expect(restoreDatabase(backupPath, target)).rejects.toThrow(
			/audit log altered at entry #4/
		);
		expect(fs.existsSync(target)).toBe(false);

		const accepted = await restoreDatabase(backupPath, target, { acceptAlteredAuditLog: true });
		expect(accepted.check.auditChain).toMatchObject({ ok: false, brokenAt: 4 });
	});

	it('refuses a file that is not a database', async () => {
		const junk = file('junk');
		fs.writeFileSync(junk, 'not a database at all, just some text '.repeat(200));
		const target = file('target');
		await expect(restoreDatabase(junk, target)).rejects.toThrow();
		expect(fs.existsSync(target)).toBe(false);
	});
});
