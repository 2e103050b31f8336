import { differenceInYears } from 'date-fns';
import type { DB } from '../platform/db';
import { actionsWithReference, referenceOf } from './action-list';
import { recordAudit, type Actor } from '../audit/log';
import { readFamily, type ItemFamily } from '../meeting/consent-gate';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { mayUpdateAction } from '../policy/actions';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { needUpdates } from '../meeting/outcomes';
import type { ActionStatus, ActionUpdateKind, CannotBeDoneReason } from '../platform/schema';
import { dueGroup, dueWording, type DueGroup } from '../../due-wording';
import { todayInEngland } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';

/**
 * Between meetings: the owner of an action says how it is going (in progress, done, or cannot be
 * done and why), and every change to an action is kept as its history (who, when, what).
 */
export const OPEN_STATUSES: ActionStatus[] = ['open', 'in-progress'];

export const ACTION_STATUSES: ActionStatus[] = [
	'open',
	'in-progress',
	'done',
	'cannot-be-done',
	'closed'
];

/** Actions with where they came from (the meeting and its community) and what they are about. */
function actionsWithOrigin(db: DB) {
	return actionsWithReference(db)
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.innerJoin('community', 'community.id', 'action.community_id')
		.select([
			'action.status',
			'action.owner_id as ownerId',
			'action.case_id as caseId',
			'action.meeting_id as meetingId',
			'meeting.date as meetingDate',
			'action.community_id as communityId',
			'community.name as communityName',
			'action.completed_at as completedAt'
		]);
}

type OriginRow = Awaited<ReturnType<ReturnType<typeof actionsWithOrigin>['execute']>>[number];

function summaryOf(row: OriginRow) {
	return {
		id: row.id,
		reference: referenceOf(row),
		description: row.description,
		status: row.status,
		dueDate: row.dueDate,
		ownerId: row.ownerId,
		ownerName: row.ownerName,
		ownerAgency: row.ownerAgency,
		submissionId: row.submissionId,
		caseId: row.caseId,
		meetingId: row.meetingId,
		meetingDate: row.meetingDate,
		communityId: row.communityId,
		communityName: row.communityName,
		completedAt: row.completedAt
	};
}

export type ActionSummary = ReturnType<typeof summaryOf>;

export async function findAction(db: DB, actionId: number): Promise<ActionSummary | undefined> {
	const row = await actionsWithOrigin(db).where('action.id', '=', actionId).executeTakeFirst();
	return row && summaryOf(row);
}

/** Every action a person owns, across communities and meetings, soonest due first. */
export async function listActionsForOwner(
	db: DB,
	userId: number,
	filter: { communityId?: number | null; status?: ActionStatus | null } = {}
): Promise<ActionSummary[]> {
	let query = actionsWithOrigin(db).where('action.owner_id', '=', userId);
	if (filter.communityId) query = query.where('action.community_id', '=', filter.communityId);
	if (filter.status) query = query.where('action.status', '=', filter.status);
	const rows = await query.orderBy('action.due_date').orderBy('action.id').execute();
	return rows.map(summaryOf);
}

/**
 * My actions: everything a person owns (filtered), grouped as overdue, due in the next 14 days,
 * later, and done (done, cannot be done or closed), each with its due date in words and its
 * latest update.
 */
export async function myActions(
	db: DB,
	userId: number,
	filter: { communityId?: number | null; status?: ActionStatus | null },
	now = new Date()
) {
	const actions = await listActionsForOwner(db, userId, filter);
	const latest = await latestUpdates(
		db,
		actions.map((a) => a.id)
	);
	const groups: Record<
		DueGroup,
		(ActionSummary & { due: string; latestUpdate: LatestUpdate | null })[]
	> = { overdue: [], soon: [], later: [], done: [] };
	for (const action of actions)
		groups[dueGroup(action.dueDate, action.status, now)].push({
			...action,
			due: dueWording(action.dueDate, now),
			latestUpdate: latest.get(action.id) ?? null
		});
	// The most recently finished first: the rest stay soonest due first.
	groups.done.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
	return groups;
}

