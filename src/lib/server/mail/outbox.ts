import type { DB } from '../platform/db';
import type { MailKind, MailStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';

export interface OutgoingMail {
	to: string;
	subject: string;
	/** Plain text. References and links only: never a family's name or details. */
	text: string;
	kind: MailKind;
	/** The person it is for, when they have an account. */
	userId?: number | null;
	/** A message with a key already in the outbox (queued, sent or failed) is not queued again. */
	dedupeKey?: string;
}

/**
 * Queues an email. Call it with the transaction that makes the change the email tells of: if that
 * rolls back, nothing is sent. It never touches the network, so it is quick and never fails because
 * the mail server is down. Returns false when a message with the same dedupe key exists already.
 */
export async function enqueueMail(db: DB, mail: OutgoingMail, now = new Date()): Promise<boolean> {
	const result = await db
		.insertInto('mail_outbox')
		.values({
			kind: mail.kind,
			recipient: mail.to,
			user_id: mail.userId ?? null,
			subject: mail.subject,
			body: mail.text,
			dedupe_key: mail.dedupeKey ?? null,
			next_attempt_at: now.toISOString(),
			last_attempt_at: null,
			last_error: null,
			created_at: now.toISOString(),
			sent_at: null
		})
		.onConflict((oc) => oc.column('dedupe_key').doNothing())
		.executeTakeFirst();
	return result.numInsertedOrUpdatedRows === 1n;
}

/** Minutes to wait after the nth failed attempt: 1, 2, 4, 8 … up to an hour. */
export function retryDelayMinutes(failedAttempts: number): number {
	return Math.min(2 ** Math.max(failedAttempts - 1, 0), 60);
}

export interface OutboxRow {
	id: number;
	kind: MailKind;
	recipient: string;
	subject: string;
	status: MailStatus;
	attempts: number;
	createdAt: string;
	nextAttemptAt: string;
	lastAttemptAt: string | null;
	lastError: string | null;
	sentAt: string | null;
}

/**
 * What an administrator sees of the outbox: who, what subject, how it went. Never the text: an
 * invitation's carries a link that would sign someone up.
 */
export async function listOutbox(db: DB, status: MailStatus, limit = 100): Promise<OutboxRow[]> {
	let query = db
		.selectFrom('mail_outbox')
		.select([
			'id',
			'kind',
			'recipient',
			'subject',
			'status',
			'attempts',
			'created_at as createdAt',
			'next_attempt_at as nextAttemptAt',
			'last_attempt_at as lastAttemptAt',
			'last_error as lastError',
			'sent_at as sentAt'
		])
		.where('status', '=', status);
	query =
		status === 'queued'
			? query.orderBy('next_attempt_at').orderBy('id')
			: status === 'sent'
				? query.orderBy('sent_at', 'desc').orderBy('id', 'desc')
				: query.orderBy('last_attempt_at', 'desc').orderBy('id', 'desc');
	return query.limit(limit).execute();
}

export async function outboxCounts(db: DB): Promise<Record<MailStatus, number>> {
	const rows = await db
		.selectFrom('mail_outbox')
		.select((eb) => ['status', eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	const counts: Record<MailStatus, number> = { queued: 0, sent: 0, failed: 0 };
	for (const row of rows) counts[row.status] = Number(row.n);
	return counts;
}

/**
 * An administrator sends a failed message again: it is queued at once with a fresh set of
 * attempts. Returns false when the message is not (or no longer) failed.
 */
export async function retryMail(
	db: DB,
	mailId: number,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('mail_outbox')
			.set({ status: 'queued', attempts: 0, next_attempt_at: now.toISOString() })
			.where('id', '=', mailId)
			.where('status', '=', 'failed')
			.executeTakeFirst();
		if (result.numUpdatedRows !== 1n) return false;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'mail.retried',
				recordType: 'mail',
				recordId: mailId,
				ip: actor.ip
			},
			now
		);
		return true;
	});
}
