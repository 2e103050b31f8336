import { demoSignIns, seedDemo } from '../db/seed';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrate } from '../src/lib/server/migrator';

const { databasePath } = loadConfig();
const database = openDatabase(databasePath);
try {
	await migrate(database.db);
	await seedDemo(database.db);
	console.log(`Demo data is in ${databasePath}. Demo sign-ins:`);
	console.table(demoSignIns);
} finally {
	await database.close();
}
