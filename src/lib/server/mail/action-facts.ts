import type { DB } from '../platform/db';
import type { ActionStatus } from '../platform/schema';
import { withActionReference } from '../actions/queries';
import { referenceOf } from '../actions/reference';
import { OPEN_STATUSES } from '../actions/statuses';

/**
 * What an email may say about an action: its reference (case reference, "Advice", the community
 * issue's title or "General"), due date, status and the meeting that agreed it. Deliberately not what
 * is to be done: that free text is read behind sign-in, so no email can carry a family's details even
 * if someone typed them into an action.
 */
export interface ActionFact {
	id: number;
	meetingId: number;
	communityName: string;
	meetingDate: string;
	reference: string;
	/** Calendar date, YYYY-MM-DD. */
	dueDate: string;
	status: ActionStatus;
	createdAt: string;
	owner: { id: number; name: string; email: string } | null;
}

export interface ActionFactFilter {
	actionIds?: number[];
	meetingId?: number;
	ownerId?: number;
	/** Open or in progress only. */
	open?: boolean;
	/** Due on or after / on or before these calendar dates. */
	dueFrom?: string;
	dueTo?: string;
}

/** Actions with what an email may say about them, owners with an enabled account only. */
export async function actionFacts(db: DB, filter: ActionFactFilter): Promise<ActionFact[]> {
	if (filter.actionIds?.length === 0) return [];
	let query = db
		.selectFrom('action')
		.$call(withActionReference)
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.leftJoin('user as owner', (join) =>
			join.onRef('owner.id', '=', 'action.owner_id').on('owner.disabled_at', 'is', null)
		)
		.select([
			'action.id',
			'action.meeting_id as meetingId',
			'community.name as communityName',
			'meeting.date as meetingDate',
			'action.due_date as dueDate',
			'action.status',
			'action.created_at as createdAt',
			'owner.id as ownerId',
			'owner.name as ownerName',
			'owner.email as ownerEmail'
		]);
	if (filter.actionIds) query = query.where('action.id', 'in', filter.actionIds);
	if (filter.meetingId !== undefined)
		query = query.where('action.meeting_id', '=', filter.meetingId);
	if (filter.ownerId !== undefined) query = query.where('action.owner_id', '=', filter.ownerId);
	if (filter.open) query = query.where('action.status', 'in', OPEN_STATUSES);
	if (filter.dueFrom) query = query.where('action.due_date', '>=', filter.dueFrom);
	if (filter.dueTo) query = query.where('action.due_date', '<=', filter.dueTo);
	const rows = await query.orderBy('action.due_date').orderBy('action.id').execute();
	return rows.map((row) => ({
		id: row.id,
		meetingId: row.meetingId,
		communityName: row.communityName,
		meetingDate: row.meetingDate,
		reference: referenceOf(row),
		dueDate: row.dueDate,
		status: row.status,
		createdAt: row.createdAt,
		owner:
			row.ownerId !== null && row.ownerName !== null && row.ownerEmail !== null
				? { id: row.ownerId, name: row.ownerName, email: row.ownerEmail }
				: null
	}));
}
