import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { format } from 'date-fns';
import { inArea } from './area';
import type { ReportFilter } from './report';

/** Meetings held (concluded) in the area during the period, as a condition on the alias `m`. */
export function held(filter: ReportFilter): RawBuilder<SqlBool> {
	return sql<SqlBool>`m.status = 'concluded' and m.date between ${filter.period.from} and ${filter.period.to} and ${inArea(filter.area)}`;
}

/** "March 2027" for "2027-03". */
export function monthName(month: string): string {
	return format(new Date(`${month}-15T12:00:00Z`), 'MMMM yyyy');
}

/**
 * The median from a histogram the database made (`group by` a whole number of days): the value
 * in the middle of all the rows counted, or the mean of the middle two. Null with no rows.
 */
export function medianOfCounts(histogram: { n: number; count: number }[]): number | null {
	const sorted = [...histogram].sort((a, b) => a.n - b.n);
	const total = sorted.reduce((sum, row) => sum + row.count, 0);
	if (total === 0) return null;
	const at = (position: number) => {
		let seen = 0;
		for (const row of sorted) {
			seen += row.count;
			if (seen >= position) return row.n;
		}
		return sorted.at(-1)!.n;
	};
	return (at(Math.floor((total + 1) / 2)) + at(Math.floor((total + 2) / 2))) / 2;
}

/** A whole percentage, or null with nothing to divide by. */
export function percent(part: number, whole: number): number | null {
	return whole === 0 ? null : (100 * part) / whole;
}
