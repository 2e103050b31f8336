import { loadConfig } from '../src/lib/server/platform/config';
import { openDatabase } from '../src/lib/server/platform/db';
import { migrate } from '../src/lib/server/platform/migrator';

const { databasePath } = loadConfig();
const database = openDatabase(databasePath);
try {
	const applied = await migrate(database.db);
	console.log(
		applied.length
			? `Applied ${applied.join(', ')} to ${databasePath}`
			: `${databasePath} is up to date`
	);
} finally {
	await database.close();
}
