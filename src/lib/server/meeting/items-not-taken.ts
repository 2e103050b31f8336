import { sql } from 'kysely';
import { format } from 'date-fns';
import type { DB } from '../platform/db';
import type { AgendaPart, DeferralReason, SubmissionStatus } from '../platform/schema';
import { DEFERRAL_REASONS } from '../../domain/meeting';
import { findSubmission } from '../agenda/submissions';
import { familyOfItem } from './consent-gate';

export interface ItemNotTaken {
	id: number;
	part: AgendaPart;
	label: string;
	what: string;
}

/**
 * Items that were on the agenda but not taken: deferred to a later meeting or withdrawn once the
 * meeting had started. A deferred item moves to its new meeting, so it is found by the consent
 * gate check made for it here, or by the audit entry its deferral left.
 */
export async function itemsNotTaken(
	db: DB,
	meeting: {
		id: number;
		communityId: number;
		date: string;
		startedAt: string | null;
	}
): Promise<ItemNotTaken[]> {
	const checked = await db
		.selectFrom('gate_check')
		.select('submission_id')
		.distinct()
		.where('meeting_id', '=', meeting.id)
		.execute();
	const ids = new Set(checked.map((row) => row.submission_id));
	if (meeting.startedAt) {
		// Any item deferred once the meeting had started, gate checked or not (parts 1 and 4 too).
		const deferred = await db
			.selectFrom('audit_log')
			.select('record_id')
			.where('action', '=', 'agenda.item-deferred')
			.where('at', '>=', meeting.startedAt)
			.where(sql<number>`json_extract(detail, '$.fromMeetingId')`, '=', meeting.id)
			.execute();
		for (const row of deferred) ids.add(Number(row.record_id));
		const withdrawn = await db
			.selectFrom('submission')
			.select('id')
			.where('meeting_id', '=', meeting.id)
			.where('status', '=', 'withdrawn')
			.where('updated_at', '>=', meeting.startedAt)
			.execute();
		for (const row of withdrawn) ids.add(row.id);
	}
	if (ids.size === 0) return [];
	const rows = await db
		.selectFrom('submission')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.select([
			'submission.id',
			'submission.part',
			'submission.status',
			'submission.meeting_id as meetingId',
			'meeting.community_id as communityId',
			'meeting.date as meetingDate'
		])
		.where('submission.id', 'in', [...ids])
		.orderBy('submission.part')
		.orderBy('submission.id')
		.execute();
	// Why each left this meeting: the latest deferral from here (none recorded before reasons were asked).
	const deferrals = await db
		.selectFrom('item_deferral')
		.select(['submission_id', 'reason'])
		.where('from_meeting_id', '=', meeting.id)
		.where('submission_id', 'in', [...ids])
		.orderBy('id')
		.execute();
	const reasons = new Map(deferrals.map((row) => [row.submission_id, row.reason]));
	const notTaken: ItemNotTaken[] = [];
	for (const row of rows) {
		if (row.communityId !== meeting.communityId) continue;
		const what = whyNotTaken(row, meeting, reasons.get(row.id));
		if (what)
			notTaken.push({ id: row.id, part: row.part, label: await itemLabel(db, row.id), what });
	}
	return notTaken;
}

/**
 * Why an item on this meeting's agenda was not taken, in the minutes' words: withdrawn here, or
 * deferred (to the later meeting it moved to), with the chair's reason where one was asked; null
 * for an item that was taken after all.
 */
export function whyNotTaken(
	item: { status: SubmissionStatus; meetingId: number; meetingDate: string },
	meeting: { id: number; date: string },
	reason: DeferralReason | undefined
): string | null {
	const why = reason && reason !== 'not-recorded' ? `: ${DEFERRAL_REASONS[reason]}` : '';
	if (item.status === 'withdrawn' && item.meetingId === meeting.id) return 'Withdrawn';
	if (item.meetingId !== meeting.id && item.meetingDate > meeting.date)
		return `Deferred to the meeting on ${format(new Date(`${item.meetingDate}T12:00:00Z`), 'd MMMM yyyy')}${why}`;
	return item.status === 'deferred' ? `Deferred${why}` : null;
}

/** An item's name without its text: reference and initials, or the anonymous item's summary. */
async function itemLabel(db: DB, submissionId: number): Promise<string> {
	const family = await familyOfItem(db, submissionId);
	if (family) return `${family.reference} (${family.initials})`;
	const content = (await findSubmission(db, submissionId))?.content;
	if (content?.part === 4) return content.issue.title;
	if (content?.part === 1)
		return `Advice: child ${content.advice.ageBand.toLowerCase()}, ${content.advice.setting}`;
	return 'Item';
}
