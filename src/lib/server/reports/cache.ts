import type { PresentedReport } from './report';

/**
 * Council-wide reports, kept for a while. A council-wide view counts every meeting the council
 * held in the period: at national scale (1,200 communities) that is hundreds of thousands of rows
 * and takes a second or two, where one community or locality takes a few milliseconds. Board
 * figures do not need to be up to the minute, so each council-wide report is worked out once
 * and then served for up to 15 minutes; the page says when its figures were worked out.
 */
export const KEEP_MINUTES = 15;
const MAX_KEPT = 60;

const kept = new Map<string, { madeAt: number; report: Promise<PresentedReport> }>();

export function keptReport(
	key: string,
	make: () => Promise<PresentedReport>,
	now = Date.now()
): Promise<PresentedReport> {
	const entry = kept.get(key);
	if (entry && now - entry.madeAt < KEEP_MINUTES * 60_000) return entry.report;
	const report = make();
	kept.delete(key);
	kept.set(key, { madeAt: now, report });
	// A failure is not kept: the next request tries again.
	report.catch(() => kept.delete(key));
	// The oldest go first once there are too many (a Map iterates in the order entries were set).
	while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
	return report;
}

/** For tests: forget everything kept. */
export function forgetKeptReports() {
	kept.clear();
}
