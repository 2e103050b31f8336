import type { DB } from '../platform/db';
import type { ActionStatus } from '../platform/schema';
import { dueGroup, dueWording, type DueGroup } from '../../due-wording';
import { pageOf } from '../http/paging';
import { latestUpdates } from './history';
import { actionsWithReference } from './queries';
import { referenceOf } from './reference';

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
 * My actions' order: what is due in the next 14 days first (what to do this week), then what is
 * overdue, then later, then done (done, cannot be done or closed; the most recently finished first).
 */
export const MY_ACTIONS_ORDER: readonly DueGroup[] = ['soon', 'overdue', 'later', 'done'];

export interface MyActionsFilter {
	communityId?: number | null;
	status?: ActionStatus | null;
	/** Words in the action or its reference, in any case. */
	text?: string | null;
	/** Only the overdue ones, or only those due in the next 14 days (the home page links here). */
	due?: DueFilter | null;
}

/** The sections My actions can be narrowed to. */
export const DUE_FILTERS = ['overdue', 'soon'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** Everything a person owns (filtered), in MY_ACTIONS_ORDER across every page, and by section. */
export async function myActionsInOrder(
	db: DB,
	userId: number,
	filter: MyActionsFilter,
	now = new Date()
) {
	const words = filter.text?.trim().toLowerCase();
	const owned = (await listActionsForOwner(db, userId, filter)).filter(
		(action) =>
			!words ||
			action.description.toLowerCase().includes(words) ||
			action.reference.toLowerCase().includes(words)
	);
	const groups: Record<DueGroup, (ActionSummary & { due: string; group: DueGroup })[]> = {
		overdue: [],
		soon: [],
		later: [],
		done: []
	};
	for (const action of owned) {
		const group = dueGroup(action.dueDate, action.status, now);
		if (filter.due && group !== filter.due) continue;
		groups[group].push({ ...action, group, due: dueWording(action.dueDate, now) });
	}
	groups.done.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
	return { ordered: MY_ACTIONS_ORDER.flatMap((key) => groups[key]), groups };
}

/** The action after this one in the person's (filtered) My actions, if there is one. */
export async function nextInMyActions(
	db: DB,
	userId: number,
	filter: MyActionsFilter,
	actionId: number,
	now = new Date()
) {
	const { ordered } = await myActionsInOrder(db, userId, filter, now);
	const at = ordered.findIndex((action) => action.id === actionId);
	return at === -1 ? null : (ordered[at + 1] ?? null);
}

/**
 * One page of My actions: everything a person owns (filtered) in MY_ACTIONS_ORDER, each with its
 * due date in words and its latest update, in sections by when it is due with each section's
 * count over every page.
 */
export async function myActions(
	db: DB,
	userId: number,
	filter: MyActionsFilter,
	page = 1,
	now = new Date()
) {
	const { ordered, groups } = await myActionsInOrder(db, userId, filter, now);
	const { rows, ...shown } = pageOf(ordered, page);
	const latest = await latestUpdates(
		db,
		rows.map((a) => a.id)
	);
	const sections = MY_ACTIONS_ORDER.map((key) => ({
		key,
		total: groups[key].length,
		actions: rows
			.filter((action) => action.group === key)
			.map((action) => ({ ...action, latestUpdate: latest.get(action.id) ?? null }))
	}));
	return { sections, ...shown };
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
