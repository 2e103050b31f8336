import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { format } from 'date-fns';
import { inArea } from './area';
import type { ReportFilter } from './report';

/** Meetings held (concluded) in the area during the period, as a condition on the alias `m`. */
export function held(filter: ReportFilter): RawBuilder<SqlBool> {
	return sql<SqlBool>`m.status = 'concluded' and m.date between ${filter.period.from} and ${filter.period.to} and ${inArea(filter.area, 'm')}`;
}

/** "March 2027" for "2027-03". */
export function monthName(month: string): string {
	return format(new Date(`${month}-15T12:00:00Z`), 'MMMM yyyy');
}

/**
 * The median of a numeric expression over some rows, worked out by the database: the rows in
 * order, then the middle one (or the mean of the middle two). `rows` selects one column, `n`.
 */
export function medianOf(rows: RawBuilder<unknown>): RawBuilder<number | null> {
	return sql<number | null>`(select avg(n) from (
		select n, row_number() over (order by n) as position, count(*) over () as total
		from (${rows})) where position in ((total + 1) / 2, (total + 2) / 2))`;
}

/** A whole percentage, or null with nothing to divide by. */
export function percent(part: number, whole: number): number | null {
	return whole === 0 ? null : (100 * part) / whole;
}
