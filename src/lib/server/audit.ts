import type { DB } from './db';

/** Who did something, and from where: carried into the audit log. */
export interface Actor {
	id: number;
	ip: string | null;
}

export interface AuditEvent {
	actorId: number | null;
	action: string;
	recordType?: string;
	recordId?: string | number;
	ip?: string | null;
	detail?: Record<string, unknown>;
}

/**
 * Records who did what to which record, when and from where. Call it inside the same transaction
 * as the change it describes, so the log and the data never disagree.
 */
export async function recordAudit(db: DB, event: AuditEvent, now = new Date()): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			at: now.toISOString(),
			actor_id: event.actorId,
			action: event.action,
			record_type: event.recordType ?? null,
			record_id: event.recordId === undefined ? null : String(event.recordId),
			ip: event.ip ?? null,
			detail: event.detail ? JSON.stringify(event.detail) : null
		})
		.execute();
}

export interface AuditRow {
	id: number;
	at: string;
	actorName: string | null;
	actorEmail: string | null;
	action: string;
	recordType: string | null;
	recordId: string | null;
	ip: string | null;
	detail: string | null;
}

/** Newest first, a page at a time (keyset on id, so paging stays fast as the log grows). */
export async function listAudit(db: DB, options: { beforeId?: number; limit?: number } = {}) {
	const limit = options.limit ?? 50;
	let query = db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.actor_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'user.name as actorName',
			'user.email as actorEmail',
			'audit_log.action',
			'audit_log.record_type as recordType',
			'audit_log.record_id as recordId',
			'audit_log.ip',
			'audit_log.detail'
		])
		.orderBy('audit_log.id', 'desc')
		.limit(limit + 1);
	if (options.beforeId !== undefined) query = query.where('audit_log.id', '<', options.beforeId);
	const rows: AuditRow[] = await query.execute();
	const hasMore = rows.length > limit;
	return { rows: rows.slice(0, limit), hasMore };
}
