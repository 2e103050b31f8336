import { sql } from 'kysely';
import type { DB } from '../platform/db';
import type { CannotBeDoneReason } from '../platform/schema';
import { countColumn, labelColumn, type Report, type ReportFilter } from './report';
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
		countColumn('done', 'Done'),
		countColumn('open', 'Open, not yet due'),
		countColumn('overdue', 'Overdue'),
		countColumn('cannotBeDone', 'Could not be done')
	];
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
					countColumn('agreed', 'Agreed'),
					...status,
					countColumn('closed', 'Closed at a review'),
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
					labelColumn('agency', 'Agency'),
					countColumn('agreed', 'Owned'),
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
					labelColumn('reason', 'Reason'),
					countColumn('actions', 'Actions')
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
