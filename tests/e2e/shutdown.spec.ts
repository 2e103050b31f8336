import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';

// `npm start`'s own start-up, on a second port and its own database, stopped the way an operator
// stops it: the database must be closed cleanly (WAL checkpointed into the main file).
test('stopping the server with SIGTERM closes the database cleanly', async ({ request }) => {
	test.setTimeout(60_000);
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mag-shutdown-'));
	const file = path.join(folder, 'mag.sqlite');
	const port = 4175;
	const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DATABASE_PATH: file
		},
		stdio: 'pipe'
	});
	const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
	try {
		await expect
			.poll(
				async () => {
					try {
						return (await request.get(`http://localhost:${port}/sign-in`)).status();
					} catch {
						return 0;
					}
				},
				{ timeout: 40_000 }
			)
			.toBe(200);
		expect(fs.existsSync(`${file}-wal`)).toBe(true);
		server.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(fs.existsSync(`${file}-wal`)).toBe(false);
		const reopened = new Database(file, { readonly: true });
		expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
		const users = reopened.prepare('select count(*) as n from user').get() as { n: number };
		expect(users.n).toBeGreaterThan(0);
		reopened.close();
	} finally {
		server.kill('SIGKILL');
		fs.rmSync(folder, { recursive: true, force: true });
	}
});
