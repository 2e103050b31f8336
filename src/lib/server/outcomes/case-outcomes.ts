/**
 * A case's part of the outcome plan: the headline problems that apply to it and the evidence that
 * its outcomes were achieved or sustained. Reads are for those who see the case in full (the
 * evidence says things about the family, so each read is audited); each save is one transaction
 * with its audit entry.
 */
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import type { EvidenceStatus } from '../../domain/outcome-plan';

export interface EvidenceInput {
	indicatorId: number;
	what: string;
	agencyId: number;
	evidenceDate: string;
	status: EvidenceStatus;
	/** The review it is recorded at, if any. */
	submissionId: number | null;
}

export async function problemsOfCase(db: DB, caseId: number) {
	return db
		.selectFrom('case_problem')
		.innerJoin('outcome_problem', 'outcome_problem.id', 'case_problem.problem_id')
		.select([
			'outcome_problem.id',
			'outcome_problem.name',
			'case_problem.recorded_at as recordedAt'
		])
		.where('case_problem.case_id', '=', caseId)
		.orderBy('outcome_problem.id')
		.execute();
}

export async function evidenceOfCase(db: DB, caseId: number) {
	return db
		.selectFrom('outcome_evidence as e')
		.innerJoin('outcome_indicator as i', 'i.id', 'e.indicator_id')
		.innerJoin('outcome_problem as p', 'p.id', 'i.problem_id')
		.innerJoin('agency', 'agency.id', 'e.agency_id')
		.innerJoin('user', 'user.id', 'e.recorded_by')
		.select([
			'e.id',
			'p.name as problem',
			'i.description as indicator',
			'e.what',
			'agency.name as agency',
			'e.evidence_date as evidenceDate',
			'e.status',
			'user.name as recordedBy',
			'e.recorded_at as recordedAt'
		])
		.where('e.case_id', '=', caseId)
		.orderBy('e.evidence_date')
		.orderBy('e.id')
		.execute();
}

/** The case's problems and evidence, audited as a read of the family's details. */
export async function readCaseOutcomes(
	db: DB,
	familyCase: { id: number; reference: string },
	reader: Actor
) {
	const problems = await problemsOfCase(db, familyCase.id);
	const evidence = await evidenceOfCase(db, familyCase.id);
	if (evidence.length > 0)
		await recordAudit(db, {
			actorId: reader.id,
			action: 'family.viewed',
			recordType: 'family_case',
			recordId: familyCase.reference,
			ip: reader.ip,
			detail: { why: 'outcome evidence', caseId: familyCase.id }
		});
	return { problems, evidence };
}

/** What the forms offer: problems still in the plan, and the indicators of the case's problems. */
export async function outcomeChoices(db: DB, caseId: number) {
	const problems = await db
		.selectFrom('outcome_problem')
		.select(['id', 'name'])
		.where('retired_at', 'is', null)
		.orderBy('id')
		.execute();
	const indicators = await db
		.selectFrom('outcome_indicator as i')
		.innerJoin('outcome_problem as p', 'p.id', 'i.problem_id')
		.innerJoin('case_problem as cp', 'cp.problem_id', 'p.id')
		.select(['i.id', 'i.description', 'p.name as problem', 'i.measure', 'i.sustain_months'])
		.where('cp.case_id', '=', caseId)
		.where('i.retired_at', 'is', null)
		.orderBy('p.id')
		.orderBy('i.id')
		.execute();
	const agencies = await db
		.selectFrom('agency')
		.select(['id', 'name'])
		.where('retired_at', 'is', null)
		.orderBy('name')
		.execute();
	return { problems, indicators, agencies };
}

/** The problems that apply, replacing those recorded before; the audit entry lists the change. */
export async function setCaseProblems(
	db: DB,
	familyCase: { id: number; reference: string },
	problemIds: number[],
	actor: Actor,
	now = new Date()
) {
	return db.transaction().execute(async (trx) => {
		const before = (
			await trx
				.selectFrom('case_problem')
				.select('problem_id')
				.where('case_id', '=', familyCase.id)
				.execute()
		).map((row) => row.problem_id);
		const added = problemIds.filter((id) => !before.includes(id));
		const removed = before.filter((id) => !problemIds.includes(id));
		if (added.length === 0 && removed.length === 0) return;
		if (removed.length > 0)
			await trx
				.deleteFrom('case_problem')
				.where('case_id', '=', familyCase.id)
				.where('problem_id', 'in', removed)
				.execute();
		for (const problemId of added)
			await trx
				.insertInto('case_problem')
				.values({
					case_id: familyCase.id,
					problem_id: problemId,
					recorded_by: actor.id,
					recorded_at: now.toISOString()
				})
				.execute();
		await recordAudit(trx, {
			actorId: actor.id,
			action: 'case.problems-set',
			recordType: 'family_case',
			recordId: familyCase.reference,
			ip: actor.ip,
			detail: { caseId: familyCase.id, added, removed }
		});
	});
}

export async function recordEvidence(
	db: DB,
	familyCase: { id: number; reference: string },
	input: EvidenceInput,
	actor: Actor,
	now = new Date()
) {
	return db.transaction().execute(async (trx) => {
		const { id } = await trx
			.insertInto('outcome_evidence')
			.values({
				case_id: familyCase.id,
				indicator_id: input.indicatorId,
				what: input.what,
				agency_id: input.agencyId,
				evidence_date: input.evidenceDate,
				status: input.status,
				submission_id: input.submissionId,
				recorded_by: actor.id,
				recorded_at: now.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			actorId: actor.id,
			action: 'case.outcome-evidence-recorded',
			recordType: 'family_case',
			recordId: familyCase.reference,
			ip: actor.ip,
			detail: {
				caseId: familyCase.id,
				evidenceId: id,
				indicatorId: input.indicatorId,
				agencyId: input.agencyId,
				evidenceDate: input.evidenceDate,
				status: input.status
			}
		});
		return id;
	});
}
