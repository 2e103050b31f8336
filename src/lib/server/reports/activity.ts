import { sql } from 'kysely';
import type { DB } from '../platform/db';
import type { DeferralReason } from '../platform/schema';
import { formatCalendarDate } from '../../dates';
import { countColumn, labelColumn, type Report, type ReportFilter, type ReportTable, type Row } from './report';
import { held, monthName, percent } from './sql';
import { DEFERRAL_REASONS } from '../../domain/meeting';

/** What the MAGs discussed: items by agenda part per month and per meeting, deferrals, overruns. */

const PARTS = [
	countColumn('advice', 'Advice requests'),
	countColumn('newCafs', 'New CAFs'),
	countColumn('reviews', 'Reviews'),
	countColumn('issues', 'Community issues')
];
const SERIES = PARTS.map((p) => p.key);

const byPart = sql`count(s.id) filter (where s.part = 1) as advice,
	count(s.id) filter (where s.part = 2) as "newCafs",
	count(s.id) filter (where s.part = 3) as reviews,
	count(s.id) filter (where s.part = 4) as issues`;

/** Minutes past the meeting's planned length (negative when it finished early). */
const minutesOver = sql`((julianday(m.concluded_at) - julianday(m.started_at)) * 1440 - m.length_minutes)`;

type PartCounts = { advice: number; newCafs: number; reviews: number; issues: number };

export async function activityReport(db: DB, filter: ReportFilter): Promise<Report> {
	const { rows: months } = await sql<PartCounts & { month: string; meetings: number }>`
		select substr(m.date, 1, 7) as month, count(distinct m.id) as meetings, ${byPart}
		from meeting m left join submission s on s.meeting_id = m.id and s.status = 'accepted'
		where ${held(filter)} group by month order by month`.execute(db);

	const { rows: deferrals } = await sql<{ reason: DeferralReason; items: number }>`
		select d.reason, count(*) as items from item_deferral d
		join meeting m on m.id = d.from_meeting_id
		where ${held(filter)} group by d.reason order by items desc, d.reason`.execute(db);

	const { rows: timing } = await sql<{ meetings: number; timed: number; late: number; over: number | null }>`
		select count(*) as meetings, count(m.started_at) as timed,
			count(*) filter (where ${minutesOver} > 0) as late,
			avg(${minutesOver}) filter (where ${minutesOver} > 0) as over
		from meeting m where ${held(filter)}`.execute(db);
	const time = timing[0] ?? { meetings: 0, timed: 0, late: 0, over: null };

	const tables: ReportTable[] = [
		{
			id: 'per-month',
			title: 'Items discussed per month',
			description: 'Items taken at meetings held in the period, by part of the agenda.',
			columns: [
				labelColumn('month', 'Month'),
				countColumn('meetings', 'Meetings'),
				...PARTS
			],
			rows: months.map((row) => ({ ...row, month: monthName(row.month) })),
			chart: { series: SERIES },
			empty: 'No meetings were held in this period.'
		},
		await breakdown(db, filter),
		{
			id: 'deferred',
			title: 'Items deferred, and why',
			description: 'Items moved from a meeting held in the period to a later one.',
			columns: [
				labelColumn('reason', 'Reason'),
				countColumn('items', 'Items')
			],
			rows: deferrals.map((row) => ({ ...row, reason: DEFERRAL_REASONS[row.reason] })),
			chart: { series: ['items'] },
			empty: 'No items were deferred in this period.'
		},
		{
			id: 'overruns',
			title: 'Meetings running over time',
			description:
				'A meeting overruns when it concludes later than its planned length after it started.',
			columns: [
				countColumn('meetings', 'Meetings held'),
				countColumn('late', 'Meetings that overran'),
				{ key: 'share', label: 'Share that overran (%)', kind: 'percent', from: 'late' },
				{ key: 'over', label: 'Average overrun (minutes)', kind: 'minutes', from: 'late' }
			],
			rows: time.meetings
				? [{ ...time, share: percent(time.late, time.timed), over: time.over }]
				: [],
			empty: 'No meetings were held in this period.'
		}
	];
	return { slug: 'activity', title: 'Activity', tables };
}

/** One community: each meeting. A locality: each community. Council-wide: each locality. */
async function breakdown(db: DB, filter: ReportFilter): Promise<ReportTable> {
	const { area } = filter;
	if (area.kind === 'community') {
		const { rows } = await sql<PartCounts & { date: string; over: number | null }>`
			select m.date, max(${minutesOver}, 0) as over, ${byPart}
			from meeting m left join submission s on s.meeting_id = m.id and s.status = 'accepted'
			where ${held(filter)} group by m.id order by m.date`.execute(db);
		return {
			id: 'per-meeting',
			title: 'Items discussed at each meeting',
			columns: [
				labelColumn('date', 'Meeting'),
				...PARTS,
				{ key: 'over', label: 'Minutes over time', kind: 'minutes' }
			],
			rows: rows.map((row): Row => ({ ...row, date: formatCalendarDate(row.date) })),
			chart: { series: SERIES },
			empty: 'No meetings were held in this period.'
		};
	}
	// A locality: by community. Council-wide: by locality.
	const [name, key] = area.kind === 'locality' ? [sql`c.name`, sql`c.id`] : [sql`l.name`, sql`l.id`];
	const { rows } = await sql<PartCounts & { name: string; meetings: number }>`
		select ${name} as name, count(distinct m.id) as meetings, ${byPart}
		from meeting m join community c on c.id = m.community_id
		join locality l on l.id = c.locality_id
		left join submission s on s.meeting_id = m.id and s.status = 'accepted'
		where ${held(filter)} group by ${key} order by 1`.execute(db);
	const by = area.kind === 'locality' ? 'community' : 'locality';
	return {
		id: `per-${by}`,
		title: `Items discussed, by ${by}`,
		columns: [
			labelColumn('name', by === 'community' ? 'Community' : 'Locality'),
			countColumn('meetings', 'Meetings'),
			...PARTS,
			{ key: 'perMeeting', label: 'Items per meeting', kind: 'average', from: 'meetings' }
		],
		rows: rows.map((row) => ({
			...row,
			perMeeting: row.meetings
				? (row.advice + row.newCafs + row.reviews + row.issues) / row.meetings
				: null
		})),
		chart: { series: SERIES },
		empty: 'No meetings were held in this period.'
	};
}
