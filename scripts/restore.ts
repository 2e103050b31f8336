/**
 * Puts a backup back, with the server stopped:
 *   npm run restore -- <backup file> [--accept-altered-audit-log]
 * Refuses a damaged backup, one whose audit log was altered (unless told it is the only copy), and
 * a database still open in the server; keeps the replaced database beside it as
 * <DATABASE_PATH>.before-restore-<time>.
 */
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../src/lib/server/records/backup';
import { loadConfig } from '../src/lib/server/platform/config';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { 'accept-altered-audit-log': { type: 'boolean' } }
});
const source = positionals[0];
if (!source || positionals.length > 1) {
	console.error(
		'Usage: npm run restore -- <backup file> [--accept-altered-audit-log]   (stop the server first)'
	);
	process.exit(2);
}
const { databasePath } = loadConfig();
try {
	const { path, previous, check } = await restoreDatabase(source, databasePath, {
		acceptAlteredAuditLog: values['accept-altered-audit-log'] === true
	});
	console.log(`Restored ${source} to ${path}: integrity ok`);
	console.log(
		check.auditChain.ok
			? `audit log intact: ${check.auditChain.entries} entries`
			: `audit log altered at entry #${check.auditChain.brokenAt}: ${check.auditChain.reason} (accepted)`
	);
	if (previous) console.log(`The database it replaced is kept as ${previous}`);
	console.log('Start the server again.');
} catch (failure) {
	const message = (failure as Error).message;
	console.error(`Restore failed: ${message}`);
	if (message.includes('audit log altered'))
		console.error('If it is the only copy there is, run again with --accept-altered-audit-log.');
	process.exitCode = 1;
}
