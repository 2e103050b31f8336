/** A county-scale database generated for the seed tests, and the queries they read it with. */
import { generate } from '../../../db/generate';
import type { OpenDatabase } from '$lib/server/platform/db';
import { freshDatabase } from '../helpers';

export const TODAY = '2027-03-01';
/** The databases a test file opened, for closeAll. */
export const opened: OpenDatabase[] = [];

export async function county(seed: number, years?: number): Promise<OpenDatabase> {
	const database = await freshDatabase();
	opened.push(database);
	await generate(database, { scale: 'county', seed, today: TODAY, years });
	return database;
}

/** Every database this file opened, closed (in its afterAll). */
export async function closeAll() {
	for (const database of opened.splice(0)) await database.close();
}

export const all = <T>(database: OpenDatabase, query: string, ...params: unknown[]) =>
	database.sqlite.prepare(query).all(...params) as T[];
