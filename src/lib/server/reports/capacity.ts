import { sql } from 'kysely';
import { addWeeks, format } from 'date-fns';
import type { DB } from '../platform/db';
import { formatCalendarDate } from '../../dates';
import { inArea } from './area';
import { countColumn, labelColumn, type Report, type ReportFilter, type ReportTable } from './report';
import { held } from './sql';
import { FAMILY_ITEM_LIMIT } from '../../domain/limits';

/**
 * A MAG gets through about 15 family items in its two hours (FAMILY_ITEM_LIMIT, as the agenda
 * warns). Capacity compares meetings with that, and forecasts the meetings to come from the
 * reviews already due at them, so a chair sees an overload coming.
 */
/** How far ahead the forecast looks. */
export const FORECAST_WEEKS = 12;

const reference = {
	value: FAMILY_ITEM_LIMIT,
	label: `${FAMILY_ITEM_LIMIT} a meeting`
};

/** Family items (new CAFs and reviews) taken at each meeting held: one row per meeting. */
const familyItemsPerMeeting = (filter: ReportFilter) => sql`
	select m.id, m.date, count(s.id) filter (where s.part in (2, 3)) as family
	from meeting m left join submission s on s.meeting_id = m.id and s.status = 'accepted'
	where ${held(filter)} group by m.id`;

export async function capacityReport(db: DB, filter: ReportFilter): Promise<Report> {
	return {
		slug: 'capacity',
		title: 'Capacity',
		tables: [await familyItems(db, filter), await forecast(db, filter)]
	};
}

async function familyItems(db: DB, filter: ReportFilter): Promise<ReportTable> {
	const description = `New CAFs and reviews taken, against the ${FAMILY_ITEM_LIMIT} a meeting can take.`;
	const empty = 'No meetings were held in this period.';
	if (filter.area.kind === 'community') {
		const { rows } = await sql<{ date: string; family: number }>`
			select date, family from (${familyItemsPerMeeting(filter)}) order by date`.execute(db);
		return {
			id: 'family-items',
			title: 'Family items at each meeting',
			description,
			columns: [
				labelColumn('date', 'Meeting'),
				countColumn('family', 'Family items')
			],
			rows: rows.map((m) => ({ date: formatCalendarDate(m.date), family: m.family })),
			chart: { series: ['family'], reference },
			empty
		};
	}
	const { rows } = await sql<{ band: number; meetings: number }>`
		select case when family <= 10 then 1 when family <= 15 then 2 when family <= 20 then 3 else 4 end
			as band, count(*) as meetings
		from (${familyItemsPerMeeting(filter)}) group by band`.execute(db);
	const bands = ['Up to 10', '11 to 15', '16 to 20', 'More than 20'];
	return {
		id: 'family-items',
		title: 'Meetings by the number of family items taken',
		description,
		columns: [
			labelColumn('band', 'Family items'),
			countColumn('meetings', 'Meetings')
		],
		rows: rows.length
			? bands.map((band, i) => ({
					band,
					meetings: rows.find((r) => r.band === i + 1)?.meetings ?? 0
				}))
			: [],
		chart: { series: ['meetings'] },
		empty
	};
}

/**
 * The meetings in the next 12 weeks (whatever the period chosen): open cases whose next review
 * is at that meeting, new CAFs already submitted to it, and reviews brought to it early.
 */
function upcoming(filter: ReportFilter) {
	const until = format(
		addWeeks(new Date(`${filter.today}T12:00:00Z`), FORECAST_WEEKS),
		'yyyy-MM-dd'
	);
	return sql`
		select m.id, m.date, m.community_id,
			(select count(*) from family_case fc
				where fc.next_review_meeting_id = m.id and fc.status = 'open') as due,
			(select count(*) from submission s where s.meeting_id = m.id and s.part = 2
				and s.status in ('submitted', 'accepted', 'deferred')) as "newCafs",
			(select count(*) from submission s join review r on r.submission_id = s.id
				join family_case fc on fc.id = r.case_id
				where s.meeting_id = m.id and s.status in ('submitted', 'accepted', 'deferred')
				and fc.next_review_meeting_id is not m.id) as early
		from meeting m
		where m.status not in ('concluded', 'cancelled') and m.date >= ${filter.today}
			and m.date <= ${until} and ${inArea(filter.area)}`;
}

async function forecast(db: DB, filter: ReportFilter): Promise<ReportTable> {
	const description = `Meetings in the next ${FORECAST_WEEKS} weeks, whatever the period chosen: reviews due there, and new CAFs and early reviews already submitted, against the ${FAMILY_ITEM_LIMIT} a meeting can take.`;
	const empty = `No meetings are scheduled in the next ${FORECAST_WEEKS} weeks.`;
	if (filter.area.kind === 'council') {
		// Hundreds of meetings council-wide: one line per locality, with its busiest meeting.
		const { rows } = await sql<{ locality: string; meetings: number; over: number; most: number }>`
			select l.name as locality, count(*) as meetings,
				count(*) filter (where due + "newCafs" + early > ${FAMILY_ITEM_LIMIT}) as over,
				max(due + "newCafs" + early) as most
			from (${upcoming(filter)}) u join community c on c.id = u.community_id
			join locality l on l.id = c.locality_id
			group by l.id order by l.name`.execute(db);
		return {
			id: 'forecast',
			title: 'Forecast: meetings at risk of overload, by locality',
			description,
			columns: [
				labelColumn('locality', 'Locality'),
				countColumn('meetings', 'Meetings to come'),
				countColumn('over', `Forecast over ${FAMILY_ITEM_LIMIT}`),
				countColumn('most', 'Most family items at one meeting')
			],
			rows,
			empty
		};
	}
	const { rows } = await sql<{
		date: string;
		community: string;
		due: number;
		newCafs: number;
		early: number;
	}>`select u.date, c.name as community, u.due, u."newCafs", u.early
		from (${upcoming(filter)}) u join community c on c.id = u.community_id
		order by u.date, c.name`.execute(db);
	return {
		id: 'forecast',
		title: 'Forecast: family items at the meetings to come',
		description,
		columns: [
			labelColumn('meeting', 'Meeting'),
			countColumn('due', 'Reviews due'),
			countColumn('newCafs', 'New CAFs submitted'),
			countColumn('early', 'Reviews brought early'),
			countColumn('total', 'Family items forecast')
		],
		rows: rows.map((row) => ({
			meeting: `${filter.area.kind === 'locality' ? `${row.community}, ` : ''}${formatCalendarDate(row.date)}`,
			due: row.due,
			newCafs: row.newCafs,
			early: row.early,
			total: row.due + row.newCafs + row.early
		})),
		chart: { series: ['due', 'newCafs', 'early'], reference },
		empty
	};
}
