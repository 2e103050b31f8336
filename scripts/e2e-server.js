// Starts the app for the browser tests on a fresh database (the same start-up as `npm start`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const file = process.env.DATABASE_PATH ?? 'test-results/e2e.sqlite';
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
if (process.env.AUDIT_READ_PROBE) fs.rmSync(process.env.AUDIT_READ_PROBE, { force: true });
// E2E_SCALE=county: generated history first (db/generate.ts); start then finds the database in use.
if (process.env.E2E_SCALE) {
	const seeded = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/seed.ts', '--scale', process.env.E2E_SCALE],
		{ stdio: ['ignore', 'ignore', 'inherit'], env: process.env }
	);
	if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}
const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
	stdio: 'inherit',
	env: process.env
});
/** @type {NodeJS.Signals[]} */
const signals = ['SIGINT', 'SIGTERM'];
for (const signal of signals) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
