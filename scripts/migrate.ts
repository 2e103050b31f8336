import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrate } from '../src/lib/server/migrator';

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
