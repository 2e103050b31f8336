import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { recordAudit } from '$lib/server/audit/log';
import { openDatabase } from '$lib/server/platform/db';
import { migrate } from '$lib/server/platform/migrator';
import { migrations } from '../../../db/migrations/index';
import { freshDatabase } from '../helpers';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mag-db-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
	const rows = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' order by name`.execute(db);
	return rows.rows.map((row) => row.name);
}

describe('opening the database', () => {
	it('uses WAL, full synchronous writes, enforced foreign keys and a busy timeout', async () => {
		const database = openDatabase(path.join(folder, 'pragmas.sqlite'));
		const { sqlite } = database;
		expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
		await database.close();
	});

	it('refuses a row that points at a record that does not exist', async () => {
		const database = await freshDatabase();
		await expect(
			database.db.insertInto('community').values({ name: 'Nowhere', locality_id: 999 }).execute()
		).rejects.toThrow(/FOREIGN KEY/);
		await database.close();
	});
});

describe('migrations', () => {
	it('lists every file in db/migrations, in time order', () => {
		const files = fs
			.readdirSync(path.resolve('db/migrations'))
			.filter((file) => /^\d{8}_\d{4}_.+\.ts$/.test(file))
			.map((file) => file.replace(/\.ts$/, ''));
		expect(Object.keys(migrations).sort()).toEqual(files.sort());
	});

	it('applies each migration once and records it', async () => {
		const database = openDatabase(path.join(folder, 'twice.sqlite'));
		expect(await migrate(database.db)).toEqual(Object.keys(migrations).sort());
		expect(await migrate(database.db)).toEqual([]);
		const recorded = await database.db.selectFrom('schema_migration').select('name').execute();
		expect(recorded.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
		await database.close();
	});

	it('leaves the database exactly as it was when a migration fails half-way', async () => {
		const database = openDatabase(path.join(folder, 'half-way.sqlite'));
		await migrate(database.db);
		const before = await tableNames(database.db as unknown as Kysely<unknown>);
		const failing = {
			...migrations,
			'29990101_0000_breaks_half_way': {
				up: async (db: Kysely<unknown>) => {
					await db.schema
						.createTable('half_made')
						.addColumn('id', 'integer', (c) => c.primaryKey())
						.execute();
					await sql`insert into agency (name, sector) values ('Half-way agency', 'Test')`.execute(
						db
					);
					throw new Error('disk full');
				}
			}
		};
		await expect(migrate(database.db, failing)).rejects.toThrow('disk full');
		expect(await tableNames(database.db as unknown as Kysely<unknown>)).toEqual(before);
		const agencies = await database.db.selectFrom('agency').selectAll().execute();
		expect(agencies).toEqual([]);
		const recorded = await database.db.selectFrom('schema_migration').select('name').execute();
		expect(recorded.map((r) => r.name)).not.toContain('29990101_0000_breaks_half_way');
		await database.close();
	});
});

describe('the audit log', () => {
	it('can be added to but not changed or deleted', async () => {
		const database = await freshDatabase();
		const { db } = database;
		await recordAudit(db, { actorId: null, action: 'test' });
		await expect(db.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(
			/append-only/
		);
		await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
		await database.close();
	});
});
