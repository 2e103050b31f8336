/**
 * The claims report (docs/domain.md, "Family outcomes and claims"): for one area and period, the
 * families whose outcomes meet the council's plan, with the evidence for each problem (indicator,
 * agency, date: never what the evidence says), and the families one problem short. Families are
 * named by case reference and initials only; those who may open the case record see the rest.
 */
import type { DB } from '../platform/db';
import type { Area, Period } from './area';
import { claimStanding, type IndicatorRule } from '../outcomes/claims-rules';
import { readPlan } from '../outcomes/plan';
import { fileSlug } from '../http/csv';
import { EVIDENCE_STATUSES } from '../../domain/outcome-plan';

export interface ClaimEvidence {
	problem: string;
	indicator: string;
	agency: string;
	date: string;
	status: string;
}

export interface ClaimFamily {
	caseId: number;
	reference: string;
	initials: string;
	community: string;
	metOn: string | null;
	/** For a family close to the plan: the problem still to be met. */
	missing: string | null;
	evidence: ClaimEvidence[];
}

function casesInArea(db: DB, area: Area) {
	let query = db
		.selectFrom('family_case')
		.innerJoin('community', 'community.id', 'family_case.community_id')
		.select([
			'family_case.id',
			'family_case.reference',
			'family_case.initials',
			'community.name as community'
		]);
	if (area.kind === 'community') query = query.where('community.id', '=', area.id);
	if (area.kind === 'locality') query = query.where('community.locality_id', '=', area.id);
	return query.orderBy('family_case.reference');
}

export async function claimsReport(db: DB, area: Area, period: Period) {
	const plan = await readPlan(db);
	const rules = new Map<number, IndicatorRule[]>(
		plan.map((p) => [
			p.id,
			p.indicators.map((i) => ({ id: i.id, measure: i.measure, sustainMonths: i.sustainMonths }))
		])
	);
	const cases = await casesInArea(db, area)
		.where('family_case.id', 'in', db.selectFrom('case_problem').select('case_id'))
		.execute();
	const ids = cases.length ? cases.map((c) => c.id) : [-1];
	const problems = await db
		.selectFrom('case_problem')
		.select(['case_id', 'problem_id'])
		.where('case_id', 'in', ids)
		.execute();
	const evidence = await db
		.selectFrom('outcome_evidence as e')
		.innerJoin('outcome_indicator as i', 'i.id', 'e.indicator_id')
		.innerJoin('agency', 'agency.id', 'e.agency_id')
		.select([
			'e.case_id',
			'e.indicator_id as indicatorId',
			'i.problem_id as problemId',
			'i.description as indicator',
			'agency.name as agency',
			'e.evidence_date as date',
			'e.status'
		])
		.where('e.case_id', 'in', ids)
		.where('e.evidence_date', '<=', period.to)
		.orderBy('e.evidence_date')
		.execute();
	const problemName = new Map(plan.map((p) => [p.id, p.name]));
	const meets: ClaimFamily[] = [];
	const close: ClaimFamily[] = [];
	for (const familyCase of cases) {
		const own = problems.filter((p) => p.case_id === familyCase.id).map((p) => p.problem_id);
		const facts = evidence.filter((e) => e.case_id === familyCase.id);
		const standing = claimStanding(
			own.map((id) => ({ id, indicators: rules.get(id) ?? [] })),
			facts,
			period
		);
		if (standing.kind !== 'meets' && standing.kind !== 'close') continue;
		// The evidence for the family's problems up to the period's end.
		const counted = facts.filter((e) => own.includes(e.problemId));
		const family: ClaimFamily = {
			caseId: familyCase.id,
			reference: familyCase.reference,
			initials: familyCase.initials,
			community: familyCase.community,
			metOn: standing.kind === 'meets' ? standing.metOn : null,
			missing: standing.kind === 'close' ? (problemName.get(standing.missingProblemId) ?? '') : null,
			evidence: counted.map((e) => ({
				problem: problemName.get(e.problemId) ?? '',
				indicator: e.indicator,
				agency: e.agency,
				date: e.date,
				status: EVIDENCE_STATUSES[e.status]
			}))
		};
		(standing.kind === 'meets' ? meets : close).push(family);
	}
	return { meets, close };
}

/** The report as a CSV file's rows: one row per piece of evidence, under each family. */
export function claimsCsvRows(
	report: Awaited<ReturnType<typeof claimsReport>>,
	heading: { areaName: string; period: Period; today: string }
): string[][] {
	const rows: string[][] = [
		['Claims: families whose outcomes meet the plan'],
		['Area', heading.areaName],
		['From', heading.period.from],
		['To', heading.period.to],
		['Made on', heading.today],
		[],
		['Standing', 'Case', 'Initials', 'Community', 'Met the plan on', 'Still to meet', 'Problem', 'Indicator', 'Evidence from', 'Evidence date', 'Shows']
	];
	for (const [standing, families] of [
		['Meets the plan', report.meets],
		['Close', report.close]
	] as const)
		for (const f of families) {
			const first = [standing, f.reference, f.initials, f.community, f.metOn ?? '', f.missing ?? ''];
			if (f.evidence.length === 0) rows.push([...first, '', '', '', '', '']);
			for (const e of f.evidence) rows.push([...first, e.problem, e.indicator, e.agency, e.date, e.status]);
		}
	return rows;
}

export const claimsFileName = (areaName: string, period: Period) =>
	`${fileSlug(`claims ${areaName} ${period.from} to ${period.to}`)}.csv`;
