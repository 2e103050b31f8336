import fs from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startExtraServer, extraPort } from './support/extra-server';

// Stopped the way an operator stops it: the database must be closed cleanly (WAL checkpointed
// into the main file, nothing left half-written).
test('stopping the server with SIGTERM closes the database cleanly', async ({ request }) => {
	test.slow();
	const server = await startExtraServer(request, extraPort(2));
	try {
		const file = server.databasePath;
		expect(fs.existsSync(`${file}-wal`)).toBe(true);
		server.process.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(fs.existsSync(`${file}-wal`)).toBe(false);
		const reopened = new Database(file, { readonly: true });
		expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
		const users = reopened.prepare('select count(*) as n from user').get() as { n: number };
		expect(users.n).toBeGreaterThan(0);
		reopened.close();
	} finally {
		server.stop();
	}
});
