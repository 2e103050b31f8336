import { error } from '@sveltejs/kit';
import { subMonths, addDays, format } from 'date-fns';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../platform/db';
import { requireAreaInScope, type ReportReader } from '../policy/reports';
import { boxesOf, dateBoxes, optionalDate, type DateBoxes } from '../http/date-boxes';
import type { FieldErrors } from '../http/forms';

/**
 * Where a report looks: one community, one locality, or the whole council. Chairs and coordinators
 * see the communities they chair or coordinate, the localities those are in, and the council-wide
 * view; an early help manager sees every area. Reports hold counts only, never a family.
 */
export type Area =
	| { kind: 'community'; id: number; name: string }
	| { kind: 'locality'; id: number; name: string }
	| { kind: 'council'; name: string };

export const COUNCIL_WIDE: Area = { kind: 'council', name: 'Council-wide' };

export interface AreaChoice {
	value: string;
	label: string;
}

/** The areas this reader may choose, council-wide first, then localities, then communities. */
export async function areaChoices(db: DB, reader: ReportReader): Promise<AreaChoice[]> {
	const communities = await db
		.selectFrom('community')
		.innerJoin('locality', 'locality.id', 'community.locality_id')
		.select([
			'community.id',
			'community.name',
			'locality.id as localityId',
			'locality.name as localityName'
		])
		.$if(!reader.isManager, (q) =>
			q.where('community.locality_id', 'in', [...reader.localityIds, 0])
		)
		.orderBy('locality.name')
		.orderBy('community.name')
		.execute();
	const localities = new Map<number, string>();
	for (const c of communities) localities.set(c.localityId, c.localityName);
	return [
		{ value: 'council', label: COUNCIL_WIDE.name },
		...[...localities].map(([id, name]) => ({ value: `locality-${id}`, label: `${name} locality` })),
		...communities
			.filter((c) => reader.isManager || reader.communityIds.has(c.id))
			.map((c) => ({ value: `community-${c.id}`, label: c.name }))
	];
}

/** The area named by `?area=`, if this reader may see it; council-wide when none is given. */
export async function readArea(db: DB, reader: ReportReader, value: string | null): Promise<Area> {
	if (!value || value === 'council') return COUNCIL_WIDE;
	const match = /^(community|locality)-(\d+)$/.exec(value);
	if (!match) error(404, 'There is no such area');
	const id = Number(match[2]);
	if (match[1] === 'community') {
		const row = await db
			.selectFrom('community')
			.select('name')
			.where('id', '=', id)
			.executeTakeFirst();
		if (!row) error(404, 'There is no such community');
		return requireAreaInScope(reader, { kind: 'community', id, name: row.name });
	}
	const row = await db.selectFrom('locality').select('name').where('id', '=', id).executeTakeFirst();
	if (!row) error(404, 'There is no such locality');
	return requireAreaInScope(reader, { kind: 'locality', id, name: `${row.name} locality` });
}

/** The value `?area=` takes for an area. */
export function areaValue(area: Area): string {
	return area.kind === 'council' ? 'council' : `${area.kind}-${area.id}`;
}

/**
 * The small-number rule: a council-wide view shows counts of 1 to 4 as "fewer than 5", so that
 * nobody can work back from a figure to a family (the usual rule for published statistics).
 */
export function appliesSmallNumberRule(area: Area): boolean {
	return area.kind === 'council';
}

/** Meetings in the area: a condition on the meeting table, aliased `m`. */
export function inArea(area: Area): Expression<SqlBool> {
	if (area.kind === 'community') return sql<SqlBool>`m.community_id = ${area.id}`;
	if (area.kind === 'locality')
		return sql<SqlBool>`m.community_id in (select id from community where locality_id = ${area.id})`;
	return sql<SqlBool>`1 = 1`;
}

export interface Period {
	/** Calendar dates, YYYY-MM-DD, both included. */
	from: string;
	to: string;
}

/** The 12 months up to today: the period a report shows until someone picks another. */
export function defaultPeriod(today: string): Period {
	const end = new Date(`${today}T12:00:00Z`);
	return { from: format(addDays(subMonths(end, 12), 1), 'yyyy-MM-dd'), to: today };
}

/** Reads `from-*` and `to-*` date boxes: the period, or errors to show next to the fields. */
export function readPeriod(
	params: URLSearchParams,
	today: string
): { values: { from: DateBoxes; to: DateBoxes }; period: Period | null; errors: FieldErrors } {
	const fallback = defaultPeriod(today);
	const given = { from: dateBoxes(params, 'from'), to: dateBoxes(params, 'to') };
	const from = optionalDate(given.from, 'The start date');
	const to = optionalDate(given.to, 'The end date');
	const errors: FieldErrors = {};
	if (!from.ok) errors.from = from.message;
	if (!to.ok) errors.to = to.message;
	const period = {
		from: (from.ok && from.date) || fallback.from,
		to: (to.ok && to.date) || fallback.to
	};
	if (from.ok && to.ok && period.to < period.from)
		errors.to = 'The end date must be the same as or after the start date';
	const values = {
		from: from.ok && !from.date ? boxesOf(period.from) : given.from,
		to: to.ok && !to.date ? boxesOf(period.to) : given.to
	};
	return { values, period: Object.keys(errors).length ? null : period, errors };
}
