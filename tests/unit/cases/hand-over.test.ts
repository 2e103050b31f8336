import { describe, expect, it, vi } from 'vitest';

// The case page opens the app's own database: point it at a throwaway file before it loads.
const databasePath = vi.hoisted(() => {
	const path = `test-results/cases-hand-over-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { appDatabase } from '$lib/server/platform/app-database';
import { readCase } from '$lib/server/cases/case-record';
import { caseAccess } from '$lib/server/policy/case-record';
import { acknowledgeHandOver, handOverCase, readHandOverForm } from '$lib/server/cases/hand-over';
import { TODAY } from '../meeting-fixture';
import { anotherFamily, at, chair, fixture, useCaseRecordFixture } from './case-fixture';
import { formOf } from './form-of';

useCaseRecordFixture(databasePath);

describe('handing a case over', () => {
	it('changes the lead professional, tells both, is audited, and the new one accepts it', async () => {
		const { db } = appDatabase();
		const family = await anotherFamily(fixture.laterMeetingIds[1]!, 'Hyacinth Rook');
		const from = fixture.people.leadProfessional;
		const to = fixture.people.unconfirmedMember;
		expect(
			await handOverCase(db, family.caseId, fixture.people.nonMember, 'Moving', chair(), at)
		).toEqual({
			handedOver: false,
			error: 'Choose a member of this MAG'
		});
		expect(await handOverCase(db, family.caseId, to, 'Family moved school', chair(), at)).toEqual({
			handedOver: true
		});
		expect(await caseAccess(db, to, family.caseId)).toBe('full');
		const notices = await db
			.selectFrom('notice')
			.select('user_id')
			.where('link', '=', `/cases/${family.caseId}`)
			.execute();
		expect(notices.map((n) => n.user_id).sort()).toEqual([from, to].sort());
		for (const reader of [from, to]) {
			const record = (await readCase(db, family.caseId, { id: reader, ip: null }, TODAY))!;
			expect(record.leadChanges).toEqual([
				expect.objectContaining({
					toUserId: to,
					reason: 'Family moved school',
					acknowledgedAt: null
				})
			]);
		}
		const changeId = (
			await db
				.selectFrom('lead_professional_change')
				.select('id')
				.where('case_id', '=', family.caseId)
				.executeTakeFirstOrThrow()
		).id;
		expect(await acknowledgeHandOver(db, changeId, { id: from, ip: null }, at)).toBe(false);
		expect(await acknowledgeHandOver(db, changeId, { id: to, ip: null }, at)).toBe(true);
		const actions = await db
			.selectFrom('audit_log')
			.select('action')
			.where('record_id', '=', family.reference)
			.where('action', 'like', 'case.hand%')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['case.handed-over', 'case.hand-over-accepted']);
	});
});

describe('the hand-over form', () => {
	it.each([
		[{ toUserId: '7', reason: 'Family moved school' }, {}],
		[
			{ toUserId: '', reason: '' },
			{
				toUserId: 'Choose the new lead professional',
				reason: 'Enter why the case is being handed over'
			}
		],
		[{ toUserId: '7', reason: 'a'.repeat(300) }, {}],
		[
			{ toUserId: '7', reason: 'a'.repeat(301) },
			{
				reason: 'The reason must be 300 characters or fewer'
			}
		]
	])('%j → %j', (fields, errors) => {
		const read = readHandOverForm(formOf(fields));
		expect(read.errors).toEqual(errors);
		expect(read.values).toEqual(fields);
	});
});
