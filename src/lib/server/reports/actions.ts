import { sql } from 'kysely';
import type { DB } from '../platform/db';
import type { CannotBeDoneReason } from '../platform/schema';
import type { Report, ReportFilter } from './report';
import { completionRate } from '../actions/follow-up-rules';
import { held, medianOfCounts } from './sql';
import { cannotBeDoneReasons } from '../../domain/actions';

/**
 * Whether agreed actions are delivered: the actions agreed at meetings held in the period, by
 * status now, by the owner's agency, and why some could not be done (MARAC's two reasons).
 */

/** Actions agreed at meetings held in the area during the period, alias `a`. */
const actionsAgreed = (filter: ReportFilter) =>
	sql`action a join meeting m on m.id = a.meeting_id where ${held(filter)}`;

const figures = (today: string) => sql`count(*) as agreed,
	count(*) filter (where a.status = 'done') as done,
	count(*) filter (where a.status in ('open', 'in-progress') and a.due_date >= ${today}) as open,
	count(*) filter (where a.status in ('open', 'in-progress') and a.due_date < ${today}) as overdue,
	count(*) filter (where a.status = 'cannot-be-done') as "cannotBeDone",
	count(*) filter (where a.status = 'closed') as closed`;

interface Figures {
	agreed: number;
	done: number;
	open: number;
	overdue: number;
	cannotBeDone: number;
	closed: number;
}

/** The follow-up board's rule: done, out of done, still open or could not be done. */
const completion = (f: Figures) =>
	completionRate({ completed: f.done, open: f.open + f.overdue, cannotBeDone: f.cannotBeDone });

/** Each owner's agency's actions agreed in the area during the period, by status now. */
export async function actionsByAgency(db: DB, filter: ReportFilter) {
	const { rows } = await sql<Figures & { agency: string }>`
		select a.owner_agency as agency, ${figures(filter.today)} from ${actionsAgreed(filter)}
		group by a.owner_agency order by a.owner_agency`.execute(db);
	return rows;
}

export async function actionsReport(db: DB, filter: ReportFilter): Promise<Report> {
	const agencies = await actionsByAgency(db, filter);
	// Whole days from agreeing to completing each action done: the median comes from these counts.
	const { rows: daysToComplete } = await sql<{ n: number; count: number }>`
		select cast(julianday(a.completed_at) - julianday(a.created_at) as integer) as n,
			count(*) as count
		from ${actionsAgreed(filter)} and a.status = 'done' and a.completed_at is not null
		group by n`.execute(db);
	const { rows: reasons } = await sql<{ reason: CannotBeDoneReason; actions: number }>`
		select u.reason, count(distinct a.id) as actions
		from action a join meeting m on m.id = a.meeting_id
		join action_update u on u.action_id = a.id and u.kind = 'cannot-be-done'
		where a.status = 'cannot-be-done' and ${held(filter)}
		group by u.reason`.execute(db);
	// The whole area's figures: the agencies' added up (a handful of rows, already counted).
	const keys = ['agreed', 'done', 'open', 'overdue', 'cannotBeDone', 'closed'] as const;
	const total = Object.fromEntries(
		keys.map((key) => [key, agencies.reduce((sum, row) => sum + row[key], 0)])
	) as unknown as Figures;
	const status = [
		{ key: 'done', label: 'Done', kind: 'count' },
		{ key: 'open', label: 'Open, not yet due', kind: 'count' },
		{ key: 'overdue', label: 'Overdue', kind: 'count' },
		{ key: 'cannotBeDone', label: 'Could not be done', kind: 'count' }
	] as const;
	return {
		slug: 'actions',
		title: 'Actions',
		tables: [
			{
				id: 'actions-summary',
				title: 'Actions agreed in the period, and where they stand now',
				description:
					'Completion rate: done, out of those done, still open or that could not be done. Actions closed at a review are left out of it.',
				columns: [
					{ key: 'agreed', label: 'Agreed', kind: 'count' },
					...status,
					{ key: 'closed', label: 'Closed at a review', kind: 'count' },
					{ key: 'rate', label: 'Completion rate (%)', kind: 'percent', from: 'done' },
					{ key: 'median', label: 'Median days to complete', kind: 'days', from: 'done' }
				],
				rows: total.agreed
					? [{ ...total, rate: completion(total), median: medianOfCounts(daysToComplete) }]
					: [],
				empty: 'No actions were agreed in this period.'
			},
			{
				id: 'actions-by-agency',
				title: 'Actions by the owner’s agency',
				columns: [
					{ key: 'agency', label: 'Agency', kind: 'label' },
					{ key: 'agreed', label: 'Owned', kind: 'count' },
					...status,
					{ key: 'rate', label: 'Completion rate (%)', kind: 'percent', from: 'done' }
				],
				rows: agencies.map((row) => ({ ...row, rate: completion(row) })),
				chart: { series: ['done', 'overdue', 'open', 'cannotBeDone'] },
				empty: 'No actions were agreed in this period.'
			},
			{
				id: 'could-not-be-done',
				title: 'Why actions could not be done',
				columns: [
					{ key: 'reason', label: 'Reason', kind: 'label' },
					{ key: 'actions', label: 'Actions', kind: 'count' }
				],
				rows: reasons.map((row) => ({
					reason: row.reason ? cannotBeDoneReasons[row.reason] : 'Not given',
					actions: row.actions
				})),
				chart: { series: ['actions'] },
				empty: 'No action agreed in this period was marked as not possible.'
			}
		]
	};
}
