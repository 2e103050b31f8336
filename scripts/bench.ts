// npm run bench -- [--scale county|national|demo] [--requests N] [--port P]
//
// Seeds a database at the chosen scale (once: the file is kept under test-results/ and reused),
// starts the built server on it exactly as `npm start` does, signs in as the demo chair and
// times each page: a few warm-up requests, then N one after another over loopback. Prints the
// median and 95th percentile per page. Nothing here runs in `npm test`: speed is measured, never
// asserted in tests.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { DEMO_PASSWORD } from '../db/seed';
import { openDatabase } from '../src/lib/server/platform/db';
import { runMailSchedule } from '../src/lib/server/mail/schedule';
import { migrate } from '../src/lib/server/platform/migrator';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: 'county' },
		requests: { type: 'string', default: '50' },
		port: { type: 'string', default: '4180' }
	}
});
const scale = values.scale!;
const requests = Number(values.requests);
const port = Number(values.port);
const origin = `http://localhost:${port}`;
const databasePath = `test-results/bench-${scale}.sqlite`;
const environment = {
	...process.env,
	DATABASE_PATH: databasePath,
	PORT: String(port),
	ORIGIN: origin,
	REQUIRE_TWO_FACTOR: 'none',
	MAIL_MODE: 'log'
};

fs.mkdirSync('test-results', { recursive: true });
if (!fs.existsSync(databasePath)) {
	console.log(`Seeding ${databasePath} at ${scale} scale (once; later runs reuse it)...`);
	const seeded = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/seed.ts', '--scale', scale],
		{ stdio: 'inherit', env: environment }
	);
	if (seeded.status !== 0) process.exit(seeded.status ?? 1);
}

/**
 * The generated history's actions call for reminders and weekly digests (thousands at national
 * scale), which a server would queue and send on its first start. They are queued here and
 * marked as sent, as if earlier days had sent them, so the timings measure pages, not that
 * first day's mail.
 */
async function settleMail() {
	const database = openDatabase(databasePath);
	try {
		await migrate(database.db);
		await runMailSchedule(database.db, new Date());
		const sentAt = new Date().toISOString();
		database.sqlite
			.prepare(
				"update mail_outbox set status = 'sent', sent_at = ?, body = '' where status = 'queued'"
			)
			.run(sentAt);
	} finally {
		await database.close();
	}
}
await settleMail();

// The server's console is not read here: a pipe nobody empties would stop it once full.
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: environment
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function waitForServer() {
	for (let attempt = 0; attempt < 300; attempt++) {
		try {
			if ((await fetch(`${origin}/sign-in`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error('The server did not start');
}

async function signIn(email: string): Promise<string> {
	const response = await fetch(`${origin}/sign-in?/signIn`, {
		method: 'POST',
		headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mag_session='));
	if (!cookie) throw new Error(`Could not sign in as ${email} (status ${response.status})`);
	return cookie.split(';')[0]!;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(path: string, cookie: string) {
	const get = async () => {
		const started = performance.now();
		const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
		await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
		return performance.now() - started;
	};
	// The first request on its own: council-wide reports are worked out then, and kept (cache.ts).
	const first = await get();
	for (let i = 0; i < 4; i++) await get();
	const times: number[] = [];
	for (let i = 0; i < requests; i++) times.push(await get());
	times.sort((a, b) => a - b);
	return { path, first, median: percentile(times, 50), p95: percentile(times, 95) };
}

try {
	await waitForServer();
	const db = new SQLite(databasePath, { readonly: true });
	const community = db
		.prepare(
			`select community.id from community join community_membership on community_id = community.id
			 join user on user.id = user_id where user.email = 'chair.north@mag.example' limit 1`
		)
		.get() as { id: number };
	const meeting = db
		.prepare('select id from meeting where community_id = ? order by date limit 1')
		.get(community.id) as { id: number };
	const locality = db
		.prepare('select locality_id as id from community where id = ?')
		.get(community.id) as { id: number };
	const past = db
		.prepare(
			"select id from meeting where community_id = ? and status = 'concluded' order by date desc limit 1"
		)
		.get(community.id) as { id: number } | undefined;
	db.close();

	const chair = await signIn('chair.north@mag.example');
	const admin = await signIn('admin@mag.example');
	const pages: [string, string][] = [
		['/', chair],
		['/communities', chair],
		[`/communities/${community.id}`, chair],
		[`/communities/${community.id}/follow-up`, chair],
		[`/meetings/${meeting.id}`, chair],
		[`/meetings/${meeting.id}/agenda`, chair],
		['/actions', chair],
		['/cases', chair],
		['/submissions', chair],
		['/admin/audit', admin]
	];
	if (past) pages.push([`/meetings/${past.id}/minutes`, chair]);
	// Each report for the chair's community, its locality and the whole council (the last 12
	// months, the default period), and one as a CSV download.
	pages.push(['/reports', chair]);
	for (const report of ['activity', 'capacity', 'outcomes', 'actions', 'engagement', 'ways-in'])
		for (const area of [`community-${community.id}`, `locality-${locality.id}`, 'council'])
			pages.push([`/reports/${report}?area=${area}`, chair]);
	pages.push(['/reports/actions/csv?area=council', chair]);
	console.log(`\n${scale} scale, ${requests} requests per page, one at a time, over loopback:`);
	const rows = [];
	for (const [path, cookie] of pages) rows.push(await time(path, cookie));
	console.table(
		rows.map((row) => ({
			page: row.path,
			'first (ms)': row.first.toFixed(1),
			'median (ms)': row.median.toFixed(1),
			'p95 (ms)': row.p95.toFixed(1)
		}))
	);
} finally {
	stop();
}
