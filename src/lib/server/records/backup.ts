import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { verifyAuditChain, type ChainCheck } from '../audit/log';
import type { Database } from '../platform/schema';

/**
 * Backing up and restoring the SQLite file while the server runs. SQLite's online backup API copies
 * the database page by page from a read snapshot: in WAL mode the server keeps reading and writing
 * throughout, and the copy is the database as it was at one moment, never half of a save.
 */

export interface FileCheck {
	/** `pragma integrity_check` and `pragma foreign_key_check` both clean. */
	intact: boolean;
	problems: string[];
	auditChain: ChainCheck;
}

export interface BackupResult {
	path: string;
	pages: number;
	bytes: number;
	check: FileCheck;
}

export interface BackupOptions {
	/**
	 * Pages copied per step; by default all of them in one step. Between steps the source may change,
	 * and a change made through another connection (the server's) restarts the copy, so a small step
	 * on a busy server may take a while: one step holds only a read snapshot, which blocks no one.
	 */
	pagesPerStep?: number;
	/** Called between steps (tests write to the source here). */
	onStep?: (progress: { totalPages: number; remainingPages: number }) => void;
}

const ALL_PAGES = 0x7fffffff;

/** Checks a database file's structure and its audit log's hash chain, changing nothing. */
export async function checkDatabaseFile(file: string): Promise<FileCheck> {
	const sqlite = new SQLite(file, { fileMustExist: true });
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	try {
		const integrity = sqlite.pragma('integrity_check', { simple: false }) as {
			integrity_check: string;
		}[];
		const problems = integrity.map((row) => row.integrity_check).filter((text) => text !== 'ok');
		const orphans = sqlite.pragma('foreign_key_check') as { table: string; rowid: number }[];
		for (const orphan of orphans)
			problems.push(`${orphan.table} row ${orphan.rowid} points at a missing record`);
		return { intact: problems.length === 0, problems, auditChain: await verifyAuditChain(db) };
	} finally {
		await db.destroy();
	}
}

function describeProblems(check: FileCheck): string {
	const problems = [...check.problems];
	if (!check.auditChain.ok)
		problems.push(
			`audit log altered at entry #${check.auditChain.brokenAt}: ${check.auditChain.reason}`
		);
	return problems.join('; ');
}

function removeDatabaseFiles(file: string) {
	for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/**
 * Copies the live database at `source` to `target` and checks the copy before putting it in place:
 * it is written beside the target first, so a failed or damaged copy never replaces a good one. The
 * copy is a single self-contained file (rollback journal, not WAL) that can be moved or archived.
 */
export async function backupDatabase(
	source: string,
	target: string,
	options: BackupOptions = {}
): Promise<BackupResult> {
	if (path.resolve(source) === path.resolve(target))
		throw new Error('The backup must go to a different file from the database');
	fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
	const partial = `${target}.partial`;
	removeDatabaseFiles(partial);
	const live = new SQLite(source, { fileMustExist: true });
	let pages = 0;
	try {
		live.pragma('busy_timeout = 5000');
		const done = await live.backup(partial, {
			progress: (progress) => {
				pages = progress.totalPages;
				options.onStep?.(progress);
				return options.pagesPerStep ?? ALL_PAGES;
			}
		});
		pages = done.totalPages;
	} catch (failure) {
		removeDatabaseFiles(partial);
		throw failure;
	} finally {
		live.close();
	}
	const copy = new SQLite(partial);
	copy.pragma('journal_mode = DELETE');
	copy.close();
	const check = await checkDatabaseFile(partial);
	if (!check.intact) {
		removeDatabaseFiles(partial);
		throw new Error(`The copy is damaged, so no backup was written: ${describeProblems(check)}`);
	}
	// A broken audit chain is kept as it is: the copy is evidence of what was altered. The caller
	// reports it (npm run backup fails loudly, so the nightly job's owner hears of it).
	fs.renameSync(partial, target);
	return { path: target, pages, bytes: fs.statSync(target).size, check };
}

export class DatabaseInUseError extends Error {
	constructor(file: string) {
		super(
			`${file} is open in another program (is the server running?). Stop the server, then restore.`
		);
	}
}

/** Throws DatabaseInUseError unless nothing else has the database open: the server, a script. */
function ensureNotInUse(file: string) {
	if (!fs.existsSync(file)) return;
	const probe = new SQLite(file);
	try {
		probe.pragma('busy_timeout = 200');
		// In exclusive locking mode SQLite must lock the whole file, WAL index included, to begin:
		// any other open connection, even an idle one, refuses that. (It relies on WAL, which the app
		// always sets: in rollback-journal mode an idle connection holds no lock to find.)
		probe.pragma('locking_mode = exclusive');
		probe.exec('begin exclusive');
		probe.exec('commit');
	} catch (failure) {
		if ((failure as { code?: string }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(file);
		throw failure;
	} finally {
		probe.close();
	}
}

export interface RestoreResult {
	path: string;
	/** The database that was there before, kept in case the wrong backup was restored. */
	previous: string | null;
	check: FileCheck;
}

/**
 * Replaces the database at `target` with the backup at `source`, with the server stopped. The
 * backup is checked first (structure and audit chain) and a damaged one is refused (one whose audit
 * log was altered only when `acceptAlteredAuditLog`: it may be the only copy there is). It is copied
 * beside the target and checked again, then swapped in by renaming, so a failure part-way leaves
 * the old database untouched; that one is kept as `<target>.before-restore-<time>`.
 */
export async function restoreDatabase(
	source: string,
	target: string,
	options: { acceptAlteredAuditLog?: boolean; now?: Date } = {}
): Promise<RestoreResult> {
	if (path.resolve(source) === path.resolve(target))
		throw new Error('Restore from a backup file, not from the database itself');
	const acceptable = (check: FileCheck) =>
		check.intact && (check.auditChain.ok || options.acceptAlteredAuditLog === true);
	const sourceCheck = await checkDatabaseFile(source);
	if (!acceptable(sourceCheck))
		throw new Error(
			`The backup failed its checks, so nothing was restored: ${describeProblems(sourceCheck)}`
		);
	ensureNotInUse(target);

	fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
	const incoming = `${target}.restoring`;
	removeDatabaseFiles(incoming);
	const backup = new SQLite(source, { fileMustExist: true });
	try {
		await backup.backup(incoming, { progress: () => ALL_PAGES });
	} finally {
		backup.close();
	}
	const copy = new SQLite(incoming);
	copy.pragma('journal_mode = WAL');
	copy.close();
	const check = await checkDatabaseFile(incoming);
	if (!acceptable(check)) {
		removeDatabaseFiles(incoming);
		throw new Error(`The restored copy failed its checks: ${describeProblems(check)}`);
	}

	// Checked again at the last moment. Closing the last connection has folded the old database's
	// write-ahead log into it; a stale log left beside the new file would be replayed into it.
	ensureNotInUse(target);
	let previous: string | null = null;
	if (fs.existsSync(target)) {
		previous = `${target}.before-restore-${(options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
		fs.copyFileSync(target, previous);
	}
	for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
	fs.renameSync(incoming, target);
	return { path: target, previous, check };
}
