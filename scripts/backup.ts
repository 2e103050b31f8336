/**
 * An online, consistent copy of the database, safe while the server runs:
 *   npm run backup -- /var/backups/mag/mag-2026-11-24.sqlite
 * The copy is checked (integrity, foreign keys, the audit log's hash chain). A damaged copy is not
 * kept; a copy whose audit log shows tampering is kept as evidence, and the command fails.
 */
import { backupDatabase } from '../src/lib/server/records/backup';
import { loadConfig } from '../src/lib/server/platform/config';

const target = process.argv[2];
if (!target) {
	console.error('Usage: npm run backup -- <file to write, e.g. backups/mag-2026-11-24.sqlite>');
	process.exit(2);
}
const { databasePath } = loadConfig();
try {
	const { path, pages, bytes, check } = await backupDatabase(databasePath, target);
	console.log(
		`Backed up ${databasePath} to ${path}: ${pages} pages (${bytes} bytes), integrity ok`
	);
	if (check.auditChain.ok) {
		console.log(`audit log intact: ${check.auditChain.entries} entries`);
	} else {
		console.error(
			`audit log altered at entry #${check.auditChain.brokenAt}: ${check.auditChain.reason}`
		);
		process.exitCode = 1;
	}
} catch (failure) {
	console.error(`Backup failed: ${(failure as Error).message}`);
	process.exitCode = 1;
}
