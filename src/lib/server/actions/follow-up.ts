import { remindOwnerByEmail } from '../mail/notifications';
import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { actionsWithReference, referenceOf } from './action-list';
import { latestUpdates, noteProblem, OPEN_STATUSES, type LatestUpdate } from './updates';
import { readActionDueDate, readActionOwner, type ActionOwner } from './actions';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { textField, type FieldErrors } from '../http/forms';
import { formatCalendarDate } from '../../dates';
import { dueWording } from '../../due-wording';
import { sendNotices } from '../people/notices';

/**
 * The chair's follow-up: the community's open actions by agency and owner with each agency's
 * figures, reminders to owners, and the actions review at the start of the next meeting (extend,
 * reassign or close each overdue action). The seeds' complaint about the old way was that agreed
 * actions were not delivered: this is how the chair makes sure they are.
 */

export interface AgencyFigures {
	agency: string;
	owned: number;
	completed: number;
	open: number;
	cannotBeDone: number;
	closed: number;
	overdue: number;
	/** completed ÷ (completed + open + cannot be done), a whole percentage; null with none of those. */
	completionRate: number | null;
}

export function completionRate(counts: {
	completed: number;
	open: number;
	cannotBeDone: number;
}): number | null {
	const counted = counts.completed + counts.open + counts.cannotBeDone;
	return counted === 0 ? null : Math.round((100 * counts.completed) / counted);
}

/**
 * Each agency's actions in a community, counted by the database (GROUP BY) rather than by loading
 * every action: owned (all of them), completed (done), open (open or in progress), cannot be done,
 * closed at a review, and overdue (open and due before today).
 */
export async function agencyFigures(
	db: DB,
	communityId: number,
	today: string
): Promise<AgencyFigures[]> {
	const rows = await db
		.selectFrom('action')
		.select([
			'owner_agency as agency',
			sql<number>`count(*)`.as('owned'),
			sql<number>`count(*) filter (where status = 'done')`.as('completed'),
			sql<number>`count(*) filter (where status in ('open', 'in-progress'))`.as('open'),
			sql<number>`count(*) filter (where status = 'cannot-be-done')`.as('cannotBeDone'),
			sql<number>`count(*) filter (where status = 'closed')`.as('closed'),
			sql<number>`count(*) filter (where status in ('open', 'in-progress') and due_date < ${today})`.as(
				'overdue'
			)
		])
		.where('community_id', '=', communityId)
		.groupBy('owner_agency')
		.orderBy('owner_agency')
		.execute();
	return rows.map((row) => ({ ...row, completionRate: completionRate(row) }));
}

export interface BoardAction {
	id: number;
	reference: string;
	description: string;
	status: 'open' | 'in-progress';
	dueDate: string;
	due: string;
	overdue: boolean;
	meetingId: number;
	meetingDate: string;
	latestUpdate: LatestUpdate | null;
}

export interface BoardOwner {
	name: string;
	hasAccount: boolean;
	overdue: number;
	actions: BoardAction[];
}

export interface BoardAgency {
	agency: string;
	overdue: number;
	owners: BoardOwner[];
}

const byOverdueThenName =
	<T extends { overdue: number }>(name: (x: T) => string) =>
	(a: T, b: T) =>
		b.overdue - a.overdue || name(a).localeCompare(name(b));

/**
 * The community's open actions (open or in progress) grouped by agency and then owner: agencies and
 * owners with the most overdue first, and each owner's actions soonest due first (so overdue first).
 */
