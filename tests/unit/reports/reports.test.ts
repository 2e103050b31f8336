import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { REPORTS } from '$lib/server/reports';
import { COUNCIL_WIDE, type Area } from '$lib/server/reports/area';
import {
	FEWER_THAN_5,
	present,
	reportCsvRows,
	TOO_FEW,
	type PresentedReport
} from '$lib/server/reports/report';
import { readReportRequest } from '$lib/server/reports/request';
import { toCsv } from '$lib/server/http/csv';
import { freshDatabase } from '../helpers';
import { buildReportFixture, TODAY, type ReportFixture } from './report-fixture';

let database: OpenDatabase;
let fixture: ReportFixture;
beforeAll(async () => {
	database = await freshDatabase();
	fixture = buildReportFixture(database);
});
afterAll(async () => {
	await database.close();
});

const PERIOD = { from: '2026-03-02', to: TODAY };
const ashby = (): Area => ({ kind: 'community', id: fixture.ashby, name: 'Ashby' });

/** A report's tables as plain text, table id → rows of cell text (the words people see). */
async function figures(slug: string, area: Area, smallNumbers = area.kind === 'council') {
	const report = await REPORTS[slug]!.build(database.db, { area, period: PERIOD, today: TODAY });
	return words(present(report, smallNumbers));
}
function words(report: PresentedReport): Record<string, string[][]> {
	return Object.fromEntries(
		report.tables.map((table) => [table.id, table.rows.map((row) => row.map((cell) => cell.text))])
	);
}

describe('activity, matching hand counts', () => {
	it('counts items by part per month and per meeting in one community, leaving out declined items and meetings before the period', async () => {
		const activity = await figures('activity', ashby());
		// Month, meetings, advice, new CAFs, reviews, community issues.
		expect(activity['per-month']).toEqual([
			['June 2026', '1', '2', '3', '1', '1'],
			['July 2026', '1', '1', '1', '2', '0']
		]);
		// Meeting, advice, new CAFs, reviews, issues, minutes over (A2 finished early: 0).
		expect(activity['per-meeting']).toEqual([
			['2 June 2026', '2', '3', '1', '1', '15 min'],
			['14 July 2026', '1', '1', '2', '0', '0 min']
		]);
		expect(activity['deferred']).toEqual([['No room on the agenda', '1']]);
		// Held, overran, share of those timed, average overrun.
		expect(activity['overruns']).toEqual([['2', '1', '50%', '15 min']]);
	});

	it('breaks a locality down by community', async () => {
		const activity = await figures('activity', {
			kind: 'locality',
			id: fixture.north,
			name: 'North'
		});
		expect(activity['per-community']).toEqual([
			['Ashby', '2', '3', '4', '3', '1', '5.5'],
			['Barton', '1', '0', '1', '0', '0', '1.0']
		]);
	});
});

describe('capacity, matching hand counts', () => {
	it('compares family items at each meeting with 15, and forecasts the meeting to come from reviews due and new CAFs submitted', async () => {
		const capacity = await figures('capacity', ashby());
		expect(capacity['family-items']).toEqual([
			['2 June 2026', '4'],
			['14 July 2026', '3']
		]);
		// Reviews due, new CAFs submitted, early reviews, total.
		expect(capacity['forecast']).toEqual([['13 April 2027', '2', '1', '0', '3']]);
	});

	it('bands meetings by family items taken across a locality', async () => {
		const capacity = await figures('capacity', {
			kind: 'locality',
			id: fixture.north,
			name: 'North'
		});
		expect(capacity['family-items']).toEqual([
			['Up to 10', '3'],
			['11 to 15', '0'],
			['16 to 20', '0'],
			['More than 20', '0']
		]);
	});
});

describe('outcomes, matching hand counts', () => {
	it('counts needs at review, review decisions, time to close and level of need movement', async () => {
		const outcomes = await figures('outcomes', ashby());
		expect(outcomes['needs-at-review']).toEqual([
			['Met', '3'],
			['Partly met', '1'],
			['Not met', '1']
		]);
		expect(outcomes['review-decisions']).toEqual([
			['Continue', '1'],
			['Close: needs met', '1'],
			['Step up to children’s social care', '1'],
			['Step down to universal services', '0']
		]);
		// K0: 10 January to 2 June (143 days); K2: 2 June to 14 July (42 days). Median 92.5.
		expect(outcomes['time-to-close']).toEqual([
			['Under 3 months', '1'],
			['3 to 6 months', '1'],
			['6 to 12 months', '0'],
			['A year or more', '0']
		]);
		expect(outcomes['median-time-to-close']).toEqual([['2', '93 days']]);
		// Level, reviewed, lower, same, higher: K1 2→2; K0 3a→2; K2 3a→4.
		expect(outcomes['level-movement']).toEqual([
			['Level 2', '1', '0', '1', '0'],
			['Level 3a', '2', '1', '0', '1']
		]);
	});
});