/** The communities a person owns actions in, for the filter on My actions. */
export async function communitiesOfOwnedActions(db: DB, userId: number) {
	return db
		.selectFrom('action')
		.innerJoin('community', 'community.id', 'action.community_id')
		.select(['community.id', 'community.name'])
		.distinct()
		.where('action.owner_id', '=', userId)
		.orderBy('community.name')
		.execute();
}

/** An action's history, newest first: who recorded what, when. */
export async function actionHistory(db: DB, actionId: number) {
	return db
		.selectFrom('action_update')
		.innerJoin('user', 'user.id', 'action_update.recorded_by')
		.select([
			'action_update.id',
			'action_update.kind',
			'action_update.note',
			'action_update.reason',
			'action_update.previous_due_date as previousDueDate',
			'action_update.new_due_date as newDueDate',
			'action_update.previous_owner as previousOwner',
			'action_update.meeting_id as meetingId',
			'user.name as recordedByName',
			'action_update.recorded_at as recordedAt'
		])
		.where('action_update.action_id', '=', actionId)
		.orderBy('action_update.id', 'desc')
		.execute();
}

export type LatestUpdate = {
	kind: ActionUpdateKind;
	note: string;
	recordedAt: string;
	recordedByName: string;
};

/**
 * The latest update on each action (reminders are not updates on the work, so they are left out),
 * in one query whatever the number of actions.
 */