export async function openActionsByAgency(
	db: DB,
	communityId: number,
	today: string,
	now = new Date()
): Promise<BoardAgency[]> {
	const rows = await actionsWithReference(db)
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.select([
			'action.status',
			'action.owner_id as ownerId',
			'action.meeting_id as meetingId',
			'meeting.date as meetingDate'
		])
		.where('action.community_id', '=', communityId)
		.where('action.status', 'in', OPEN_STATUSES)
		.orderBy('action.owner_agency')
		.orderBy('action.owner_name')
		.orderBy('action.due_date')
		.orderBy('action.id')
		.execute();
	const latest = await latestUpdates(
		db,
		rows.map((row) => row.id)
	);
	const agencies = new Map<string, BoardAgency>();
	for (const row of rows) {
		const agency = agencies.get(row.ownerAgency) ?? {
			agency: row.ownerAgency,
			overdue: 0,
			owners: []
		};
		agencies.set(row.ownerAgency, agency);
		// People outside the system are told apart by name; members by their account.
		let owner = agency.owners.find((o) => o.name === row.ownerName);
		if (!owner) {
			owner = { name: row.ownerName, hasAccount: row.ownerId !== null, overdue: 0, actions: [] };
			agency.owners.push(owner);
		}
		const overdue = row.dueDate < today;
		if (overdue) {
			owner.overdue += 1;
			agency.overdue += 1;
		}
		owner.actions.push({
			id: row.id,
			reference: referenceOf(row),
			description: row.description,
			status: row.status as BoardAction['status'],
			dueDate: row.dueDate,
			due: dueWording(row.dueDate, now),
			overdue,
			meetingId: row.meetingId,
			meetingDate: row.meetingDate,
			latestUpdate: latest.get(row.id) ?? null
		});
	}
	const sorted = [...agencies.values()].sort(byOverdueThenName((a) => a.agency));
	for (const agency of sorted) agency.owners.sort(byOverdueThenName((o) => o.name));
	return sorted;
}

/** A row in an action's history; every writer here fills in only what its kind needs. */
function historyEntry(
	actionId: number,
	kind: 'extended' | 'reassigned' | 'closed' | 'reminder',
	actor: Actor,
	now: Date,
	fields: {
		note?: string;
		previousDueDate?: string;
		newDueDate?: string;
		previousOwner?: string;
		meetingId?: number;
	} = {}
) {
	return {
		action_id: actionId,
		kind,
		note: fields.note ?? '',
		reason: null,
		previous_due_date: fields.previousDueDate ?? null,
		new_due_date: fields.newDueDate ?? null,
		previous_owner: fields.previousOwner ?? null,
		meeting_id: fields.meetingId ?? null,
		recorded_by: actor.id,
		recorded_at: now.toISOString()
	};
}

export type ReminderResult =
	| { reminded: false }
	| { reminded: true; notified: boolean; ownerId: number | null; reference: string };

/**
 * Reminds an action's owner. All of a reminder happens here, in one transaction: an in-app notice
 * to the owner when they have an account (the message carries the reference, never a name, as
 * reminder emails must), a "reminder" entry in the action's history, and the audit entry. Only an
 * open or in-progress action is reminded. Callers check who may send one (the chair or a
 * coordinator of the action's community). A post repeating one already sent (the same `formKey`)
 * sends nothing and answers as the first did: the owner is not reminded twice by one click.
 */
