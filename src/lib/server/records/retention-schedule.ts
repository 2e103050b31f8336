import type { DB } from '../platform/db';
import { describeRun, retentionSettings, runRetention } from './retention';

/** First run a few minutes after start-up (not during it), then once a day. */
const FIRST_RUN_AFTER_MS = 5 * 60_000;
const EVERY_MS = 24 * 60 * 60_000;

let timer: NodeJS.Timeout | null = null;
let running: Promise<void> | null = null;

/**
 * Runs retention daily in the server process. The timer is unref'd, so it never keeps the process
 * alive on its own; stopRetentionSchedule waits for a run in hand before the database closes.
 * The settings are read at start, so a mistyped one stops the server starting rather than
 * failing quietly every night.
 */
export function startRetentionSchedule(db: DB): void {
	if (timer) return;
	const settings = retentionSettings();
	const schedule = (delay: number) => {
		timer = setTimeout(() => {
			running = runRetention(db, new Date(), settings, 'schedule')
				.then((report) => console.log(describeRun(report)))
				.catch((error: unknown) => console.error('Retention:', error))
				.finally(() => {
					running = null;
					if (timer) schedule(EVERY_MS);
				});
		}, delay);
		timer.unref();
	};
	schedule(FIRST_RUN_AFTER_MS);
}

export async function stopRetentionSchedule(): Promise<void> {
	if (timer) clearTimeout(timer);
	timer = null;
	await running;
}
