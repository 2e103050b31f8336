// npm run bench -- [--scale county|national|demo] [--requests N] [--port P] [--parts LIST]
//
// Seeds a database at the chosen scale (once: the file is kept under test-results/ and reused),
// starts the built server on it exactly as `npm start` does, and prints in one run (issue 17's
// figures; --parts picks some of pages,room,load,javascript):
// - pages: each page's first request, then the median and p95 of N one after another;
// - room: the live view's fan-out, the chair's click to the last follower's new screen, to 10, 50
//   and 200 followers (p95 over ten changes);
// - load: My actions' and the sign-in page's throughput under 16 concurrent clients, and My
//   actions' p95 while council-wide reports are being worked out;
// - javascript: the gzipped JavaScript the browser loads for the main pages.
// Nothing here runs in `npm test`: speed is measured, never asserted in tests.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../src/lib/server/platform/db';
import { runMailSchedule } from '../src/lib/server/mail/schedule';
import { migrate } from '../src/lib/server/platform/migrator';
import { signIn, timePage } from './bench/client';
import { timeFanOut } from './bench/fan-out';
import { javascriptPerPage } from './bench/javascript';
import { myActionsBesideReports, throughput } from './bench/load';
import { prepareRoom, type BenchRoom } from './bench/room';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: 'county' },
		requests: { type: 'string', default: '50' },
		port: { type: 'string', default: '4180' },
		parts: { type: 'string', default: 'pages,room,load,javascript' }
	}
});
const scale = values.scale!;
const requests = Number(values.requests);
const port = Number(values.port);
const parts = new Set(values.parts!.split(','));
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
async function settleMail(): Promise<BenchRoom> {
	const database = openDatabase(databasePath);
	try {
		await migrate(database.db);
		const room = prepareRoom(database.sqlite, chairsCommunity(database.sqlite));
		await runMailSchedule(database.db, new Date());
		const sentAt = new Date().toISOString();
		database.sqlite
			.prepare(
				"update mail_outbox set status = 'sent', sent_at = ?, body = '' where status = 'queued'"
			)
			.run(sentAt);
		return room;
	} finally {
		await database.close();
	}
}
function chairsCommunity(db: SQLite.Database): number {
	const community = db
		.prepare(
			`select community.id from community join community_membership on community_id = community.id
			 join user on user.id = user_id where user.email = 'chair.north@mag.example' limit 1`
		)
		.get() as { id: number };
	return community.id;
}

const room = await settleMail();

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

const ms = (n: number) => n.toFixed(1);

async function timePages(chair: string, admin: string) {
	const db = new SQLite(databasePath, { readonly: true });
	const community = chairsCommunity(db);
	const meeting = db
		.prepare('select id from meeting where community_id = ? order by date limit 1')
		.get(community) as { id: number };
	const locality = db
		.prepare('select locality_id as id from community where id = ?')
		.get(community) as { id: number };
	const past = db
		.prepare(
			"select id from meeting where community_id = ? and status = 'concluded' order by date desc limit 1"
		)
		.get(community) as { id: number } | undefined;
	db.close();
	const pages: [string, string][] = [
		['/', chair],
		['/communities', chair],
		[`/communities/${community}`, chair],
		[`/communities/${community}/follow-up`, chair],
		[`/meetings/${meeting.id}`, chair],
		[`/meetings/${meeting.id}/agenda`, chair],
		[`/meetings/${room.meetingId}/room`, chair],
		[`/items/${room.itemId}`, chair],
		['/actions', chair],
		['/cases', chair],
		['/submissions', chair],
		['/admin/audit', admin]
	];
	if (room.caseId) pages.push([`/cases/${room.caseId}`, chair]);
	if (past) pages.push([`/meetings/${past.id}/minutes`, chair]);
	// Each report for the chair's community, its locality and the whole council (the last 12
	// months, the default period), and one as a CSV download.
	pages.push(['/reports', chair]);
	for (const report of ['activity', 'capacity', 'outcomes', 'actions', 'engagement', 'ways-in'])
		for (const area of [`community-${community}`, `locality-${locality.id}`, 'council'])
			pages.push([`/reports/${report}?area=${area}`, chair]);
	pages.push(['/reports/actions/csv?area=council', chair]);
	console.log(`\nPages: ${requests} requests each, one at a time, over loopback:`);
	const rows = [];
	for (const [path, cookie] of pages)
		rows.push({ path, ...(await timePage(origin, path, cookie, requests)) });
	console.table(
		rows.map((row) => ({
			page: row.path,
			'first (ms)': ms(row.first),
			'median (ms)': ms(row.median),
			'p95 (ms)': ms(row.p95)
		}))
	);
}

async function timeRoom(chair: string) {
	const members = await Promise.all(room.members.map((email) => signIn(origin, email)));
	console.log(
		`\nThe live view: the chair's click to the last follower's new screen (${room.members.length} members following, each on several screens):`
	);
	const rows = [];
	for (const count of [10, 50, 200])
		rows.push(await timeFanOut(origin, { ...room, chair, members }, count));
	console.table(
		rows.map((r) => ({
			followers: r.followers,
			'median (ms)': ms(r.median),
			'p95 (ms)': ms(r.p95)
		}))
	);
}

async function timeLoad(chair: string) {
	const signInPage = await throughput(origin, '/sign-in', undefined);
	const myActions = await throughput(origin, '/actions', chair);
	console.log('\nUnder load, 16 concurrent clients for 10 s each:');
	console.table([
		{ page: '/sign-in', 'requests a second': ms(signInPage) },
		{ page: '/actions', 'requests a second': ms(myActions) },
		{
			page: 'My actions as a share of sign-in',
			'requests a second': `${ms((100 * myActions) / signInPage)}%`
		}
	]);
	const beside = await myActionsBesideReports(origin, chair);
	console.log(
		`My actions while council-wide reports are worked out: p95 ${ms(beside.p95)} ms (${beside.reportsWorkedOut} reports worked out meanwhile)`
	);
}

async function measureJavascript(chair: string) {
	const sizes = await javascriptPerPage(origin, chair, [
		'/',
		'/actions',
		`/meetings/${room.meetingId}/room`,
		'/cases',
		`/items/${room.itemId}`,
		'/reports'
	]);
	console.log('\nJavaScript per page (gzip, as the browser loads it):');
	console.table(sizes.map((s) => ({ page: s.path, KB: ms(s.kilobytes) })));
}

try {
	await waitForServer();
	const chair = await signIn(origin, 'chair.north@mag.example');
	const admin = await signIn(origin, 'admin@mag.example');
	console.log(`\n${scale} scale; load average ${os.loadavg().map(ms).join(', ')} at the start`);
	if (parts.has('pages')) await timePages(chair, admin);
	if (parts.has('room')) await timeRoom(chair);
	if (parts.has('load')) await timeLoad(chair);
	if (parts.has('javascript')) await measureJavascript(chair);
	console.log(`\nLoad average ${os.loadavg().map(ms).join(', ')} at the end`);
} finally {
	stop();
}
