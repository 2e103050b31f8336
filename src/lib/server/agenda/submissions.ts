import type { DB } from '../platform/db';
import type { AgendaPart, MeetingStatus, SubmissionStatus } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer, type FormKey } from '../http/form-keys';
import type { SaveResult } from '../meeting/outcomes';
import { saveItemVersion } from './item-versions';
import { newItemKey } from './submission-rules';
import { itemsWithSubmitter } from './item-lists';

/**
 * The store of agenda items: a new item of any part starts here (`insertSubmission`); advice
 * requests and community issues (parts 1 and 4) are kept here whole. Each save is one transaction
 * with its audit entry.
 */

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

/**
 * A new item from an "add an item" form, saved once per form key (form-keys.ts): a post
 * repeating one already saved (a double click, a browser sending it again) adds nothing and
 * answers as the first did. One transaction.
 */
export async function addOnce<T>(
	db: DB,
	key: FormKey,
	now: Date,
	add: (trx: DB) => Promise<T>
): Promise<T> {
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<T>(trx, key);
		if (earlier) return earlier;
		const answer = await add(trx);
		await rememberAnswer(trx, key, answer, now);
		return answer;
	});
}

/**
 * Adds an advice request or community issue, in one transaction with its audit entry. A post
 * repeating one already saved (the same `formKey`) adds no second item and returns the first one.
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
	const { submissionId } = await addOnce(db, key, now, async (trx) => {
		const { part } = input.content;
		const submission = await insertSubmission(
			trx,
			{ ...input, part },
			{
				actor: { id: input.submittedBy, ip },
				detail: { part, meetingId: input.meetingId, late: input.late }
			},
			now
		);
		await insertContent(trx, submission.id, input.content);
		return { submissionId: submission.id };
	});
	return submissionId;
}

/**
 * A new item, waiting for the chair: every part starts the same way, and `submission.created` is
 * logged with `detail` (references and flags, never what was typed). In the caller's transaction.
 */
export async function insertSubmission(
	trx: DB,
	item: {
		meetingId: number;
		part: AgendaPart;
		submittedBy: number;
		agencyId: number | null;
		late: boolean;
	},
	audit: { actor: Actor; detail: Record<string, unknown> },
	now: Date
): Promise<{ id: number }> {
	const submission = await trx
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
	await recordAudit(
		trx,
		{
			actorId: audit.actor.id,
			action: 'submission.created',
			recordType: 'submission',
			recordId: submission.id,
			ip: audit.actor.ip,
			detail: audit.detail
		},
		now
	);
	return submission;
}

/** An advice request's or community issue's text, as its table keeps it. */
function adviceColumns(advice: AdviceRequest) {
	return {
		age_band: advice.ageBand,
		setting: advice.setting,
		worry: advice.worry,
		asked_for: advice.askedFor
	};
}

function issueColumns(issue: CommunityIssue) {
	return {
		title: issue.title,
		place: issue.place,
		happening: issue.happening,
		wanted: issue.wanted
	};
}

async function insertContent(db: DB, submissionId: number, content: ItemContent) {
	if (content.part === 1)
		await db
			.insertInto('advice_request')
			.values({ submission_id: submissionId, ...adviceColumns(content.advice) })
			.execute();
	else
		await db
			.insertInto('community_issue')
			.values({ submission_id: submissionId, ...issueColumns(content.issue) })
			.execute();
}

async function replaceContent(db: DB, submissionId: number, content: ItemContent) {
	if (content.part === 1)
		await db
			.updateTable('advice_request')
			.set(adviceColumns(content.advice))
			.where('submission_id', '=', submissionId)
			.execute();
	else
		await db
			.updateTable('community_issue')
			.set(issueColumns(content.issue))
			.where('submission_id', '=', submissionId)
			.execute();
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
	const row = await itemsWithSubmitter(db)
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
	return db
		.transaction()
		.execute((trx) =>
			saveItemVersion(
				trx,
				{ submissionId: item.id, version, actor: { id: actorId, ip } },
				() => replaceContent(trx, item.id, content),
				now
			)
		);
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
