import type { DB } from '../platform/db';
import type { AgendaPart, MeetingStatus, SubmissionStatus } from '../platform/schema';
import { recordAudit } from '../audit/log';
import { earlierAnswer, rememberAnswer, type FormKey } from '../http/form-keys';
import type { SaveResult } from '../meeting/outcomes';
import { PART_NAMES } from '../../domain/parts';

export interface AdviceRequest {
	ageBand: string;
	setting: string;
	worry: string;
	askedFor: string;
}

export interface CommunityIssue {
	title: string;
	place: string;
	happening: string;
	wanted: string;
}

export type ItemContent = { part: 1; advice: AdviceRequest } | { part: 4; issue: CommunityIssue };

export interface MeetingForSubmission {
	status: MeetingStatus;
	submissionDeadline: string;
}

/**
 * Whether someone may add an item to a meeting today. Items go in while the agenda is open; after
 * the deadline only the chair can accept a late one, and it is marked late.
 */
export function submissionWindow(
	meeting: MeetingForSubmission,
	isChair: boolean,
	today: string
): { open: true; late: boolean } | { open: false; reason: string } {
	if (meeting.status !== 'agenda-open') {
		return {
			open: false,
			reason:
				meeting.status === 'scheduled'
					? 'The agenda for this meeting is not open for items yet'
					: 'The agenda for this meeting is closed'
		};
	}
	const late = today > meeting.submissionDeadline;
	if (late && !isChair) {
		return {
			open: false,
			reason: 'The deadline for items has passed: ask the chair to add a late item'
		};
	}
	return { open: true, late };
}

/** The "add an item" form's key (form-keys.ts): this person's new item of this part at this meeting. */
export function newItemKey(
	meetingId: number,
	part: AgendaPart,
	userId: number,
	token: string | null
): FormKey {
	return { token, userId, form: `new-item:${meetingId}:${part}` };
}

/**
 * Adds an advice request or community issue, in one transaction with its audit entry. A post
 * repeating one already saved (the same `formKey`: a double click, a browser sending it again)
 * adds no second item and returns the first one.
 */
export async function createSubmission(
	db: DB,
	input: {
		meetingId: number;
		submittedBy: number;
		agencyId: number | null;
		late: boolean;
		content: ItemContent;
	},
	ip: string | null,
	now = new Date(),
	formKey: string | null = null
): Promise<number> {
	const key = newItemKey(input.meetingId, input.content.part, input.submittedBy, formKey);
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<{ submissionId: number }>(trx, key);
		if (earlier) return earlier.submissionId;
		const submission = await insertSubmission(
			trx,
			{ ...input, part: input.content.part, late: input.late },
			now
		);
		await writeContent(trx, submission.id, input.content, false);
		await recordAudit(
			trx,
			{
				actorId: input.submittedBy,
				action: 'submission.created',
				recordType: 'submission',
				recordId: submission.id,
				ip,
				detail: { part: input.content.part, meetingId: input.meetingId, late: input.late }
			},
			now
		);
		await rememberAnswer(trx, key, { submissionId: submission.id }, now);
		return submission.id;
	});
}

