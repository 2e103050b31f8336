import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { countColumn, labelColumn, type Report, type ReportFilter } from './report';
import { held, percent } from './sql';
import { actionsByAgency } from './actions';

/**
 * Whether invited agencies come and deliver (the seed's problem of agencies not attending, made
 * visible): each agency's members on the register at meetings held in the period, and the
 * actions its people owned and delivered. A named substitute counts as the agency present.
 */
export async function engagementReport(db: DB, filter: ReportFilter): Promise<Report> {
	const { rows: attendance } = await sql<{
		agency: string;
		present: number;
		apologies: number;
		absent: number;
	}>`
		select coalesce(at.agency, 'No agency given') as agency,
			count(*) filter (where at.status in ('present', 'substitute')) as present,
			count(*) filter (where at.status = 'apologies') as apologies,
			count(*) filter (where at.status = 'absent') as absent
		from attendance at join meeting m on m.id = at.meeting_id
		where at.status <> 'guest' and ${held(filter)}
		group by 1 order by 1`.execute(db);
	const delivery = (await actionsByAgency(db, filter)).map((row) => ({
		agency: row.agency,
		owned: row.agreed,
		delivered: row.done
	}));
	return {
		slug: 'engagement',
		title: 'Agency engagement',
		tables: [
			{
				id: 'attendance-by-agency',
				title: 'Attendance by agency',
				description:
					'Members on the register at meetings held in the period (guests are not counted). A named substitute counts as present.',
				columns: [
					labelColumn('agency', 'Agency'),
					countColumn('present', 'Present'),
					countColumn('apologies', 'Apologies'),
					countColumn('absent', 'Absent'),
					{ key: 'rate', label: 'Attendance rate (%)', kind: 'percent', from: 'present' }
				],
				rows: attendance.map((row) => ({
					...row,
					rate: percent(row.present, row.present + row.apologies + row.absent)
				})),
				chart: { series: ['present', 'apologies', 'absent'] },
				empty: 'No registers were taken at meetings in this period.'
			},
			{
				id: 'delivery-by-agency',
				title: 'Actions owned and delivered by agency',
				description: 'Actions agreed at meetings held in the period; delivered means done.',
				columns: [
					labelColumn('agency', 'Agency'),
					countColumn('owned', 'Owned'),
					countColumn('delivered', 'Delivered'),
					countColumn('notDelivered', 'Not delivered'),
					{ key: 'rate', label: 'Delivered (%)', kind: 'percent', from: 'delivered' }
				],
				rows: delivery.map((row) => ({
					...row,
					notDelivered: row.owned - row.delivered,
					rate: percent(row.delivered, row.owned)
				})),
				chart: { series: ['delivered', 'notDelivered'] },
				empty: 'No actions were agreed in this period.'
			}
		]
	};
}
