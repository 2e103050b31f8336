import { describe, expect, it } from 'vitest';
import { caseloadWords, openCasesLed } from '$lib/server/cases/caseload';
import { database, fixture, useActionsFixture } from '../actions/fixture';

useActionsFixture();

describe("a lead professional's caseload", () => {
	it('counts the open cases each person leads, and nothing closed', async () => {
		const { db } = database;
		const cases = await db.selectFrom('family_case').select('id').orderBy('id').execute();
		expect(cases.length).toBeGreaterThanOrEqual(2);
		const lead = fixture.people.confirmedMember;
		const other = fixture.people.submitter;
		await db
			.updateTable('family_case')
			.set({ lead_professional_id: lead, status: 'open' })
			.execute();
		// One of them is closed: it no longer counts.
		await db
			.updateTable('family_case')
			.set({ status: 'closed-needs-met' })
			.where('id', '=', cases[0]!.id)
			.execute();
		const caseloads = await openCasesLed(db, [lead, other]);
		expect(caseloads.get(lead)).toBe(cases.length - 1);
		expect(caseloads.has(other)).toBe(false);
		expect(await openCasesLed(db, [])).toEqual(new Map());
	});

	it('says it in words', () => {
		expect(caseloadWords(0)).toBe('leads no open cases');
		expect(caseloadWords(1)).toBe('leads 1 open case');
		expect(caseloadWords(14)).toBe('leads 14 open cases');
	});
});
