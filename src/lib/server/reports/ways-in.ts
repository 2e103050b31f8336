import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { countColumn, labelColumn, type Report, type ReportFilter } from './report';
import { held, monthName } from './sql';
import { WAYS_IN } from '../../domain/family';

/** How families came to early help: new CAFs taken in the period by their way in. */
export async function waysInReport(db: DB, filter: ReportFilter): Promise<Report> {
	const { rows } = await sql<{ wayIn: string; cases: number }>`
		select nc.way_in as "wayIn", count(*) as cases
		from new_caf nc join submission s on s.id = nc.submission_id
		join meeting m on m.id = s.meeting_id
		where s.status = 'accepted' and ${held(filter)} group by nc.way_in`.execute(db);
	const { rows: months } = await sql<{ month: string; cases: number }>`
		select substr(m.date, 1, 7) as month, count(*) as cases
		from new_caf nc join submission s on s.id = nc.submission_id
		join meeting m on m.id = s.meeting_id
		where s.status = 'accepted' and ${held(filter)} group by month order by month`.execute(db);
	const known = new Set<string>(WAYS_IN);
	return {
		slug: 'ways-in',
		title: 'Ways in',
		tables: [
			{
				id: 'ways-in',
				title: 'New cases by way in',
				description: 'New CAFs taken at meetings held in the period, by how the family came to early help.',
				columns: [
					labelColumn('wayIn', 'Way in'),
					countColumn('cases', 'New cases')
				],
				rows: rows.length
					? [
							...WAYS_IN.map((wayIn) => ({
								wayIn,
								cases: rows.find((r) => r.wayIn === wayIn)?.cases ?? 0
							})),
							...rows.filter((r) => !known.has(r.wayIn))
						]
					: [],
				chart: { series: ['cases'] },
				empty: 'No new CAFs were taken in this period.'
			},
			{
				id: 'new-cases-per-month',
				title: 'New cases per month',
				columns: [
					labelColumn('month', 'Month'),
					countColumn('cases', 'New cases')
				],
				rows: months.map((row) => ({ ...row, month: monthName(row.month) })),
				chart: { series: ['cases'] },
				empty: 'No new CAFs were taken in this period.'
			}
		]
	};
}