export async function latestUpdates(
	db: DB,
	actionIds: number[]
): Promise<Map<number, LatestUpdate>> {
	if (actionIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('action_update')
		.innerJoin('user', 'user.id', 'action_update.recorded_by')
		.select([
			'action_update.action_id as actionId',
			'action_update.kind',
			'action_update.note',
			'action_update.recorded_at as recordedAt',
			'user.name as recordedByName'
		])
		.where('action_update.id', 'in', (qb) =>
			qb
				.selectFrom('action_update')
				.select((eb) => eb.fn.max('id').as('id'))
				.where('action_id', 'in', actionIds)
				.where('kind', '!=', 'reminder')
				.groupBy('action_id')
		)
		.execute();
	return new Map(rows.map(({ actionId, ...update }) => [actionId, update]));
}

export type OwnerUpdate =
	| { kind: 'progress'; note: string }
	| { kind: 'done'; note: string }
	| { kind: 'cannot-be-done'; reason: CannotBeDoneReason; note: string };

const OWNER_UPDATE_KINDS = ['progress', 'done', 'cannot-be-done'] as const;
const REASONS: CannotBeDoneReason[] = ['circumstances-changed', 'agency-could-not-act'];

const NOTE_MISSING: Record<OwnerUpdate['kind'], string> = {
	progress: 'Enter the progress made so far',
	done: 'Enter what was done',
	'cannot-be-done': 'Enter why it cannot be done'
};

/**
 * Checks a note on an action: shown in the meeting room, on My actions and the follow-up board, so
 * it must not identify anyone. It records work, so only a full date that could be a date of birth
 * is refused (see anonymity.ts).
 */
export function noteProblem(note: string, missing: string, today: string): string | null {
	return freeTextProblem(note, {
		missing,
		limit: TEXT_LIMITS.actionNote,
		label: 'The note',
		screen: { what: 'Notes on actions', today }
	});
}

/** Reads the owner's update: what kind, the note, and for "cannot be done" the reason. */
export function readOwnerUpdateForm(form: FormData, today = todayInEngland()) {
	const values = {
		kind: textField(form, 'kind'),
		reason: textField(form, 'reason'),
		note: textField(form, 'note')
	};
	const errors: FieldErrors = {};
	const kind = OWNER_UPDATE_KINDS.find((k) => k === values.kind);
	if (!kind) errors.kind = 'Choose whether the action is in progress, done or cannot be done';
	const reason = REASONS.find((r) => r === values.reason);
	if (kind === 'cannot-be-done' && !reason)
		errors.reason =
			'Choose why it cannot be done: circumstances changed or the agency could not act';
	const problem = noteProblem(values.note, kind ? NOTE_MISSING[kind] : 'Enter a note', today);
	if (problem) errors.note = problem;
	let input: OwnerUpdate | null = null;
	if (Object.keys(errors).length === 0 && kind)
		input =
			kind === 'cannot-be-done'
				? { kind, reason: reason!, note: values.note }
				: { kind, note: values.note };
	return { values, errors, input };
}

const STATUS_AFTER: Record<OwnerUpdate['kind'], ActionStatus> = {
	progress: 'in-progress',
	done: 'done',
	'cannot-be-done': 'cannot-be-done'
};

export type UpdateResult = 'recorded' | 'not-found' | 'not-allowed' | 'finished';

/**
 * Records the owner's update: the action's status changes and the update joins its history, in one
 * transaction with its audit entry. Only the owner or the community's chair or coordinator may;
 * an action already done, not possible or closed takes no more updates. A post repeating one
 * already recorded (the same `formKey`) records nothing and answers 'recorded' again, even though
 * the first may have finished the action.
 */
export async function recordOwnerUpdate(
	db: DB,
	actionId: number,
	update: OwnerUpdate,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<UpdateResult> {
	const key = { token: formKey, userId: actor.id, form: `action-update:${actionId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<UpdateResult>(trx, key);
		if (earlier) return earlier;
		const action = await trx
			.selectFrom('action')
			.select(['id', 'status', 'owner_id as ownerId', 'community_id as communityId'])
			.where('id', '=', actionId)
			.executeTakeFirst();
		if (!action) return 'not-found';
		if (!(await mayUpdateAction(trx, action, actor.id))) return 'not-allowed';
		if (!OPEN_STATUSES.includes(action.status)) return 'finished';
		const status = STATUS_AFTER[update.kind];
		const stamp = now.toISOString();
		await trx
			.updateTable('action')
			.set({ status, completed_at: status === 'in-progress' ? null : stamp })
			.where('id', '=', actionId)
			.execute();
		await trx
			.insertInto('action_update')
			.values({
				action_id: actionId,
				kind: update.kind,
				note: update.note,
				reason: update.kind === 'cannot-be-done' ? update.reason : null,
				previous_due_date: null,
				new_due_date: null,
				previous_owner: null,
				meeting_id: null,
				recorded_by: actor.id,
				recorded_at: stamp
			})
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: `action.${update.kind}`,
				recordType: 'action',
				recordId: actionId,
				ip: actor.ip,
				detail: {
					onBehalfOfOwner: action.ownerId !== actor.id,
					...(update.kind === 'cannot-be-done' ? { reason: update.reason } : {})
				}
			},
			now
		);
		await rememberAnswer(trx, key, 'recorded', now);
		return 'recorded';
	});
}

/**
 * The family's case summary for the action's owner: names, ages, needs and the support agreed
 * for each at the meeting. Every read is audited (readFamily), why: "action owner".
 */
export async function familySummaryForOwner(
	db: DB,
	family: ItemFamily,
	reader: Actor,
	today: string
) {
	const { members, needs } = await readFamily(db, family, { ...reader, why: 'action owner' });
	const agreed = new Map(
		(await needUpdates(db, family.submissionId)).map((update) => [update.needId, update])
	);
	const todayDate = new Date(`${today}T12:00:00Z`);
	return {
		reference: family.reference,
		initials: family.initials,
		members: members.map((member) => ({
			id: member.id,
			name: member.name,
			age: differenceInYears(todayDate, new Date(`${member.dateOfBirth}T12:00:00Z`)),
			relationship: member.relationship,
			setting: member.setting
		})),
		needs: needs.map((need) => ({
			id: need.id,
			forName: members.find((m) => m.id === need.memberId)?.name ?? '',
			description: need.description,
			support: agreed.get(need.id)?.support ?? null
		}))
	};
}
