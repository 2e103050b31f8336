import type { DB } from '../platform/db';
import { OPEN_STATUSES } from '../actions/statuses';
import { countOfRows, firstItems, itemLines, WORKLIST_FIRST } from './worklist';

/**
 * The chair's and coordinators' part of the home page, for the communities whose MAG they run
 * (policy/worklist.ts decides which): items waiting for a decision, agendas still to publish, and
 * overdue actions by community. Counted in SQL; labels only, as the agenda builder shows them.
 */

/** Items sent in to the agendas being built in these communities, not yet decided. */
export async function itemsWaitingForDecision(db: DB, communityIds: number[]) {
	if (communityIds.length === 0) return { count: 0, first: [] };
	const waiting = itemLines(db).where('meeting.community_id', 'in', communityIds);
	return {
		count: await countOfRows(waiting.select((eb) => eb.fn.countAll().as('n'))),
		first: await firstItems(waiting)
	};
}

/** Meetings whose agenda is open and not yet published, soonest first, with what waits on each. */
export async function agendasToPublish(db: DB, communityIds: number[], today: string) {
	if (communityIds.length === 0) return { count: 0, first: [] };
	const open = db
		.selectFrom('meeting')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.where('meeting.community_id', 'in', communityIds)
		.where('meeting.status', '=', 'agenda-open')
		.where('meeting.date', '>=', today);
	const rows = await open
		.select((eb) => [
			'meeting.id',
			'meeting.date',
			'meeting.submission_deadline as submissionDeadline',
			'community.name as communityName',
			eb
				.selectFrom('submission')
				.select((inner) => inner.fn.countAll().as('n'))
				.whereRef('submission.meeting_id', '=', 'meeting.id')
				.where('submission.status', '=', 'submitted')
				.as('waiting')
		])
		.orderBy('meeting.date')
		.orderBy('community.name')
		.limit(WORKLIST_FIRST)
		.execute();
	return {
		count: await countOfRows(open.select((eb) => eb.fn.countAll().as('n'))),
		first: rows.map((row) => ({
			id: row.id,
			date: row.date,
			submissionDeadline: row.submissionDeadline,
			communityName: row.communityName,
			waiting: Number(row.waiting ?? 0),
			// Once the deadline has passed nothing more comes in unless the chair takes it late.
			deadlinePassed: today > row.submissionDeadline
		}))
	};
}

/** Open actions past their due date in each of these communities (the follow-up board's count). */
export async function overdueByCommunity(db: DB, communityIds: number[], today: string) {
	if (communityIds.length === 0) return { count: 0, communities: [] };
	const rows = await db
		.selectFrom('community')
		.leftJoin('action', (join) =>
			join
				.onRef('action.community_id', '=', 'community.id')
				.on('action.status', 'in', OPEN_STATUSES)
				.on('action.due_date', '<', today)
		)
		.select((eb) => [
			'community.id',
			'community.name',
			eb.fn.count<number>('action.id').as('overdue')
		])
		.where('community.id', 'in', communityIds)
		.groupBy(['community.id', 'community.name'])
		.orderBy('community.name')
		.execute();
	const communities = rows.map((row) => ({
		id: row.id,
		name: row.name,
		overdue: Number(row.overdue)
	}));
	return { count: communities.reduce((sum, c) => sum + c.overdue, 0), communities };
}