export async function remindOwner(
	db: DB,
	actionId: number,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<ReminderResult> {
	const key = { token: formKey, userId: actor.id, form: `reminder:${actionId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<ReminderResult>(trx, key);
		if (earlier) return earlier;
		const action = await actionsWithReference(trx)
			.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
			.innerJoin('community', 'community.id', 'action.community_id')
			.leftJoin('user as owner', 'owner.id', 'action.owner_id')
			.select([
				'action.status',
				'action.owner_id as ownerId',
				'owner.disabled_at as ownerDisabledAt',
				'meeting.date as meetingDate',
				'community.name as communityName'
			])
			.where('action.id', '=', actionId)
			.executeTakeFirst();
		if (!action || !OPEN_STATUSES.includes(action.status)) return { reminded: false } as const;
		const reference = referenceOf(action);
		const notified = action.ownerId !== null && action.ownerDisabledAt === null;
		// The email goes through the outbox in this same transaction: no reminder, no email.
		if (notified) await remindOwnerByEmail(trx, actionId, now);
		if (notified)
			await sendNotices(
				trx,
				[
					{
						userId: action.ownerId!,
						message: `Reminder from the ${action.communityName} MAG: your action for ${reference}, agreed on ${formatCalendarDate(action.meetingDate)}, is ${dueWording(action.dueDate, now)}.`,
						link: `/actions/${actionId}`
					}
				],
				now
			);
		await trx
			.insertInto('action_update')
			.values(
				historyEntry(actionId, 'reminder', actor, now, {
					note: notified
						? 'A notice was sent to the owner in the app and by email'
						: 'The owner has no account here, so no notice could be sent: contact them directly'
				})
			)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'action.reminder-sent',
				recordType: 'action',
				recordId: actionId,
				ip: actor.ip,
				detail: { notified }
			},
			now
		);
		const result = { reminded: true, notified, ownerId: action.ownerId, reference } as const;
		await rememberAnswer(trx, key, result, now);
		return result;
	});
}

/** The meeting whose actions review is under way. */
export interface ReviewMeeting {
	id: number;
	communityId: number;
	date: string;
}

/**
 * The actions review at the start of a meeting: the community's actions from its other meetings
 * (earlier ones, in practice: a meeting's own actions are agreed as it runs, and due after it) that
 * are still open and past their due date, most overdue first.
 */
export async function actionsForReview(
	db: DB,
	meeting: ReviewMeeting,
	today: string,
	now = new Date()
) {
	const rows = await actionsWithReference(db)
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.select(['action.status', 'action.meeting_id as meetingId', 'meeting.date as meetingDate'])
		.where('action.community_id', '=', meeting.communityId)
		.where('action.status', 'in', OPEN_STATUSES)
		.where('action.due_date', '<', today)
		.where('action.meeting_id', '!=', meeting.id)
		.orderBy('action.due_date')
		.orderBy('action.id')
		.execute();
	const latest = await latestUpdates(
		db,
		rows.map((row) => row.id)
	);
	return rows.map((row) => ({
		id: row.id,
		reference: referenceOf(row),
		description: row.description,
		status: row.status,
		ownerName: row.ownerName,
		ownerAgency: row.ownerAgency,
		dueDate: row.dueDate,
		due: dueWording(row.dueDate, now),
		meetingDate: row.meetingDate,
		latestUpdate: latest.get(row.id) ?? null
	}));
}

/** The decisions this meeting's actions review has recorded so far, in the order taken. */
export async function reviewedAtMeeting(db: DB, meetingId: number) {
	const rows = await actionsWithReference(db)
		.innerJoin('action_update', 'action_update.action_id', 'action.id')
		.select([
			'action_update.id as updateId',
			'action_update.kind',
			'action_update.note',
			'action_update.previous_owner as previousOwner',
			'action_update.new_due_date as newDueDate'
		])
		.where('action_update.meeting_id', '=', meetingId)
		.orderBy('action_update.id')
		.execute();
	return rows.map((row) => ({
		id: row.updateId,
		actionId: row.id,
		reference: referenceOf(row),
		description: row.description,
		kind: row.kind as ReviewDecision['kind'],
		note: row.note,
		previousOwner: row.previousOwner,
		ownerName: row.ownerName,
		ownerAgency: row.ownerAgency,
		newDueDate: row.newDueDate
	}));
}

export type ReviewDecision =
	| { kind: 'extended'; dueDate: string }
	| { kind: 'reassigned'; owner: ActionOwner; dueDate: string }
	| { kind: 'closed'; note: string };

const DECISIONS = ['extended', 'reassigned', 'closed'] as const;

/**
 * Reads the review of one action. Fields are prefixed `review-<action id>` so each action's form
 * on the page has its own ids; the new owner and the new due date are read exactly as the room
 * reads them for a new action. A reassigned action needs a new due date too: its old one has
 * passed.
 */
export async function readActionReviewForm(
	db: DB,
	form: FormData,
	actionId: number,
	context: { meetingId: number; communityId: number; today: string }
) {
	const prefix = `review-${actionId}`;
	const decisionField = `${prefix}-decision`;
	const reasonField = `${prefix}-reason`;
	const decision = DECISIONS.find((d) => d === textField(form, decisionField));
	const owner = await readActionOwner(db, form, context, prefix);
	const due = readActionDueDate(form, context.today, prefix);
	const reason = textField(form, reasonField);
	const values: Record<string, string> = {
		[decisionField]: decision ?? '',
		...owner.values,
		...due.values,
		[reasonField]: reason
	};
	const errors: FieldErrors = {};
	if (!decision) errors[decisionField] = 'Choose whether to extend, reassign or close the action';
	if (decision === 'reassigned') Object.assign(errors, owner.errors);
	if (decision === 'extended' || decision === 'reassigned') Object.assign(errors, due.errors);
	if (decision === 'closed') {
		const problem = noteProblem(reason, 'Enter why the action is closed', context.today);
		if (problem) errors[reasonField] = problem;
	}
	let input: ReviewDecision | null = null;
	if (Object.keys(errors).length === 0) {
		if (decision === 'extended') input = { kind: decision, dueDate: due.dueDate! };
		else if (decision === 'reassigned')
			input = { kind: decision, owner: owner.owner!, dueDate: due.dueDate! };
		else if (decision === 'closed') input = { kind: decision, note: reason };
	}
	return { values, errors, input };
}

/**
 * Records the review's decision on one overdue action: extended (a new due date), reassigned (a
 * new owner, and a new due date) or closed with a reason. One transaction: the action, its
 * history (with the meeting that decided) and the audit entry; a new owner with an account is
 * told. Refused (nothing written) unless the action is still open and overdue, from another
 * meeting of this community, so two people deciding at once cannot both win. The same person's
 * post repeated (the same `formKey`) is not a second decision: it writes nothing and answers
 * true, as the first did, rather than "already reviewed".
 */
export async function recordReviewDecision(
	db: DB,
	meeting: ReviewMeeting,
	actionId: number,
	decision: ReviewDecision,
	actor: Actor,
	today: string,
	now = new Date(),
	formKey: string | null = null
): Promise<boolean> {
	const key = { token: formKey, userId: actor.id, form: `review-decision:${actionId}` };
	return db.transaction().execute(async (trx) => {
		if (await earlierAnswer<true>(trx, key)) return true;
		const action = await actionsWithReference(trx)
			.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
			.innerJoin('community', 'community.id', 'action.community_id')
			.select(['action.status', 'meeting.date as meetingDate', 'community.name as communityName'])
			.where('action.id', '=', actionId)
			.where('action.community_id', '=', meeting.communityId)
			.where('action.status', 'in', OPEN_STATUSES)
			.where('action.due_date', '<', today)
			.where('action.meeting_id', '!=', meeting.id)
			.executeTakeFirst();
		if (!action) return false;
		const context = { meetingId: meeting.id };
		if (decision.kind === 'extended') {
			await trx
				.updateTable('action')
				.set({ due_date: decision.dueDate })
				.where('id', '=', actionId)
				.execute();
			await trx
				.insertInto('action_update')
				.values(
					historyEntry(actionId, 'extended', actor, now, {
						...context,
						previousDueDate: action.dueDate,
						newDueDate: decision.dueDate
					})
				)
				.execute();
		} else if (decision.kind === 'reassigned') {
			// The new owner starts afresh: the action is open again until they report on it.
			await trx
				.updateTable('action')
				.set({
					owner_id: decision.owner.id,
					owner_name: decision.owner.name,
					owner_agency: decision.owner.agency,
					due_date: decision.dueDate,
					status: 'open'
				})
				.where('id', '=', actionId)
				.execute();
			await trx
				.insertInto('action_update')
				.values(
					historyEntry(actionId, 'reassigned', actor, now, {
						...context,
						note: `Reassigned to ${decision.owner.name}, ${decision.owner.agency}`,
						previousOwner: `${action.ownerName}, ${action.ownerAgency}`,
						previousDueDate: action.dueDate,
						newDueDate: decision.dueDate
					})
				)
				.execute();
			if (decision.owner.id !== null)
				await sendNotices(
					trx,
					[
						{
							userId: decision.owner.id,
							message: `The ${action.communityName} MAG has given you an action for ${referenceOf(action)}, due ${formatCalendarDate(decision.dueDate)}.`,
							link: `/actions/${actionId}`
						}
					],
					now
				);
		} else {
			await trx
				.updateTable('action')
				.set({ status: 'closed', completed_at: now.toISOString() })
				.where('id', '=', actionId)
				.execute();
			await trx
				.insertInto('action_update')
				.values(historyEntry(actionId, 'closed', actor, now, { ...context, note: decision.note }))
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: `action.${decision.kind}`,
				recordType: 'action',
				recordId: actionId,
				ip: actor.ip,
				detail: {
					meetingId: meeting.id,
					...(decision.kind === 'closed'
						? {}
						: { previousDueDate: action.dueDate, newDueDate: decision.dueDate })
				}
			},
			now
		);
		await rememberAnswer(trx, key, true, now);
		return true;
	});
}
