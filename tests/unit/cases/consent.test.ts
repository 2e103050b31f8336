import { describe, expect, it, vi } from 'vitest';

// The case page opens the app's own database: point it at a throwaway file before it loads.
const databasePath = vi.hoisted(() => {
	const path = `test-results/cases-consent-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { sql } from 'kysely';
import { appDatabase } from '$lib/server/platform/app-database';
import { recordConsent, withdrawConsent } from '$lib/server/cases/consent';
import { consentForMeeting } from '$lib/server/agenda/consent';
import { checkConsentGate, familyOfItem } from '$lib/server/meeting/consent-gate';
import { MEETING_DATE, TODAY } from '../meeting-fixture';
import {
	addAction,
	anotherFamily,
	at,
	caseIds,
	chair,
	fixture,
	meeting,
	useCaseRecordFixture
} from './case-fixture';

useCaseRecordFixture(databasePath);

describe('withdrawal of consent', () => {
	it('closes the gate mid-cycle: on a published agenda, the gate refuses and the item stays', async () => {
		const { db } = appDatabase();
		const result = await withdrawConsent(db, caseIds.unchecked, '2027-05-10', chair(), at);
		expect(result).toMatchObject({ withdrawn: true, itemsWithdrawn: [] });
		const gate = await checkConsentGate(db, meeting(), fixture.items.unchecked, chair(), TODAY, at);
		expect(gate).toEqual({ opened: false, reason: 'the family has withdrawn consent' });
		const item = await db
			.selectFrom('submission')
			.select('status')
			.where('id', '=', fixture.items.unchecked)
			.executeTakeFirstOrThrow();
		expect(item.status).toBe('accepted');
		const consent = await db
			.selectFrom('consent')
			.select(['withdrawn_on', 'withdrawn_by'])
			.where('case_id', '=', caseIds.unchecked)
			.executeTakeFirstOrThrow();
		expect(consent).toEqual({ withdrawn_on: '2027-05-10', withdrawn_by: fixture.people.chair });
	});

	it('takes the case off an open agenda, tells the chair and the lead professional, flags its open actions', async () => {
		const { db } = appDatabase();
		const later = fixture.laterMeetingIds[0]!;
		await db
			.updateTable('meeting')
			.set({ status: 'agenda-open' })
			.where('id', '=', later)
			.execute();
		const family = await anotherFamily(later, 'Peregrine Lark');
		const actionId = await addAction(
			family.caseId,
			family.submissionId,
			later,
			fixture.people.coordinator
		);
		const result = await withdrawConsent(db, family.caseId, '2027-05-10', chair(), at);
		expect(result).toEqual({
			withdrawn: true,
			itemsWithdrawn: [family.submissionId],
			actionsFlagged: [actionId]
		});
		const item = await db
			.selectFrom('submission')
			.select('status')
			.where('id', '=', family.submissionId)
			.executeTakeFirstOrThrow();
		expect(item.status).toBe('withdrawn');
		const notices = await db
			.selectFrom('notice')
			.select(['user_id', 'message', 'link'])
			.where('link', '=', `/cases/${family.caseId}`)
			.execute();
		const told = notices.map((n) => n.user_id);
		expect(told).toEqual(
			expect.arrayContaining([fixture.people.chair, fixture.people.leadProfessional])
		);
		expect(notices[0]!.message).toContain(family.reference);
		expect(notices[0]!.message).not.toContain('Peregrine');
		const flags = await db
			.selectFrom('action_flag')
			.select(['action_id', 'decision'])
			.where('case_id', '=', family.caseId)
			.execute();
		expect(flags).toEqual([{ action_id: actionId, decision: null }]);
		const status = await db
			.selectFrom('family_case')
			.select('status')
			.where('id', '=', family.caseId)
			.executeTakeFirstOrThrow();
		expect(status.status).toBe('withdrawn');
		const audit = await db
			.selectFrom('audit_log')
			.select(['record_id'])
			.where('action', '=', 'consent.withdrawn')
			.where('record_id', '=', family.reference)
			.execute();
		expect(audit).toHaveLength(1);
	});

	it('is one transaction: a failure part-way leaves the consent, agenda and actions as they were', async () => {
		const { db } = appDatabase();
		const later = fixture.laterMeetingIds[0]!;
		const family = await anotherFamily(later, 'Wilhelmina Crane');
		await addAction(family.caseId, family.submissionId, later, fixture.people.coordinator);
		await sql`create temp trigger refuse_flag before insert on action_flag begin select raise(abort, 'refused'); end`.execute(
			db
		);
		try {
			await expect(withdrawConsent(db, family.caseId, '2027-05-10', chair(), at)).rejects.toThrow(
				'refused'
			);
		} finally {
			await sql`drop trigger refuse_flag`.execute(db);
		}
		const consent = await db
			.selectFrom('consent')
			.select('withdrawn_on')
			.where('case_id', '=', family.caseId)
			.executeTakeFirstOrThrow();
		expect(consent.withdrawn_on).toBeNull();
		const item = await db
			.selectFrom('submission')
			.select('status')
			.where('id', '=', family.submissionId)
			.executeTakeFirstOrThrow();
		expect(item.status).toBe('submitted');
	});
});

describe('renewal of consent', () => {
	it.each([
		['signed 11 months before', '2026-06-11', 12, true],
		['signed 13 months before', '2026-04-11', 12, false],
		['signed 7 months before, with CONSENT_VALID_MONTHS=6', '2026-10-11', 6, false],
		['signed 5 months before, with CONSENT_VALID_MONTHS=6', '2026-12-11', 6, true]
	])('%s the meeting: in date %s', (_, signedOn, months, valid) => {
		const verdict = consentForMeeting({ signedOn, coversMag: true }, MEETING_DATE, TODAY, months);
		expect(verdict.valid).toBe(valid);
		if (!verdict.valid) expect(verdict.reason).toContain('the consent must be renewed');
	});

	it('a 13-month-old consent keeps the gate shut until it is renewed, then it opens', async () => {
		const { db } = appDatabase();
		const family = await anotherFamily(fixture.meetingId, 'Ambrose Finch', '2026-04-10');
		const refused = await checkConsentGate(db, meeting(), family.submissionId, chair(), TODAY, at);
		expect(refused).toMatchObject({ opened: false });
		expect(!refused.opened && refused.reason).toContain('the consent must be renewed');
		const old = (await familyOfItem(db, family.submissionId))!.consentId;
		const renewed = await recordConsent(
			db,
			family.caseId,
			{
				givenBy: 'A parent',
				youngPerson: 'not-of-age',
				signedOn: '2027-05-01',
				coversMag: true,
				sharing: { agencies: 'all', partnerChecks: false },
				formLocation: 'CAF team file'
			},
			{ id: fixture.people.leadProfessional, ip: null },
			at
		);
		const opened = await checkConsentGate(db, meeting(), family.submissionId, chair(), TODAY, at);
		expect(opened).toEqual({ opened: true });
		const versions = await db
			.selectFrom('consent')
			.select(['id', 'kind', 'replaces_consent_id'])
			.where('case_id', '=', family.caseId)
			.orderBy('id')
			.execute();
		expect(versions).toEqual([
			{ id: old, kind: 'given', replaces_consent_id: null },
			{ id: renewed, kind: 'renewed', replaces_consent_id: old }
		]);
		const check = await db
			.selectFrom('gate_check')
			.select('consent_id')
			.where('submission_id', '=', family.submissionId)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(check.consent_id).toBe(renewed);
	});
});
