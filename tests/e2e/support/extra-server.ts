import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';

/**
 * A port for an extra server, counted from the shared test server's (E2E_PORT), so two checkouts
 * running their browser tests side by side never reach for the same one.
 */
export function extraPort(offset: number): number {
	return Number(process.env.E2E_PORT ?? 4173) + offset;
}

export interface ExtraServer {
	url: string;
	databasePath: string;
	process: ChildProcess;
	exited: Promise<number | null>;
	stop: () => void;
}

/**
 * A second copy of the app, started exactly as `npm start` starts it but on its own port, database
 * and settings, for behaviour the shared test server is configured not to show.
 */
export async function startExtraServer(
	request: APIRequestContext,
	port: number,
	env: Record<string, string> = {},
	/** Generated history to seed first (db/generate.ts), e.g. 'county' for the reports. */
	scale?: 'county'
): Promise<ExtraServer> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mag-e2e-'));
	const databasePath = path.join(folder, 'mag.sqlite');
	if (scale) {
		const seeded = spawnSync(
			process.execPath,
			['--import', 'tsx', 'scripts/seed.ts', '--scale', scale],
			{ env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' }
		);
		expect(seeded.status, seeded.stderr).toBe(0);
	}
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DATABASE_PATH: databasePath,
			...env
		},
		stdio: 'pipe'
	});
	const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
	const url = `http://localhost:${port}`;
	await expect
		.poll(
			async () => {
				try {
					return (await request.get(`${url}/sign-in`, { maxRedirects: 0 })).status();
				} catch {
					return 0;
				}
			},
			{ timeout: 40_000 }
		)
		.toBe(200);
	return {
		url,
		databasePath,
		process: child,
		exited,
		stop: () => {
			child.kill('SIGKILL');
			fs.rmSync(folder, { recursive: true, force: true });
		}
	};
}
