import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { completionRate, type AgencyFigures } from './follow-up-rules';

/**
 * The chair's follow-up: each agency's figures (the board's list of open actions is
 * follow-up-list.ts, its reminders bulk-reminders.ts). The rules (completion rate, what a reminder says) are in follow-up-rules.ts; the actions review at the next meeting in actions-review.ts.
 */

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
