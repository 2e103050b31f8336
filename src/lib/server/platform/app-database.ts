import { config } from './config';
import { openDatabase, type OpenDatabase } from './db';

let opened: OpenDatabase | null = null;

/** The running app's database, opened on first use at DATABASE_PATH. */
export function appDatabase(): OpenDatabase {
	opened ??= openDatabase(config.databasePath);
	return opened;
}

export async function closeAppDatabase(): Promise<void> {
	const current = opened;
	opened = null;
	await current?.close();
}
