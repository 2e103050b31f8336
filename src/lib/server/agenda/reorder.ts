import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { checkOrder, orderWithMove, type AgendaLine } from '../../domain/agenda-order';

export type ReorderResult = { ok: true } | { ok: false; reason: string };

/** The items accepted onto a meeting's agenda, with what decides their order. */
async function agendaLines(db: DB, meetingId: number): Promise<AgendaLine[]> {
	return (
		await db
			.selectFrom('submission')
			.leftJoin('review', 'review.submission_id', 'submission.id')
			.select(['submission.id', 'submission.part', 'submission.position', 'review.stuck'])
			.where('submission.meeting_id', '=', meetingId)
			.where('submission.status', '=', 'accepted')
			.execute()
	).map((row) => ({ ...row, stuck: row.stuck === 1 }));
}

/**
 * The chair puts the whole agenda in a new order (ids first to last), in one transaction, audited:
 * refused, changing nothing, unless it keeps the order rules (domain/agenda-order.ts).
 */
export async function reorderAgenda(
	db: DB,
	meetingId: number,
	proposed: number[],
	actor: Actor,
	now = new Date()
): Promise<ReorderResult> {
	return db.transaction().execute(async (trx) => {
		const check = checkOrder(await agendaLines(trx, meetingId), proposed);
		if (!check.ok) return check;
		await writeOrder(trx, meetingId, check.order, actor, now);
		return { ok: true };
	});
}

/** Moves an accepted item a place up or down, or to a position in its part (see orderWithMove). */
export async function moveItem(
	db: DB,
	meetingId: number,
	submissionId: number,
	to: 'up' | 'down' | { position: number },
	actor: Actor,
	now = new Date()
): Promise<ReorderResult> {
	return db.transaction().execute(async (trx) => {
		const lines = await agendaLines(trx, meetingId);
		if (!lines.some((line) => line.id === submissionId))
			return { ok: false, reason: 'Nothing was moved: that item is not on the agenda' };
		const check = checkOrder(lines, orderWithMove(lines, submissionId, to));
		if (!check.ok) return check;
		await writeOrder(trx, meetingId, check.order, actor, now);
		return { ok: true };
	});
}

async function writeOrder(
	trx: DB,
	meetingId: number,
	order: AgendaLine[],
	actor: Actor,
	now: Date
) {
	const changed: number[] = [];
	for (const line of order) {
		const position = order.filter((other) => other.part === line.part).indexOf(line) + 1;
		if (line.position === position) continue;
		changed.push(line.id);
		await trx.updateTable('submission').set({ position }).where('id', '=', line.id).execute();
	}
	if (changed.length === 0) return;
	await recordAudit(
		trx,
		{
			actorId: actor.id,
			action: 'agenda.reordered',
			recordType: 'meeting',
			recordId: meetingId,
			ip: actor.ip,
			detail: { order: order.map((line) => line.id) }
		},
		now
	);
}