/** A new item, waiting for the chair: every part starts the same way. */
export async function insertSubmission(
	db: DB,
	item: {
		meetingId: number;
		part: AgendaPart;
		submittedBy: number;
		agencyId: number | null;
		late: boolean;
	},
	now: Date
): Promise<{ id: number }> {
	return db
		.insertInto('submission')
		.values({
			meeting_id: item.meetingId,
			part: item.part,
			submitted_by: item.submittedBy,
			agency_id: item.agencyId,
			status: 'submitted',
			late: item.late ? 1 : 0,
			position: null,
			minutes: null,
			decline_reason: null,
			created_at: now.toISOString(),
			updated_at: now.toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

async function writeContent(db: DB, submissionId: number, content: ItemContent, replace: boolean) {
	if (content.part === 1) {
		const values = {
			age_band: content.advice.ageBand,
			setting: content.advice.setting,
			worry: content.advice.worry,
			asked_for: content.advice.askedFor
		};
		if (replace)
			await db
				.updateTable('advice_request')
				.set(values)
				.where('submission_id', '=', submissionId)
				.execute();
		else
			await db
				.insertInto('advice_request')
				.values({ submission_id: submissionId, ...values })
				.execute();
	} else {
		const values = {
			title: content.issue.title,
			place: content.issue.place,
			happening: content.issue.happening,
			wanted: content.issue.wanted
		};
		if (replace)
			await db
				.updateTable('community_issue')
				.set(values)
				.where('submission_id', '=', submissionId)
				.execute();
		else
			await db
				.insertInto('community_issue')
				.values({ submission_id: submissionId, ...values })
				.execute();
	}
}

export interface SubmissionDetail {
	id: number;
	meetingId: number;
	meetingDate: string;
	meetingStatus: MeetingStatus;
	communityId: number;
	communityName: string;
	part: AgendaPart;
	status: SubmissionStatus;
	late: boolean;
	submittedBy: number;
	submitterName: string;
	agencyName: string | null;
	declineReason: string | null;
	/** Parts 1 and 4; null for parts 2 and 3, whose details live in the family's case record. */
	content: ItemContent | null;
	/** What a change form sends back, so a save from an older version is refused (claimVersion). */
	version: number;
}

export async function findSubmission(
	db: DB,
	submissionId: number
): Promise<SubmissionDetail | undefined> {
	const row = await db
		.selectFrom('submission')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.innerJoin('user', 'user.id', 'submission.submitted_by')
		.leftJoin('agency', 'agency.id', 'submission.agency_id')
		.leftJoin('advice_request', 'advice_request.submission_id', 'submission.id')
		.leftJoin('community_issue', 'community_issue.submission_id', 'submission.id')
		.select([
			'submission.id',
			'submission.meeting_id as meetingId',
			'meeting.date as meetingDate',
			'meeting.status as meetingStatus',
			'community.id as communityId',
			'community.name as communityName',
			'submission.part',
			'submission.status',
			'submission.late',
			'submission.submitted_by as submittedBy',
			'user.name as submitterName',
			'agency.name as agencyName',
			'submission.decline_reason as declineReason',
			'submission.version',
			'advice_request.age_band',
			'advice_request.setting',
			'advice_request.worry',
			'advice_request.asked_for',
			'community_issue.title',
			'community_issue.place',
			'community_issue.happening',
			'community_issue.wanted'
		])
		.where('submission.id', '=', submissionId)
		.executeTakeFirst();
	if (!row) return undefined;
	const content: ItemContent | null =
		row.part === 2 || row.part === 3
			? null
			: row.part === 1
				? {
						part: 1,
						advice: {
							ageBand: row.age_band ?? '',
							setting: row.setting ?? '',
							worry: row.worry ?? '',
							askedFor: row.asked_for ?? ''
						}
					}
				: {
						part: 4,
						issue: {
							title: row.title ?? '',
							place: row.place ?? '',
							happening: row.happening ?? '',
							wanted: row.wanted ?? ''
						}
					};
	return {
		id: row.id,
		meetingId: row.meetingId,
		meetingDate: row.meetingDate,
		meetingStatus: row.meetingStatus,
		communityId: row.communityId,
		communityName: row.communityName,
		part: row.part,
		status: row.status,
		late: row.late === 1,
		submittedBy: row.submittedBy,
		submitterName: row.submitterName,
		agencyName: row.agencyName,
		declineReason: row.declineReason,
		content,
		version: row.version
	};
}

/** A submitter may change or withdraw an item until the agenda is published. */
export function isWithdrawable(item: Pick<SubmissionDetail, 'meetingStatus' | 'status'>): boolean {
	return (
		(item.meetingStatus === 'scheduled' || item.meetingStatus === 'agenda-open') &&
		(item.status === 'submitted' || item.status === 'accepted')
	);
}

/**
 * Advice requests, new CAFs and community issues (parts 1, 2 and 4) can be changed in place for as
 * long as they can be withdrawn. Reviews (part 3) come from a case record, not from this form.
 */
export function isEditable(
	item: Pick<SubmissionDetail, 'meetingStatus' | 'status' | 'part'>
): boolean {
	return item.part !== 3 && isWithdrawable(item);
}

/**
 * Takes the item's next version for a save of its content, in the save's own transaction, but
 * only if the form was loaded from the version stored now: two browsers changing one item would
 * otherwise each overwrite the other without a word. Returns the new version, or null (and
 * changes nothing) when someone saved in between or the form sent no version.
 */
export async function claimVersion(
	db: DB,
	submissionId: number,
	version: number | null,
	now: Date
): Promise<number | null> {
	if (version === null) return null;
	const row = await db
		.updateTable('submission')
		.set((eb) => ({ version: eb('version', '+', 1), updated_at: now.toISOString() }))
		.where('id', '=', submissionId)
		.where('version', '=', version)
		.returning('version')
		.executeTakeFirst();
	return row?.version ?? null;
}

/**
 * Saves the submitter's changes to an advice request or community issue in one transaction.
 * `version` is the one the form was loaded with: when someone else saved in between, nothing is
 * written and the caller keeps the user's text.
 */
export async function updateSubmission(
	db: DB,
	item: SubmissionDetail,
	content: ItemContent,
	version: number | null,
	actorId: number,
	ip: string | null,
	now = new Date()
): Promise<SaveResult> {
	return db.transaction().execute(async (trx) => {
		const next = await claimVersion(trx, item.id, version, now);
		if (next === null) return { saved: false, conflict: true } as const;
		await writeContent(trx, item.id, content, true);
		await recordAudit(
			trx,
			{ actorId, action: 'submission.updated', recordType: 'submission', recordId: item.id, ip },
			now
		);
		return { saved: true, version: next } as const;
	});
}

export async function withdrawSubmission(
	db: DB,
	submissionId: number,
	actorId: number,
	ip: string | null,
	now = new Date()
) {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('submission')
			.set({ status: 'withdrawn', updated_at: now.toISOString() })
			.where('id', '=', submissionId)
			.execute();
		await recordAudit(
			trx,
			{
				actorId,
				action: 'submission.withdrawn',
				recordType: 'submission',
				recordId: submissionId,
				ip
			},
			now
		);
	});
}

/** One line per item: what the lists show (never the text of the item). */
function itemSummaries(db: DB) {
	return db
		.selectFrom('submission')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.innerJoin('user', 'user.id', 'submission.submitted_by')
		.leftJoin('agency', 'agency.id', 'submission.agency_id')
		.leftJoin('community_issue', 'community_issue.submission_id', 'submission.id')
		.leftJoin('advice_request', 'advice_request.submission_id', 'submission.id')
		.leftJoin('new_caf', 'new_caf.submission_id', 'submission.id')
		.leftJoin('review', 'review.submission_id', 'submission.id')
		.leftJoin('family_case', (join) =>
			join.on((eb) =>
				eb('family_case.id', '=', eb.fn.coalesce('new_caf.case_id', 'review.case_id'))
			)
		)
		.select([
			'submission.id',
			'submission.part',
			'family_case.reference',
			'family_case.initials',
			'new_caf.way_in as wayIn',
			'review.stuck',
			'submission.status',
			'submission.late',
			'submission.meeting_id as meetingId',
			'submission.submitted_by as submittedBy',
			'meeting.date as meetingDate',
			'community.name as communityName',
			'user.name as submitterName',
			'agency.name as agencyName',
			'community_issue.title as issueTitle',
			'advice_request.age_band as ageBand',
			'advice_request.setting'
		]);
}

export async function listMySubmissions(db: DB, userId: number) {
	const rows = await itemSummaries(db)
		.where('submission.submitted_by', '=', userId)
		.orderBy('meeting.date', 'desc')
		.orderBy('submission.id', 'desc')
		.execute();
	return rows.map((row) => ({
		...row,
		late: row.late === 1,
		stuck: row.stuck === 1,
		label: itemLabel(row)
	}));
}

export async function listMeetingSubmissions(db: DB, meetingId: number) {
	const rows = await itemSummaries(db)
		.where('submission.meeting_id', '=', meetingId)
		.orderBy('submission.part')
		.orderBy('submission.id')
		.execute();
	return rows.map((row) => ({
		...row,
		late: row.late === 1,
		stuck: row.stuck === 1,
		label: itemLabel(row)
	}));
}

/**
 * How an item is named in lists and on the published agenda. A family item is named only by its
 * case reference, initials and way in (or "review"): never a name, a date of birth or a need.
 */
function itemLabel(row: {
	part: AgendaPart;
	issueTitle: string | null;
	ageBand: string | null;
	setting: string | null;
	reference: string | null;
	initials: string | null;
	wayIn: string | null;
	stuck: number | null;
}): string {
	if (row.part === 4) return row.issueTitle ?? 'Community issue';
	if (row.part === 2 && row.reference) return `${row.reference} (${row.initials}), ${row.wayIn}`;
	if (row.part === 3 && row.reference)
		return `${row.reference} (${row.initials}), review${row.stuck === 1 ? ', stuck' : ''}`;
	if (row.part === 1)
		return `Advice: child ${row.ageBand?.toLowerCase() ?? ''}, ${row.setting ?? ''}`;
	return PART_NAMES[row.part];
}
