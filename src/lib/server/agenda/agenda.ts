import type { DB } from '../platform/db';
import type { AgendaPart, DeferralReason } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { freeTextProblem, textField } from '../http/forms';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { agendaOrder } from '../../domain/agenda-order';

export type { Actor };
import { listMeetingSubmissions } from './item-lists';
import { sendNotices } from '../people/notices';
import { DEFAULT_MINUTES, DEFERRAL_REASONS, OFFERED_DEFERRAL_REASONS } from '../../domain/meeting';

/** The options for a "Why is it deferred?" choice (for a page: plain values and labels). */
export const deferralReasonOptions = () =>
	OFFERED_DEFERRAL_REASONS.map((reason) => ({ value: reason, label: DEFERRAL_REASONS[reason] }));

/** A reason the chair may choose, or null for anything else (including 'not-recorded'). */
export function parseDeferralReason(value: string): DeferralReason | null {
	return (OFFERED_DEFERRAL_REASONS as string[]).includes(value) ? (value as DeferralReason) : null;
}

/** The chair's reason from a form: chosen from those offered, or the words to show by the field. */
export function readDeferralReason(
	form: FormData,
	field = 'deferReason'
): { ok: true; reason: DeferralReason } | { ok: false; error: string } {
	const value = form.get(field);
	const reason = parseDeferralReason(typeof value === 'string' ? value : '');
	return reason ? { ok: true, reason } : { ok: false, error: 'Choose why the item is deferred' };
}

/**
 * The chair's reason for declining an item, from a form, or the words to show by the field. The
 * submitter is told it, and the item's page shows it to anyone who can open the item (coordinators
 * included, who see a family only by reference), so it is screened as text that records work.
 */
export function readDeclineReason(
	form: FormData,
	today: string,
	field = 'reason'
): { ok: true; reason: string } | { ok: false; error: string } {
	const reason = textField(form, field);
	const problem = freeTextProblem(reason, {
		missing: 'Enter a reason the submitter will see',
		limit: TEXT_LIMITS.reason,
		label: 'The reason',
		screen: { what: 'Reasons for declining', today }
	});
	return problem ? { ok: false, error: problem } : { ok: true, reason };
}

export async function buildAgenda(db: DB, meetingId: number, lengthMinutes: number) {
	const items = await listMeetingSubmissions(db, meetingId);
	const positions = await db
		.selectFrom('submission')
		.select(['id', 'position', 'minutes'])
		.where('meeting_id', '=', meetingId)
		.execute();
	const byId = new Map(positions.map((p) => [p.id, p]));
	const withTimes = items.map((item) => ({
		...item,
		position: byId.get(item.id)?.position ?? null,
		minutes: byId.get(item.id)?.minutes ?? DEFAULT_MINUTES[item.part]
	}));
	const accepted = withTimes.filter((i) => i.status === 'accepted').sort(agendaOrder);
	const waiting = withTimes.filter((i) => i.status === 'submitted' || i.status === 'deferred');
	const totalMinutes = accepted.reduce((sum, item) => sum + item.minutes, 0);
	const familyItems = accepted.filter((item) => item.part !== 4).length;
	// Each community sets how many family items its meeting takes (15 by default, docs/domain.md).
	const { familyItemLimit } = await db
		.selectFrom('meeting')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.select('community.family_item_limit as familyItemLimit')
		.where('meeting.id', '=', meetingId)
		.executeTakeFirstOrThrow();
	return {
		accepted,
		waiting,
		closed: withTimes.filter((i) => i.status === 'declined' || i.status === 'withdrawn'),
		totalMinutes,
		overrunMinutes: Math.max(0, totalMinutes - lengthMinutes),
		familyItems,
		familyItemLimit,
		tooManyFamilyItems: familyItems > familyItemLimit
	};
}

async function notify(db: DB, submissionId: number, message: string, link: string, now: Date) {
	const row = await db
		.selectFrom('submission')
		.select('submitted_by')
		.where('id', '=', submissionId)
		.executeTakeFirstOrThrow();
	await sendNotices(db, [{ userId: row.submitted_by, message, link }], now);
}

