import type { Area, Period } from './area';

/**
 * A report is a few tables of figures, each perhaps drawn as a chart. The figures come from SQL
 * aggregates; `present` turns them into the words shown on the page and in the CSV, applying the
 * small-number rule once, in one place, for both.
 */
export type ColumnKind = 'label' | 'count' | 'percent' | 'days' | 'minutes' | 'average';

export interface Column {
	key: string;
	label: string;
	kind: ColumnKind;
	/**
	 * For a percentage, median or average: the count column it is worked out from. When that count
	 * is hidden by the small-number rule, so is this figure.
	 */
	from?: string;
}

/** The column naming each row (a month, an agency, a reason…). */
export const labelColumn = (key: string, label: string): Column => ({ key, label, kind: 'label' });

/** A column of counts: the small-number rule hides those from 1 to 4. */
export const countColumn = (key: string, label: string): Column => ({ key, label, kind: 'count' });

export type Row = Record<string, string | number | null>;

export interface Chart {
	/** Count columns drawn as bars, stacked when there are several. */
	series: string[];
	/** A line across the bars, e.g. the ~15 family items a meeting can take. */
	reference?: { value: number; label: string };
}

export interface ReportTable {
	id: string;
	title: string;
	/** A sentence under the title: what is counted, and how. */
	description?: string;
	columns: Column[];
	rows: Row[];
	chart?: Chart;
	/** Shown when there are no rows. */
	empty: string;
}

export interface Report {
	slug: string;
	title: string;
	tables: ReportTable[];
}

export interface ReportFilter {
	area: Area;
	period: Period;
	/** Today in England, YYYY-MM-DD: what is overdue, which meetings are still to come. */
	today: string;
}

export const FEWER_THAN_5 = 'fewer than 5';
export const TOO_FEW = 'too few to show';

/** A table cell as shown: the words, and for a chart the number (null when hidden or empty). */
export interface Cell {
	text: string;
	/** For a CSV file: the plain number (no thousands commas, no unit), or the words when hidden. */
	csv: string;
	value: number | null;
	hidden: boolean;
}

export interface PresentedTable extends Omit<ReportTable, 'rows'> {
	rows: Cell[][];
}

export interface PresentedReport extends Omit<Report, 'tables'> {
	tables: PresentedTable[];
	smallNumberRule: boolean;
	/** When the figures were worked out (council-wide figures are kept for a while: cache.ts). */
	madeAt: string;
}

const hiddenCount = (value: unknown) => typeof value === 'number' && value > 0 && value < 5;

function cellOf(row: Row, column: Column, smallNumbers: boolean): Cell {
	const value = row[column.key];
	if (column.kind === 'label') {
		const text = String(value ?? '');
		return { text, csv: text, value: null, hidden: false };
	}
	if (typeof value !== 'number') return { text: '–', csv: '', value: null, hidden: false };
	if (smallNumbers) {
		if (column.kind === 'count' && hiddenCount(value))
			return { text: FEWER_THAN_5, csv: FEWER_THAN_5, value: null, hidden: true };
		if (column.from && hiddenCount(row[column.from]))
			return { text: TOO_FEW, csv: TOO_FEW, value: null, hidden: true };
	}
	const text =
		column.kind === 'percent'
			? `${Math.round(value)}%`
			: column.kind === 'days'
				? `${Math.round(value)} ${Math.round(value) === 1 ? 'day' : 'days'}`
				: column.kind === 'minutes'
					? `${Math.round(value)} min`
					: column.kind === 'average'
						? value.toFixed(1)
						: value.toLocaleString('en-GB');
	return { text, csv: String(Math.round(value * 10) / 10), value, hidden: false };
}

/** The report as people see it: every figure in words, small numbers hidden where the rule applies. */
export function present(
	report: Report,
	smallNumberRule: boolean,
	madeAt = new Date()
): PresentedReport {
	return {
		...report,
		smallNumberRule,
		madeAt: madeAt.toISOString(),
		tables: report.tables.map((table) => ({
			...table,
			rows: table.rows.map((row) => table.columns.map((c) => cellOf(row, c, smallNumberRule)))
		}))
	};
}

/** The same figures as rows for a CSV file: a heading block, then each table under its title. */
export function reportCsvRows(
	report: PresentedReport,
	filter: { areaName: string; period: Period; today: string }
): string[][] {
	const rows: string[][] = [
		[report.title],
		['Area', filter.areaName],
		['From', filter.period.from],
		['To', filter.period.to],
		['Made on', filter.today]
	];
	if (report.smallNumberRule)
		rows.push(['Small numbers', `Counts from 1 to 4 are shown as "${FEWER_THAN_5}"`]);
	for (const table of report.tables) {
		rows.push([], [table.title], table.columns.map((c) => c.label));
		for (const row of table.rows) rows.push(row.map((cell) => cell.csv));
		if (table.rows.length === 0) rows.push([table.empty]);
	}
	return rows;
}
