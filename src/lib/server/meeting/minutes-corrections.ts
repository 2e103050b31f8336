import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { sendNotices } from '../people/notices';
import { membersWithAccount } from '../people/queries';
import { formatMeetingDate } from '../../dates';
import type { Minutes } from './minutes';
import {
	notesAtVersion,
	type CorrectableNote,
	type NoteChange,
	type VersionedChange
} from './minutes-correction-rules';

/**
 * Corrections of published minutes, each kept as a version with who, when and why. The chair
 * corrects an item's note of the discussion; the outcome's note is changed with it (the case record
 * and the PDF read the same note), and the version keeps what it said before.
 */

/** The notes the chair may correct: items with an outcome whose discussion the minutes show them. */
export async function correctableNotes(db: DB, minutes: Minutes): Promise<CorrectableNote[]> {
	const rows = await db
		.selectFrom('outcome')
		.select(['submission_id as submissionId', 'note'])
		.where('meeting_id', '=', minutes.meeting.id)
		.execute();
	const notes = new Map(rows.map((row) => [row.submissionId, row.note]));
	return minutes.items
		.filter((item) => notes.has(item.id) && !item.discussionWithheld)
		.map((item) => ({
			submissionId: item.id,
			label: item.label,
			part: item.part,
			note: notes.get(item.id) ?? '',
			anonymous: !item.isFamilyItem || item.takenAsAdvice
		}));
}

export type CorrectionResult = { saved: true; version: number } | { saved: false; conflict: true };

/**
 * One correction, in one transaction: the version and what changed, the outcomes' notes, a notice
 * to every other member of the MAG (by the meeting's date only: no family is named), and the audit
 * entry (naming the cases whose notes changed, so each case's history shows it). When the minutes
 * were corrected since the form was loaded, nothing is written and the caller keeps what was typed.
 */
export async function correctMinutes(
	db: DB,
	meeting: { id: number; communityId: number; communityName: string; date: string },
	correction: {
		reason: string;
		changes: NoteChange[];
		/** The version the form was loaded at. */ from: number;
	},
	actor: Actor,
	now = new Date()
): Promise<CorrectionResult> {
	return db.transaction().execute(async (trx) => {
		const ids = correction.changes.map((change) => change.submissionId);
		const current = await trx
			.selectFrom('outcome')
			.select(['submission_id as submissionId', 'note'])
			.where('meeting_id', '=', meeting.id)
			.where('submission_id', 'in', ids)
			.execute();
		const notes = new Map(current.map((row) => [row.submissionId, row.note]));
		if (correction.changes.some((change) => notes.get(change.submissionId) !== change.before))
			return { saved: false, conflict: true } as const;
		const latest = await trx
			.selectFrom('minutes_correction')
			.select((eb) => eb.fn.max('version').as('version'))
			.where('meeting_id', '=', meeting.id)
			.executeTakeFirst();
		if (Number(latest?.version ?? 0) !== correction.from)
			return { saved: false, conflict: true } as const;
		const version = correction.from + 1;
		const stamp = now.toISOString();
		const { id } = await trx
			.insertInto('minutes_correction')
			.values({
				meeting_id: meeting.id,
				version,
				reason: correction.reason,
				corrected_by: actor.id,
				corrected_at: stamp
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('minutes_correction_change')
			.values(
				correction.changes.map((change) => ({
					correction_id: id,
					submission_id: change.submissionId,
					field: 'note',
					before: change.before,
					after: change.after
				}))
			)
			.execute();
		for (const change of correction.changes)
			await trx
				.updateTable('outcome')
				.set((eb) => ({ note: change.after, version: eb('version', '+', 1) }))
				.where('submission_id', '=', change.submissionId)
				.execute();
		const cases = await trx
			.selectFrom('family_case')
			.select('reference')
			.where((eb) =>
				eb.or([
					eb(
						'id',
						'in',
						eb.selectFrom('new_caf').select('case_id').where('submission_id', 'in', ids)
					),
					eb(
						'id',
						'in',
						eb.selectFrom('review').select('case_id').where('submission_id', 'in', ids)
					)
				])
			)
			.orderBy('reference')
			.execute();
		const members = await membersWithAccount(trx, meeting.communityId)
			.select('user.id')
			.where('user.id', '!=', actor.id)
			.execute();
		await sendNotices(
			trx,
			members.map((member) => ({
				userId: member.id,
				message: `The minutes of the ${meeting.communityName} MAG meeting on ${formatMeetingDate(meeting.date)} were corrected by the chair.`,
				link: `/meetings/${meeting.id}/minutes`
			})),
			now
		);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'minutes.corrected',
				recordType: 'meeting',
				recordId: meeting.id,
				ip: actor.ip,
				detail: {
					version,
					reason: correction.reason,
					items: ids,
					cases: cases.map((row) => row.reference)
				}
			},
			now
		);
		return { saved: true, version } as const;
	});
}

export interface MinutesVersion {
	version: number;
	correctedAt: string;
	correctedBy: string;
	reason: string;
	/** How many notes this correction changed. */
	notesChanged: number;
}

/** Every correction of a meeting's minutes, oldest first. */
export async function minutesVersions(db: DB, meetingId: number): Promise<MinutesVersion[]> {
	const rows = await db
		.selectFrom('minutes_correction')
		.innerJoin('user', 'user.id', 'minutes_correction.corrected_by')
		.select((eb) => [
			'minutes_correction.version',
			'minutes_correction.corrected_at as correctedAt',
			'user.name as correctedBy',
			'minutes_correction.reason',
			eb
				.selectFrom('minutes_correction_change')
				.select((inner) => inner.fn.countAll<number>().as('n'))
				.whereRef('minutes_correction_change.correction_id', '=', 'minutes_correction.id')
				.as('notesChanged')
		])
		.where('minutes_correction.meeting_id', '=', meetingId)
		.orderBy('minutes_correction.version')
		.execute();
	return rows.map((row) => ({ ...row, notesChanged: Number(row.notesChanged ?? 0) }));
}

/**
 * The minutes as they read at an earlier version: only the notes this reader is already shown are
 * put back as they were (a withheld discussion stays withheld, at every version).
 */
/** Each change a correction made, with the correction (version, reason, who, when) it is part of. */
export function correctionChanges(db: DB) {
	return db
		.selectFrom('minutes_correction_change')
		.innerJoin(
			'minutes_correction',
			'minutes_correction.id',
			'minutes_correction_change.correction_id'
		);
}

export async function minutesAtVersion(
	db: DB,
	minutes: Minutes,
	version: number
): Promise<Minutes> {
	const changes: VersionedChange[] = await correctionChanges(db)
		.select([
			'minutes_correction.version',
			'minutes_correction_change.submission_id as submissionId',
			'minutes_correction_change.before',
			'minutes_correction_change.after'
		])
		.where('minutes_correction.meeting_id', '=', minutes.meeting.id)
		.where('minutes_correction_change.field', '=', 'note')
		.execute();
	const shown = minutes.items.filter((item) => !item.discussionWithheld && item.outcome !== null);
	const now = new Map(shown.map((item) => [item.id, item.note ?? '']));
	const then = notesAtVersion(now, changes, version);
	return {
		...minutes,
		items: minutes.items.map((item) =>
			now.has(item.id) ? { ...item, note: then.get(item.id) || null } : item
		)
	};
}
