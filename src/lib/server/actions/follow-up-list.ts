import { sql } from 'kysely';
import type { DB } from '../platform/db';
import type { ActionStatus } from '../platform/schema/actions';
import { anyColumnContains, PAGE_SIZE, pagedRows, pageWindow } from '../http/paging';
import { actionsWithReference } from './queries';
import { referenceOf } from './reference';
import { OPEN_STATUSES } from './statuses';

/**
 * The follow-up board as one list paged by the database (LIMIT/OFFSET and a count), so that a
 * county's years of actions are never all loaded: the community's open actions, searched by
 * reference, words or owner, filtered by status, overdue and owner agency, sorted by a column.
 */

export type FollowUpSort = 'due' | 'owner' | 'status';

export interface FollowUpQuery {
	page: number;
	search?: string;
	status?: 'open' | 'in-progress';
	overdueOnly?: boolean;
	agency?: string;
	sort?: FollowUpSort;
	descending?: boolean;
}

export interface FollowUpRow {
	id: number;
	reference: string;
	description: string;
	status: ActionStatus;
	dueDate: string;
	ownerId: number | null;
	ownerName: string;
	ownerAgency: string;
}

const SORT_COLUMNS = {
	due: 'action.due_date',
	owner: 'action.owner_name',
	status: 'action.status'
} as const;

function filtered(db: DB, communityId: number, today: string, query: FollowUpQuery) {
	let rows = actionsWithReference(db)
		.select(['action.status', 'action.owner_id as ownerId'])
		.where('action.community_id', '=', communityId)
		.where('action.status', 'in', query.status ? [query.status] : OPEN_STATUSES);
	if (query.overdueOnly) rows = rows.where('action.due_date', '<', today);
	if (query.agency) rows = rows.where('action.owner_agency', '=', query.agency);
	const words = query.search?.trim();
	if (words)
		rows = rows.where(
			anyColumnContains(
				[
					'action.description',
					'action.owner_name',
					'action.owner_agency',
					'action_case.reference',
					'item_case.reference',
					'community_issue.title'
				],
				words
			)
		);
	return rows;
}

/** One page of the board and how many actions match in all. */
export async function followUpPage(
	db: DB,
	communityId: number,
	today: string,
	query: FollowUpQuery,
	size = PAGE_SIZE
) {
	const base = filtered(db, communityId, today, query);
	const counted = await base
		.clearSelect()
		.select(sql<number>`count(*)`.as('total'))
		.executeTakeFirstOrThrow();
	const window = pageWindow(Number(counted.total), query.page, size);
	const direction = query.descending ? 'desc' : 'asc';
	const rows = await base
		.orderBy(SORT_COLUMNS[query.sort ?? 'due'], direction)
		.orderBy('action.due_date')
		.orderBy('action.id')
		.limit(window.limit)
		.offset(window.offset)
		.execute();
	return pagedRows(
		window,
		rows.map((row): FollowUpRow => ({
			id: row.id,
			reference: referenceOf(row),
			description: row.description,
			status: row.status,
			dueDate: row.dueDate,
			ownerId: row.ownerId,
			ownerName: row.ownerName,
			ownerAgency: row.ownerAgency
		}))
	);
}
