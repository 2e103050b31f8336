/**
 * The council's outcome plan, kept by its administrators: headline problems, each with the
 * indicators and evidence the council accepts. Nothing with history is deleted: an indicator is
 * retired (no longer offered) and the evidence recorded against it stays. Each change is one
 * transaction with its audit entry.
 */
import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { NATIONAL_FRAMEWORK, type StartingIndicator } from '../../domain/outcome-plan';

export interface PlanIndicator {
	id: number;
	problemId: number;
	description: string;
	evidenceAccepted: string;
	measure: 'achieved' | 'sustained';
	sustainMonths: number | null;
	retired: boolean;
}

export interface PlanProblem {
	id: number;
	name: string;
	retired: boolean;
	indicators: PlanIndicator[];
}

/** The plan as it stands: every problem with its indicators, in the order they were added. */
export async function readPlan(db: DB): Promise<PlanProblem[]> {
	const problems = await db
		.selectFrom('outcome_problem')
		.select(['id', 'name', 'retired_at'])
		.orderBy('id')
		.execute();
	const indicators = await db
		.selectFrom('outcome_indicator')
		.select([
			'id',
			'problem_id as problemId',
			'description',
			'evidence_accepted as evidenceAccepted',
			'measure',
			'sustain_months as sustainMonths',
			'retired_at'
		])
		.orderBy('id')
		.execute();
	return problems.map((p) => ({
		id: p.id,
		name: p.name,
		retired: p.retired_at !== null,
		indicators: indicators
			.filter((i) => i.problemId === p.id)
			.map(({ retired_at, ...i }) => ({ ...i, retired: retired_at !== null }))
	}));
}

async function insertProblem(db: DB, name: string, now: string) {
	const taken = await db
		.selectFrom('outcome_problem')
		.select('id')
		.where(sql<string>`lower(name)`, '=', name.toLowerCase())
		.executeTakeFirst();
	if (taken) return null;
	const { id } = await db
		.insertInto('outcome_problem')
		.values({ name, created_at: now, retired_at: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

async function insertIndicator(db: DB, problemId: number, input: StartingIndicator, now: string) {
	const { id } = await db
		.insertInto('outcome_indicator')
		.values({
			problem_id: problemId,
			description: input.description,
			evidence_accepted: input.evidenceAccepted,
			measure: input.measure,
			sustain_months: input.measure === 'sustained' ? input.sustainMonths : null,
			created_at: now,
			retired_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/**
 * The national framework's ten headline problems, each with a starting indicator; a problem
 * already in the plan (by name) is left as it is. Returns how many were added.
 */
export async function loadNationalFramework(db: DB, actor: Actor, now = new Date()) {
	return db.transaction().execute(async (trx) => {
		const added: string[] = [];
		for (const problem of NATIONAL_FRAMEWORK) {
			const id = await insertProblem(trx, problem.name, now.toISOString());
			if (id === null) continue;
			await insertIndicator(trx, id, problem.indicator, now.toISOString());
			added.push(problem.name);
		}
		if (added.length > 0)
			await recordAudit(trx, {
				actorId: actor.id,
				action: 'outcome-plan.framework-loaded',
				recordType: 'outcome_problem',
				ip: actor.ip,
				detail: { added }
			});
		return added.length;
	});
}

export async function addProblem(db: DB, name: string, actor: Actor, now = new Date()) {
	return db.transaction().execute(async (trx) => {
		const id = await insertProblem(trx, name, now.toISOString());
		if (id === null)
			return {
				ok: false as const,
				errors: { name: `The plan already has a problem called ${name}` }
			};
		await recordAudit(trx, {
			actorId: actor.id,
			action: 'outcome-plan.problem-added',
			recordType: 'outcome_problem',
			recordId: id,
			ip: actor.ip,
			detail: { name }
		});
		return { ok: true as const, id };
	});
}

export async function addIndicator(
	db: DB,
	problemId: number,
	input: StartingIndicator,
	actor: Actor,
	now = new Date()
): Promise<number | null> {
	return db.transaction().execute(async (trx) => {
		const problem = await trx
			.selectFrom('outcome_problem')
			.select('id')
			.where('id', '=', problemId)
			.executeTakeFirst();
		if (!problem) return null;
		const id = await insertIndicator(trx, problemId, input, now.toISOString());
		await recordAudit(trx, {
			actorId: actor.id,
			action: 'outcome-plan.indicator-added',
			recordType: 'outcome_indicator',
			recordId: id,
			ip: actor.ip,
			detail: { problemId, ...input }
		});
		return id;
	});
}

/** No longer offered for new evidence; what was recorded against it still counts. */
export async function retireIndicator(db: DB, id: number, actor: Actor, now = new Date()) {
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('outcome_indicator')
			.set({ retired_at: now.toISOString() })
			.where('id', '=', id)
			.where('retired_at', 'is', null)
			.executeTakeFirst();
		if (result.numUpdatedRows === 0n) return false;
		await recordAudit(trx, {
			actorId: actor.id,
			action: 'outcome-plan.indicator-retired',
			recordType: 'outcome_indicator',
			recordId: id,
			ip: actor.ip,
			detail: {}
		});
		return true;
	});
}
