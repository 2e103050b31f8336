/** Rows written fast, with prepared better-sqlite3 statements (see generate.ts). */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';

/** A prepared insert of `columns` into `table`, values given in the same order. */
export const insertInto = (sqlite: SQLiteDatabase, table: string, columns: string[]): Statement =>
	sqlite.prepare(
		`insert into "${table}" (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
	);

/** The id of the row an insert just wrote. */
export const idOf = (result: { lastInsertRowid: number | bigint }) =>
	Number(result.lastInsertRowid);

/** What a run added, counted as it writes. */
export interface Added {
	communities: number;
	users: number;
	meetings: number;
	items: number;
	cases: number;
}
