/**
 * Anonymises closed cases and removes old audit entries, as the server does every day:
 *   npm run retention            (uses DATABASE_PATH, RETENTION_CLOSED_CASE_MONTHS, AUDIT_RETENTION_MONTHS)
 * Prints what it did; the run is also kept in retention_run and the audit log.
 */
import { loadConfig } from '../src/lib/server/platform/config';
import { openDatabase } from '../src/lib/server/platform/db';
import { migrate } from '../src/lib/server/platform/migrator';
import { describeRun, retentionSettings, runRetention } from '../src/lib/server/records/retention';

const settings = retentionSettings();
const { databasePath } = loadConfig();
const database = openDatabase(databasePath);
try {
	await migrate(database.db);
	const report = await runRetention(database.db, new Date(), settings, 'command');
	console.log(describeRun(report));
} finally {
	await database.close();
}
