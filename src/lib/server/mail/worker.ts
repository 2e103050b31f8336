import type { DB } from '../platform/db';
import { retryDelayMinutes } from './outbox';
import { isPermanentFailure, type MailTransport } from './transport';

/** A message being delivered is held this long, so a second worker (or a restart) leaves it be. */
const CLAIM_MINUTES = 5;
const BATCH = 20;

export interface DeliveryReport {
	sent: number;
	/** Failed this time, to be tried again later. */
	delayed: number;
	/** Given up on. */
	failed: number;
}

function addMinutes(date: Date, minutes: number): string {
	return new Date(date.getTime() + minutes * 60_000).toISOString();
}

function describe(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.slice(0, 500);
}

/**
 * Delivers the messages that are due, one at a time, and records how each went: sent (its text is
 * then emptied), to be tried again after 1, 2, 4 … minutes, or failed for good after `maxAttempts`
 * (or at once when the server refuses it outright). A mail server that is down never throws out of
 * here: its messages wait in the outbox.
 */
export async function deliverDueMail(
	db: DB,
	transport: MailTransport,
	options: { maxAttempts: number; now?: Date; shouldStop?: () => boolean }
): Promise<DeliveryReport> {
	const now = options.now ?? new Date();
	const report: DeliveryReport = { sent: 0, delayed: 0, failed: 0 };
	const due = await db
		.selectFrom('mail_outbox')
		.select(['id', 'recipient', 'subject', 'body', 'attempts', 'next_attempt_at'])
		.where('status', '=', 'queued')
		.where('next_attempt_at', '<=', now.toISOString())
		.orderBy('next_attempt_at')
		.orderBy('id')
		.limit(BATCH)
		.execute();
	for (const mail of due) {
		if (options.shouldStop?.()) break;
		const claimed = await db
			.updateTable('mail_outbox')
			.set({ next_attempt_at: addMinutes(now, CLAIM_MINUTES) })
			.where('id', '=', mail.id)
			.where('status', '=', 'queued')
			.where('next_attempt_at', '=', mail.next_attempt_at)
			.executeTakeFirst();
		if (claimed.numUpdatedRows !== 1n) continue;
		const attempts = mail.attempts + 1;
		try {
			await transport.send({ to: mail.recipient, subject: mail.subject, text: mail.body });
			await db
				.updateTable('mail_outbox')
				.set({
					status: 'sent',
					attempts,
					body: '',
					last_attempt_at: now.toISOString(),
					last_error: null,
					sent_at: now.toISOString()
				})
				.where('id', '=', mail.id)
				.execute();
			report.sent += 1;
		} catch (error) {
			const giveUp = attempts >= options.maxAttempts || isPermanentFailure(error);
			await db
				.updateTable('mail_outbox')
				.set({
					status: giveUp ? 'failed' : 'queued',
					attempts,
					last_attempt_at: now.toISOString(),
					last_error: describe(error),
					next_attempt_at: addMinutes(now, retryDelayMinutes(attempts))
				})
				.where('id', '=', mail.id)
				.execute();
			if (giveUp) report.failed += 1;
			else report.delayed += 1;
		}
	}
	return report;
}

export interface MailWorker {
	/** Finishes the message in hand, then stops; the database can be closed once this resolves. */
	stop(): Promise<void>;
	/** Runs a round now (after an administrator's "try again", or in tests). */
	runNow(): Promise<void>;
}

export interface MailWorkerOptions {
	transport: MailTransport;
	maxAttempts: number;
	/** How often to look for mail that is due. */
	pollMs?: number;
	/** Runs every round before delivery, e.g. queueing reminders that have come due. */
	beforeDelivery?: (now: Date) => Promise<void>;
	onError?: (error: unknown) => void;
}

/**
 * Delivers from the outbox in the background of the server process. Its timer is unref'd, so it
 * never keeps the process (or a test run) alive on its own.
 */
export function startMailWorker(db: DB, options: MailWorkerOptions): MailWorker {
	const pollMs = options.pollMs ?? 10_000;
	const onError = options.onError ?? ((error) => console.error('Mail worker:', error));
	let stopped = false;
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<void> | null = null;

	async function round() {
		try {
			const now = new Date();
			await options.beforeDelivery?.(now);
			if (stopped) return;
			await deliverDueMail(db, options.transport, {
				maxAttempts: options.maxAttempts,
				now,
				shouldStop: () => stopped
			});
		} catch (error) {
			onError(error);
		}
	}

	function runNow(): Promise<void> {
		if (stopped) return Promise.resolve();
		running ??= round().finally(() => {
			running = null;
		});
		return running;
	}

	function schedule() {
		if (stopped) return;
		timer = setTimeout(() => {
			void runNow().finally(schedule);
		}, pollMs);
		timer.unref();
	}

	void runNow().finally(schedule);

	return {
		runNow,
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await running;
			options.transport.close();
		}
	};
}