describe('actions, matching hand counts', () => {
	it('gives completion, median days to complete, status by agency and why actions could not be done', async () => {
		const actions = await figures('actions', ashby());
		// Agreed, done, open, overdue, could not be done, closed, completion rate, median days.
		expect(actions['actions-summary']).toEqual([['7', '3', '1', '1', '1', '1', '50%', '20 days']]);
		expect(actions['actions-by-agency']).toEqual([
			['Police', '4', '2', '1', '0', '1', '50%'],
			['School', '3', '1', '0', '1', '0', '50%']
		]);
		expect(actions['could-not-be-done']).toEqual([['The agency could not act', '1']]);
	});
});

describe('agency engagement, matching hand counts', () => {
	it('counts attendance by agency (a substitute counts as present, guests not at all) and actions delivered', async () => {
		const engagement = await figures('engagement', ashby());
		expect(engagement['attendance-by-agency']).toEqual([
			['Health', '0', '0', '2', '0%'],
			['Police', '2', '0', '0', '100%'],
			['School', '1', '1', '0', '50%']
		]);
		expect(engagement['delivery-by-agency']).toEqual([
			['Police', '4', '2', '2', '50%'],
			['School', '3', '1', '2', '33%']
		]);
	});
});

describe('ways in, matching hand counts', () => {
	it('counts new cases by way in and per month', async () => {
		const waysIn = await figures('ways-in', ashby());
		expect(waysIn['ways-in']).toEqual([
			['New CAF', '2'],
			['Step down from child in need', '1'],
			['Step down from child protection', '0'],
			['Below threshold after assessment', '0'],
			['From the front door', '1'],
			['Stuck early help case', '0'],
			['Identified through family data', '0']
		]);
		expect(waysIn['new-cases-per-month']).toEqual([
			['June 2026', '3'],
			['July 2026', '1']
		]);
	});

	it('leaves out meetings outside a chosen period', async () => {
		const report = await REPORTS['ways-in']!.build(database.db, {
			area: ashby(),
			period: { from: '2026-07-01', to: '2026-07-31' },
			today: TODAY
		});
		expect(words(present(report, false))['new-cases-per-month']).toEqual([['July 2026', '1']]);
	});
});

describe('the small-number rule', () => {
	it('council-wide, shows counts from 1 to 4 as "fewer than 5", keeps 0 and 5 or more, and hides rates worked out from a hidden count', async () => {
		const activity = await figures('activity', COUNCIL_WIDE);
		expect(activity['per-locality']).toEqual([
			// North: 3 meetings, 3 advice, 5 new CAFs, 3 reviews, 1 issue; 12 items ÷ 3 meetings.
			['North', FEWER_THAN_5, FEWER_THAN_5, '5', FEWER_THAN_5, FEWER_THAN_5, TOO_FEW],
			['South', FEWER_THAN_5, FEWER_THAN_5, '0', '0', '0', TOO_FEW]
		]);
		const actions = await figures('actions', COUNCIL_WIDE);
		expect(actions['actions-summary']).toEqual([
			['7', FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5, TOO_FEW, TOO_FEW]
		]);
	});

	it('does not apply in a community or locality view', async () => {
		const activity = await figures('activity', ashby());
		expect(JSON.stringify(activity)).not.toContain(FEWER_THAN_5);
	});

	it('applies to the CSV download as to the page, and draws no bar for a hidden figure', async () => {
		const report = present(
			await REPORTS.actions!.build(database.db, {
				area: COUNCIL_WIDE,
				period: PERIOD,
				today: TODAY
			}),
			true
		);
		const csv = toCsv(
			reportCsvRows(report, { areaName: 'Council-wide', period: PERIOD, today: TODAY })
		);
		expect(csv).toContain('Small numbers');
		expect(csv).toContain(`Police,${FEWER_THAN_5},${FEWER_THAN_5},${FEWER_THAN_5},0,`);
		expect(csv).not.toMatch(/^Police,4,/m);
		const police = report.tables.find((t) => t.id === 'actions-by-agency')!.rows[0]!;
		expect(police.filter((cell) => cell.hidden).every((cell) => cell.value === null)).toBe(true);
	});
});

