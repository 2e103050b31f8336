import { sql, type Kysely } from 'kysely';
import type { DB } from './db';
import { migrations as registered, type Migration } from '../../../../db/migrations/index';

export type { Migration };

/**
 * Applies pending migrations in name order, each in its own transaction together with the row that
 * records it. Kysely's Migrator cannot wrap DDL in a transaction on SQLite, and SQLite can: so a
 * migration that fails half-way leaves the database exactly as it was.
 */
export async function migrate(
	db: DB,
	migrations: Record<string, Migration> = registered
): Promise<string[]> {
	await sql`create table if not exists schema_migration (
		name text primary key,
		applied_at text not null
	)`.execute(db);
	const done = new Set(
		(await db.selectFrom('schema_migration').select('name').execute()).map((row) => row.name)
	);
	const applied: string[] = [];
	for (const name of Object.keys(migrations).sort()) {
		if (done.has(name)) continue;
		const migration = migrations[name]!;
		await db.transaction().execute(async (trx) => {
			await migration.up(trx as unknown as Kysely<unknown>);
			await trx
				.insertInto('schema_migration')
				.values({ name, applied_at: new Date().toISOString() })
				.execute();
		});
		applied.push(name);
	}
	return applied;
}
