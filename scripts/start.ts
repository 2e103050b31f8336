/**
 * `npm start`: build if the sources changed since the last build, apply migrations, seed the demo
 * data into an empty database, print the demo sign-ins, then serve the built app (adapter-node) in
 * this process. Ctrl-C / SIGTERM: adapter-node finishes open requests, then the app closes the
 * database (see src/hooks.server.ts).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { demoSignIns, isEmpty, seedDemo } from '../db/seed';
import { openDatabase } from '../src/lib/server/platform/db';
import { migrate } from '../src/lib/server/platform/migrator';

const root = path.resolve(import.meta.dirname, '..');
const builtEntry = path.join(root, 'build', 'index.js');
const sources = [
	'src',
	'static',
	'db/migrations',
	'package.json',
	'package-lock.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newestChange(target: string): number {
	const full = path.join(root, target);
	if (!fs.existsSync(full)) return 0;
	const stat = fs.statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return fs
		.readdirSync(full, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.reduce(
			(newest, entry) =>
				Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
			0
		);
}

function buildIfNeeded() {
	const builtAt = fs.existsSync(builtEntry) ? fs.statSync(builtEntry).mtimeMs : 0;
	const changedAt = Math.max(...sources.map(newestChange));
	if (builtAt > changedAt) return;
	console.log('Building the app (first start, or the sources changed)...');
	execSync('npx vite build', { cwd: root, stdio: 'inherit' });
}

/** MAG_DEMO=off: a council's own service: no demo data, and two-factor as configured. */
const demo = process.env.MAG_DEMO !== 'off';
// The demo runs on http://localhost: two-factor sign-in is offered but not required, so the
// printed demo sign-ins work at once. Set REQUIRE_TWO_FACTOR to change that.
if (demo) process.env.REQUIRE_TWO_FACTOR ??= 'none';
process.env.PORT ??= '3000';
// adapter-node assumes https when ORIGIN is unset; the demo is served over plain http on localhost.
// In production set ORIGIN to the https address people use (cookies then become Secure + __Host-).
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
process.env.DATABASE_PATH ??= path.join(root, 'db', 'mag.sqlite');
process.env.BODY_SIZE_LIMIT ??= '1M';
// Without a mail server the demo writes a line per email (who to, the subject) to this console.
process.env.MAIL_MODE ??= process.env.SMTP_HOST ? 'smtp' : 'log';

buildIfNeeded();

const database = openDatabase(process.env.DATABASE_PATH);
try {
	const applied = await migrate(database.db);
	if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
	// MAG_DEMO=off: a council's own service, which starts empty and is set up with `npm run setup`.
	if (demo && (await isEmpty(database.db))) {
		await seedDemo(database.db);
		console.log('Seeded the demo data (fictional people, Herefordshire localities).');
	} else if (!demo && (await isEmpty(database.db))) {
		console.log('No council is set up in this database yet: run `npm run setup` first.');
	}
} finally {
	await database.close();
}

await import(pathToFileURL(builtEntry).href);
console.log(`\nMAG meetings is running at ${process.env.ORIGIN}`);
console.log(`Database: ${process.env.DATABASE_PATH}`);
if (demo) {
	console.log('Demo sign-ins (every demo account uses the same password):');
	const roleWidth = Math.max(...demoSignIns.map((signIn) => signIn.role.length));
	const emailWidth = Math.max(...demoSignIns.map((signIn) => signIn.email.length));
	for (const signIn of demoSignIns) {
		console.log(
			`  ${signIn.role.padEnd(roleWidth)}  ${signIn.email.padEnd(emailWidth)}  ${signIn.password}`
		);
	}
}
console.log('Press Ctrl-C to stop.');
