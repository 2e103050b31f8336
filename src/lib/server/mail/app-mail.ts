import type { DB } from '../platform/db';
import { mailSettings } from './config';
import { runMailSchedule } from './schedule';
import { transportFor } from './transport';
import { startMailWorker, type MailWorker } from './worker';

/** How often the server looks for reminders and digests that have come due. */
const SCHEDULE_EVERY_MS = 5 * 60_000;

let worker: MailWorker | null = null;

/**
 * Starts delivering the outbox (and queueing reminders and digests) in the server process. Called
 * from the server's start-up; stopped at shut-down before the database closes.
 */
export function startAppMail(db: DB): void {
	if (worker) return;
	const settings = mailSettings();
	if (settings.mode === 'log') {
		console.log(
			'Mail is written to this console, not sent (MAIL_MODE=log; set SMTP_HOST to send).'
		);
	}
	let lastSchedule = 0;
	worker = startMailWorker(db, {
		transport: transportFor(settings),
		maxAttempts: settings.maxAttempts,
		beforeDelivery: async (now) => {
			if (now.getTime() - lastSchedule < SCHEDULE_EVERY_MS) return;
			lastSchedule = now.getTime();
			await runMailSchedule(db, now);
		}
	});
}

export async function stopAppMail(): Promise<void> {
	const current = worker;
	worker = null;
	await current?.stop();
}

/** Delivers at once (after an administrator's "try again"), rather than at the next poll. */
export function deliverMailSoon(): void {
	void worker?.runNow();
}
