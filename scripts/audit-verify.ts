/**
 * Checks the audit log's hash chain:  npm run audit:verify
 * Prints "audit log intact: N entries", or where and how it was altered and exits with 1.
 */
import { loadConfig } from '../src/lib/server/platform/config';
import { openDatabase } from '../src/lib/server/platform/db';
import { verifyAuditChain } from '../src/lib/server/audit/log';

const { databasePath } = loadConfig();
const database = openDatabase(databasePath);
try {
	const check = await verifyAuditChain(database.db);
	if (check.ok) {
		console.log(`audit log intact: ${check.entries} entries`);
	} else {
		console.error(`audit log altered at entry #${check.brokenAt}: ${check.reason}`);
		process.exitCode = 1;
	}
} finally {
	await database.close();
}
