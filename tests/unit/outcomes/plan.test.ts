import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '$lib/server/platform/db';
import {
	addIndicator,
	addProblem,
	loadNationalFramework,
	readPlan,
	retireIndicator
} from '$lib/server/outcomes/plan';
import { readIndicatorForm, readProblemForm } from '$lib/server/outcomes/plan-form';
import { readEvidenceForm } from '$lib/server/outcomes/evidence-form';
import { freshDatabase, insertUser } from '../helpers';

let db: DB;
let actor: { id: number; ip: string };

beforeEach(async () => {
	db = (await freshDatabase()).db;
	actor = {
		id: await insertUser(db, {
			email: 'admin@x.example',
			name: 'Admin',
			agencyId: null,
			administrator: true
		}),
		ip: '127.0.0.1'
	};
});

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};

describe('the outcome plan store', () => {
	it('loads the national framework’s ten once, audited', async () => {
		expect(await loadNationalFramework(db, actor)).toBe(10);
		expect(await loadNationalFramework(db, actor)).toBe(0);
		const plan = await readPlan(db);
		expect(plan.map((p) => p.name)).toContain('Secure housing');
		expect(plan.every((p) => p.indicators.length === 1)).toBe(true);
		const audit = await db.selectFrom('audit_log').select('action').execute();
		expect(audit.filter((a) => a.action === 'outcome-plan.framework-loaded')).toHaveLength(1);
	});

	it('adds a problem, refuses its twin, adds and retires an indicator', async () => {
		const added = await addProblem(db, 'Reducing isolation', actor);
		expect(added.ok).toBe(true);
		expect((await addProblem(db, 'reducing isolation', actor)).ok).toBe(false);
		const id = await addIndicator(
			db,
			added.ok ? added.id : 0,
			{
				description: 'Attends a group',
				evidenceAccepted: 'Register',
				measure: 'sustained',
				sustainMonths: 3
			},
			actor
		);
		expect(await retireIndicator(db, id!, actor)).toBe(true);
		expect(await retireIndicator(db, id!, actor)).toBe(false);
		const [problem] = await readPlan(db);
		expect(problem!.indicators[0]).toMatchObject({ sustainMonths: 3, retired: true });
	});
});

describe('reading the plan’s forms', () => {
	it('asks for a problem’s name', () => {
		expect(readProblemForm(form({ name: '' }))).toEqual({
			ok: false,
			values: { name: '' },
			errors: { name: 'Enter the headline problem' }
		});
	});

	it('a sustained indicator needs its months, and keeps what was typed', () => {
		const read = readIndicatorForm(
			form({
				description: 'Settled',
				evidenceAccepted: 'Landlord',
				measure: 'sustained',
				sustainMonths: '40'
			})
		);
		expect(read).toMatchObject({
			ok: false,
			values: { description: 'Settled', sustainMonths: '40' },
			errors: { sustainMonths: 'Enter a whole number of months from 1 to 24' }
		});
	});

	it('an achieved indicator has no months', () => {
		expect(
			readIndicatorForm(
				form({
					description: 'Done',
					evidenceAccepted: 'Record',
					measure: 'achieved',
					sustainMonths: '6'
				})
			)
		).toEqual({
			ok: true,
			input: {
				description: 'Done',
				evidenceAccepted: 'Record',
				measure: 'achieved',
				sustainMonths: null
			}
		});
	});

	it('evidence: every field checked, with a message by each', () => {
		const read = readEvidenceForm(
			form({
				indicatorId: '99',
				what: '',
				agencyId: '',
				'evidenceDate-day': '1',
				'evidenceDate-month': '1',
				'evidenceDate-year': '2099'
			}),
			'2027-03-01',
			{ indicatorIds: [1], agencyIds: [2] }
		);
		expect(read.ok ? {} : read.errors).toEqual({
			indicatorId: 'Choose the indicator the evidence is for',
			what: 'Enter what the evidence shows',
			agencyId: 'Choose the agency the evidence came from',
			evidenceDate: 'The date of the evidence must be today or in the past',
			status: 'Choose whether the evidence shows the outcome achieved or sustained'
		});
	});
});
