import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { levelsOfNeed } from '../agenda/new-caf-rules';
import type { NeedStatus } from '../platform/schema';
import { countColumn, labelColumn, type Report, type ReportFilter } from './report';
import { held, medianOfCounts } from './sql';
import { NEED_STATUSES } from '../../domain/needs';
import { REVIEW_DECISIONS } from '../../domain/outcomes';

/** Whether help is working: needs at review, what reviews decided, time to close, level of need. */

const CLOSING = ['closed-needs-met', 'stepped-up', 'stepped-down'] as const;

/** Reviews (part 3) taken at meetings held: the tables, alias `s`, then the condition. */
const reviewsFrom = sql`submission s join meeting m on m.id = s.meeting_id
	join review r on r.submission_id = s.id`;
const reviewsHeld = (filter: ReportFilter) => sql`s.status = 'accepted' and ${held(filter)}`;

export async function outcomesReport(db: DB, filter: ReportFilter): Promise<Report> {
	const { rows: needs } = await sql<{ status: NeedStatus; needs: number }>`
		select nu.status, count(*) as needs from ${reviewsFrom}
		join need_update nu on nu.submission_id = s.id
		where nu.status is not null and ${reviewsHeld(filter)}
		group by nu.status`.execute(db);

	const { rows: decisions } = await sql<{ kind: keyof typeof REVIEW_DECISIONS; reviews: number }>`
		select o.kind, count(*) as reviews from ${reviewsFrom}
		join outcome o on o.submission_id = s.id where ${reviewsHeld(filter)} group by o.kind`.execute(db);

	// Days from the meeting that first discussed the new CAF to the review that closed the case.
	// One row per whole number of days: bands, count and median are worked out from these.
	const { rows: closingDays } = await sql<{ n: number; count: number }>`
		select cast(julianday(m.date) - julianday(first.date) as integer) as n, count(*) as count
		from ${reviewsFrom} join outcome o on o.submission_id = s.id
		join new_caf nc on nc.case_id = r.case_id
		join submission caf on caf.id = nc.submission_id join meeting first on first.id = caf.meeting_id
		where ${reviewsHeld(filter)} and o.kind in (${sql.join(CLOSING.map((k) => sql.lit(k)))})
		group by n`.execute(db);
	const closedIn = (from: number, to: number) =>
		closingDays.filter((d) => d.n >= from && d.n < to).reduce((sum, d) => sum + d.count, 0);
	const closing = [closedIn(0, 91), closedIn(91, 183), closedIn(183, 366), closedIn(366, Infinity)];
	const closedCases = closing.reduce((a, b) => a + b, 0);

	const levels = levelsOfNeed();
	const { rows: movement } = await sql<{ start: string; now: string; cases: number }>`
		with latest as (
			select r.case_id, o.level_of_need as now,
				row_number() over (partition by r.case_id order by m.date desc, s.id desc) as position
			from ${reviewsFrom}
			join outcome o on o.submission_id = s.id and o.level_of_need is not null
			where ${reviewsHeld(filter)})
		select nc.level_of_need as start, latest.now, count(*) as cases
		from latest join new_caf nc on nc.case_id = latest.case_id
		where latest.position = 1 group by start, latest.now`.execute(db);
	const rank = (level: string) => levels.indexOf(level);
	const movementRows = levels
		.map((level) => {
			const from = movement.filter((m) => m.start === level);
			const count = (test: (now: number) => boolean) =>
				from.filter((m) => test(rank(m.now))).reduce((sum, m) => sum + m.cases, 0);
			return {
				level: `Level ${level}`,
				cases: count(() => true),
				lower: count((now) => now < rank(level)),
				same: count((now) => now === rank(level)),
				higher: count((now) => now > rank(level))
			};
		})
		.filter((row) => row.cases > 0);

	const bands = ['Under 3 months', '3 to 6 months', '6 to 12 months', 'A year or more'];
	return {
		slug: 'outcomes',
		title: 'Outcomes',
		tables: [
			{
				id: 'needs-at-review',
				title: 'Needs at review',
				description: 'Each need reported on at a review held in the period, as the group agreed it.',
				columns: [
					labelColumn('status', 'Need'),
					countColumn('needs', 'Needs')
				],
				rows: needs.length
					? (Object.keys(NEED_STATUSES) as NeedStatus[]).map((status) => ({
							status: NEED_STATUSES[status],
							needs: needs.find((n) => n.status === status)?.needs ?? 0
						}))
					: [],
				chart: { series: ['needs'] },
				empty: 'No needs were reviewed in this period.'
			},
			{
				id: 'review-decisions',
				title: 'What reviews decided',
				columns: [
					labelColumn('decision', 'Decision'),
					countColumn('reviews', 'Reviews')
				],
				rows: decisions.length
					? (Object.keys(REVIEW_DECISIONS) as (keyof typeof REVIEW_DECISIONS)[]).map((kind) => ({
							decision: REVIEW_DECISIONS[kind],
							reviews: decisions.find((d) => d.kind === kind)?.reviews ?? 0
						}))
					: [],
				chart: { series: ['reviews'] },
				empty: 'No reviews had an outcome in this period.'
			},
			{
				id: 'time-to-close',
				title: 'Time from a new CAF’s first discussion to closing the case',
				description:
					'Cases closed at a review in the period (needs met, stepped up or stepped down).',
				columns: [
					labelColumn('band', 'Time to close'),
					countColumn('cases', 'Cases')
				],
				rows: closedCases ? bands.map((band, i) => ({ band, cases: closing[i]! })) : [],
				chart: { series: ['cases'] },
				empty: 'No cases were closed in this period.'
			},
			{
				id: 'median-time-to-close',
				title: 'Median time to close',
				columns: [
					countColumn('cases', 'Cases closed'),
					{ key: 'median', label: 'Median time to close (days)', kind: 'days', from: 'cases' }
				],
				rows: closedCases
					? [{ cases: closedCases, median: medianOfCounts(closingDays) }]
					: [],
				empty: 'No cases were closed in this period.'
			},
			{
				id: 'level-movement',
				title: 'Level of need: at the new CAF and at the latest review',
				description:
					'Each case reviewed in the period, by its level of need at the new CAF and the level agreed at its latest review.',
				columns: [
					labelColumn('level', 'Level at the new CAF'),
					countColumn('cases', 'Cases reviewed'),
					countColumn('lower', 'Now lower'),
					countColumn('same', 'The same'),
					countColumn('higher', 'Now higher')
				],
				rows: movementRows,
				chart: { series: ['lower', 'same', 'higher'] },
				empty: 'No review in this period recorded a level of need.'
			}
		]
	};
}
