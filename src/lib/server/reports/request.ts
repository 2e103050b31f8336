import { error } from '@sveltejs/kit';
import type { DB } from '../platform/db';
import { todayInEngland } from '../../dates';
import {
	appliesSmallNumberRule,
	areaChoices,
	areaValue,
	readArea,
	readPeriod
} from './area';
import { requireReportReader } from '../policy/reports';
import { REPORTS } from './index';
import { present, type ReportFilter } from './report';
import { keptReport } from './cache';

/**
 * What every report page and download reads from its address: who is asking (checked here, on
 * the server, for each request), which area, which period. Bad dates come back as errors for the
 * form, and no report is made.
 */
export async function readReportRequest(db: DB, locals: App.Locals, url: URL) {
	const reader = await requireReportReader(db, locals);
	const area = await readArea(db, reader, url.searchParams.get('area'));
	const today = todayInEngland();
	const { values, period, errors } = readPeriod(url.searchParams, today);
	const query = new URLSearchParams({ area: areaValue(area) });
	for (const [name, boxes] of Object.entries(values))
		for (const [part, value] of Object.entries(boxes)) query.set(`${name}-${part}`, value);
	return {
		area,
		choices: await areaChoices(db, reader),
		values: { area: areaValue(area), ...values },
		errors: Object.keys(errors).length ? errors : undefined,
		filter: period ? ({ area, period, today } satisfies ReportFilter) : null,
		query: query.toString()
	};
}

/** The report named in the address, made and put into words; 404 for an unknown name. */
export async function makeReport(db: DB, slug: string, filter: ReportFilter) {
	const report = REPORTS[slug];
	if (!report) error(404, 'There is no such report');
	const make = async () =>
		present(await report.build(db, filter), appliesSmallNumberRule(filter.area), new Date());
	if (filter.area.kind !== 'council') return make();
	const { from, to } = filter.period;
	return keptReport(`${slug}|${from}|${to}|${filter.today}`, make);
}
