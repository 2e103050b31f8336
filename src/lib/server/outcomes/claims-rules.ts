import { addMonths, format } from 'date-fns';
import type { EvidenceStatus, IndicatorMeasure } from '../../domain/outcome-plan';

/**
 * When a family's outcomes meet the council's plan (docs/domain.md, "Family outcomes and claims").
 * Pure: the claims report and its tests use the same rules.
 * - An indicator asking for "achieved" is met on the date of the first evidence that it was.
 * - One asking for "achieved and sustained" for N months is met on the date of the first evidence
 *   that it was sustained, dated N months or more after the first evidence that it was achieved.
 * - A headline problem is met when any one of its indicators is, on the earliest such date.
 * - A family meets the plan when every problem that applies to it is met, on the latest of those
 *   dates; it is claimed in the period that date falls in.
 * - A family is close when all but one of its problems are met by the period's end.
 */

export interface IndicatorRule {
	id: number;
	measure: IndicatorMeasure;
	sustainMonths: number | null;
}

export interface EvidenceFact {
	indicatorId: number;
	status: EvidenceStatus;
	/** YYYY-MM-DD */
	date: string;
}

const day = (date: Date) => format(date, 'yyyy-MM-dd');

/** The date an outcome achieved on `achievedOn` has been kept long enough. */
export function sustainedBy(achievedOn: string, months: number): string {
	return day(addMonths(new Date(`${achievedOn}T12:00:00Z`), months));
}

/** The date the indicator was met by `until` (YYYY-MM-DD), or null if it was not. */
export function indicatorMetOn(
	indicator: IndicatorRule,
	evidence: EvidenceFact[],
	until: string
): string | null {
	const mine = evidence
		.filter((e) => e.indicatorId === indicator.id && e.date <= until)
		.sort((a, b) => a.date.localeCompare(b.date));
	const achieved = mine[0];
	if (!achieved) return null;
	if (indicator.measure === 'achieved') return achieved.date;
	const due = sustainedBy(achieved.date, indicator.sustainMonths ?? 0);
	return mine.find((e) => e.status === 'sustained' && e.date >= due)?.date ?? null;
}

/** The date a problem was met (its earliest indicator met), or null. */
export function problemMetOn(
	indicators: IndicatorRule[],
	evidence: EvidenceFact[],
	until: string
): string | null {
	const dates = indicators
		.map((indicator) => indicatorMetOn(indicator, evidence, until))
		.filter((date): date is string => date !== null)
		.sort();
	return dates[0] ?? null;
}

export type ClaimStanding =
	| { kind: 'meets'; metOn: string }
	| { kind: 'met-before'; metOn: string }
	| { kind: 'close'; missingProblemId: number }
	| { kind: 'not-yet' };

/**
 * Where a family stands for a period: meets the plan in it, met it before it (claimed already),
 * close (one problem short), or not yet. A family with no problems recorded is never claimed.
 */
export function claimStanding(
	problems: { id: number; indicators: IndicatorRule[] }[],
	evidence: EvidenceFact[],
	period: { from: string; to: string }
): ClaimStanding {
	if (problems.length === 0) return { kind: 'not-yet' };
	const met = problems.map((p) => ({
		id: p.id,
		on: problemMetOn(p.indicators, evidence, period.to)
	}));
	const unmet = met.filter((m) => m.on === null);
	if (unmet.length === 0) {
		const metOn = met
			.map((m) => m.on!)
			.sort()
			.at(-1)!;
		return metOn < period.from ? { kind: 'met-before', metOn } : { kind: 'meets', metOn };
	}
	const anyEvidence = evidence.some((e) => e.date <= period.to);
	if (unmet.length === 1 && anyEvidence) return { kind: 'close', missingProblemId: unmet[0]!.id };
	return { kind: 'not-yet' };
}