describe('who may see which reports', () => {
	const locals = (userId: number, roles: string[] = [], flags: Record<string, boolean> = {}) =>
		({
			user: {
				id: userId,
				name: 'Someone',
				email: 'someone@fixture.example',
				agencyName: null,
				isAdministrator: false,
				isDataProtectionOfficer: false,
				isManager: false,
				isFrontDoor: false,
				hasTwoFactor: true,
				communityRoles: roles,
				...flags
			},
			session: { id: 's', twoFactorVerified: true, createdAt: '', expiresAt: '' }
		}) as unknown as App.Locals;
	const url = (area?: string) =>
		new URL(`http://localhost/reports/activity${area ? `?area=${area}` : ''}`);
	const status = async (run: () => Promise<unknown>) => {
		try {
			await run();
			return 200;
		} catch (thrown) {
			return (thrown as { status?: number }).status ?? 500;
		}
	};

	it.each<[string, () => number, string[], Record<string, boolean>, () => string, number]>([
		[
			'the North chair, their community',
			() => fixture.chair,
			['chair'],
			{},
			() => `community-${fixture.ashby}`,
			200
		],
		[
			'the North chair, their locality',
			() => fixture.chair,
			['chair'],
			{},
			() => `locality-${fixture.north}`,
			200
		],
		['the North chair, council-wide', () => fixture.chair, ['chair'], {}, () => 'council', 200],
		[
			'the North chair, a South community',
			() => fixture.chair,
			['chair'],
			{},
			() => `community-${fixture.colwall}`,
			403
		],
		[
			'the North chair, the South locality',
			() => fixture.chair,
			['chair'],
			{},
			() => `locality-${fixture.south}`,
			403
		],
		[
			'a manager, any community',
			() => fixture.manager,
			[],
			{ isManager: true },
			() => `community-${fixture.colwall}`,
			200
		],
		[
			'a manager, any locality',
			() => fixture.manager,
			[],
			{ isManager: true },
			() => `locality-${fixture.south}`,
			200
		],
		['a practitioner', () => fixture.practitioner, ['member'], {}, () => 'council', 403],
		[
			'an administrator',
			() => fixture.administrator,
			[],
			{ isAdministrator: true },
			() => 'council',
			403
		],
		[
			'the North chair, no such area',
			() => fixture.chair,
			['chair'],
			{},
			() => 'community-9999',
			404
		]
	])('%s', async (_, who, roles, flags, area, expected) => {
		expect(
			await status(() => readReportRequest(database.db, locals(who(), roles, flags), url(area())))
		).toBe(expected);
	});

	it('offers a chair council-wide, their localities and their communities, and a manager every area', async () => {
		const chair = await readReportRequest(database.db, locals(fixture.chair, ['chair']), url());
		expect(chair.choices.map((c) => c.label)).toEqual([
			'Council-wide',
			'North locality',
			'Ashby',
			'Barton'
		]);
		const manager = await readReportRequest(
			database.db,
			locals(fixture.manager, [], { isManager: true }),
			url()
		);
		expect(manager.choices.map((c) => c.label)).toEqual([
			'Council-wide',
			'North locality',
			'South locality',
			'Ashby',
			'Barton',
			'Colwall'
		]);
	});

	it('refuses a period that ends before it starts, with a message for the field, and makes no report', async () => {
		const request = await readReportRequest(
			database.db,
			locals(fixture.chair, ['chair']),
			new URL(
				'http://localhost/reports/activity?from-day=1&from-month=6&from-year=2026&to-day=1&to-month=5&to-year=2026'
			)
		);
		expect(request.filter).toBeNull();
		expect(request.errors).toEqual({
			to: 'The end date must be the same as or after the start date'
		});
		expect(request.values.from).toEqual({ day: '1', month: '6', year: '2026' });
	});
});

describe('council-wide figures kept for a while', () => {
	it('serves the same figures for 15 minutes, then works them out again', async () => {
		const { keptReport, forgetKeptReports } = await import('$lib/server/reports/cache');
		forgetKeptReports();
		let made = 0;
		const make = async () => {
			made += 1;
			return present(
				await REPORTS['ways-in']!.build(database.db, {
					area: COUNCIL_WIDE,
					period: PERIOD,
					today: TODAY
				}),
				true
			);
		};
		const start = Date.parse('2027-03-01T10:00:00Z');
		const first = await keptReport('ways-in|a', make, start);
		expect(await keptReport('ways-in|a', make, start + 14 * 60_000)).toBe(first);
		expect(made).toBe(1);
		await keptReport('ways-in|b', make, start + 60_000);
		expect(made).toBe(2);
		expect(await keptReport('ways-in|a', make, start + 15 * 60_000)).not.toBe(first);
		expect(made).toBe(3);
	});
});