async function lastPosition(db: DB, meetingId: number, part: AgendaPart): Promise<number> {
	const row = await db
		.selectFrom('submission')
		.select((eb) => eb.fn.max('position').as('last'))
		.where('meeting_id', '=', meetingId)
		.where('part', '=', part)
		.where('status', '=', 'accepted')
		.executeTakeFirst();
	return Number(row?.last ?? 0);
}

/** The chair's decision on one item; each is one transaction, audited, and the submitter told. */
export async function decideItem(
	db: DB,
	meetingId: number,
	submissionId: number,
	decision:
		| { kind: 'accept'; minutes: number }
		| { kind: 'decline'; reason: string }
		| { kind: 'defer'; toMeetingId: number; toMeetingDate: string; reason: DeferralReason },
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db
		.transaction()
		.execute((trx) => decideInTransaction(trx, meetingId, submissionId, decision, actor, now));
}

/**
 * The chair accepts several waiting items, each with its time, in one transaction: if one of them
 * cannot be accepted (withdrawn meanwhile, or not this meeting's), none is.
 */
export async function acceptItems(
	db: DB,
	meetingId: number,
	items: { id: number; minutes: number }[],
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db
		.transaction()
		.execute(async (trx) => {
			for (const item of items) {
				const decision = { kind: 'accept' as const, minutes: item.minutes };
				if (!(await decideInTransaction(trx, meetingId, item.id, decision, actor, now)))
					throw new NotAccepted();
			}
			return true;
		})
		.catch((e: unknown) => {
			if (e instanceof NotAccepted) return false;
			throw e;
		});
}

class NotAccepted extends Error {}

type Decision = Parameters<typeof decideItem>[3];

async function decideInTransaction(
	trx: DB,
	meetingId: number,
	submissionId: number,
	decision: Decision,
	actor: Actor,
	now: Date
): Promise<boolean> {
	const item = await trx
		.selectFrom('submission')
		.select(['id', 'part', 'status'])
		.where('id', '=', submissionId)
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	if (!item || item.status === 'withdrawn') return false;
	const stamp = now.toISOString();
	if (decision.kind === 'accept') {
		const position =
			item.status === 'accepted' ? undefined : (await lastPosition(trx, meetingId, item.part)) + 1;
		await trx
			.updateTable('submission')
			.set({
				status: 'accepted',
				minutes: decision.minutes,
				decline_reason: null,
				updated_at: stamp,
				...(position ? { position } : {})
			})
			.where('id', '=', submissionId)
			.execute();
	} else if (decision.kind === 'decline') {
		await trx
			.updateTable('submission')
			.set({
				status: 'declined',
				decline_reason: decision.reason,
				position: null,
				updated_at: stamp
			})
			.where('id', '=', submissionId)
			.execute();
		await notify(
			trx,
			submissionId,
			`Your item was not taken onto the agenda: ${decision.reason}`,
			`/items/${submissionId}`,
			now
		);
	} else {
		await trx
			.updateTable('submission')
			.set({
				status: 'deferred',
				meeting_id: decision.toMeetingId,
				position: null,
				updated_at: stamp
			})
			.where('id', '=', submissionId)
			.execute();
		await trx
			.insertInto('item_deferral')
			.values({
				submission_id: submissionId,
				from_meeting_id: meetingId,
				to_meeting_id: decision.toMeetingId,
				reason: decision.reason,
				deferred_by: actor.id,
				deferred_at: stamp
			})
			.execute();
		await notify(
			trx,
			submissionId,
			`Your item has been deferred to the meeting on ${decision.toMeetingDate}.`,
			`/items/${submissionId}`,
			now
		);
	}
	await recordAudit(
		trx,
		{
			actorId: actor.id,
			action: `agenda.item-${decision.kind === 'accept' ? 'accepted' : decision.kind === 'decline' ? 'declined' : 'deferred'}`,
			recordType: 'submission',
			recordId: submissionId,
			ip: actor.ip,
			// The minutes of the meeting an item left find it by this.
			detail:
				decision.kind === 'defer'
					? {
							fromMeetingId: meetingId,
							toMeetingId: decision.toMeetingId,
							reason: decision.reason
						}
					: undefined
		},
		now
	);
	return true;
}
