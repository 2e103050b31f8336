import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The case page opens the app's own database: point it at a throwaway file before it loads.
const databasePath = vi.hoisted(() => {
	const path = `test-results/cases-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { isHttpError } from '@sveltejs/kit';
import { sql } from 'kysely';
import { appDatabase, closeAppDatabase } from '$lib/server/platform/app-database';
import {
	readConsentForm,
	readFlagDecisionForm,
	readWithdrawalForm,
	recordConsent,
	withdrawConsent
} from '$lib/server/cases/consent';
import { agreeForCase } from '$lib/server/meeting/attendance';
import { consentStanding, readCase } from '$lib/server/cases/case-record';
import { caseAccess, type CaseAccess } from '$lib/server/policy/case-record';
import { consentForMeeting } from '$lib/server/agenda/consent';
import { checkConsentGate, familyOfItem } from '$lib/server/meeting/consent-gate';
import { acknowledgeHandOver, handOverCase, readHandOverForm } from '$lib/server/cases/hand-over';
import { todayInEngland } from '$lib/dates';
import { migrate } from '$lib/server/platform/migrator';
import { createNewCaf } from '$lib/server/agenda/new-caf';
import { saveOutcome } from '$lib/server/meeting/outcomes';
import {
	actions as caseActions,
	load as caseLoad
} from '../../../src/routes/cases/[id]/+page.server';
import { meetingWithFamilies, CHILD, MEETING_DATE, NEED, TODAY } from '../meeting-fixture';
import { form } from '../helpers';

type Fixture = Awaited<ReturnType<typeof meetingWithFamilies>>;
type Who = keyof Fixture['people'] | 'dpo';
let fixture: Fixture;
let dpo: number;
const caseIds: Record<'fine' | 'unchecked' | 'withdrawn', number> = {
	fine: 0,
	unchecked: 0,
	withdrawn: 0
};
const meeting = () => ({ id: fixture.meetingId, date: MEETING_DATE });
const chair = () => ({ id: fixture.people.chair, ip: '192.0.2.1' });
const at = new Date('2027-05-11T09:00:00Z');

function userId(who: Who): number {
	return who === 'dpo' ? dpo : fixture.people[who];
}

async function caseOfItem(submissionId: number): Promise<number> {
	return (await familyOfItem(appDatabase().db, submissionId))!.caseId;
}

/** A new CAF for another family, on the given meeting, led by the fixture's lead professional. */
async function anotherFamily(meetingId: number, child: string, signedOn = '2027-03-01') {
	const { db } = appDatabase();
	const created = await createNewCaf(
		db,
		{
			meetingId,
			communityId: fixture.communityId,
			communityName: 'Ledbury',
			submittedBy: fixture.people.submitter,
			agencyId: null,
			late: false,
			year: '2027'
		},
		{
			members: [
				{
					row: 1,
					name: child,
					dateOfBirth: '2018-01-02',
					relationship: 'Child',
					setting: 'Ledbury Primary School',
					isChild: true
				}
			],
			needs: [{ memberRow: 1, description: 'Attendance', domain: 'development' }],
			cafDate: '2027-03-01',
			wayIn: 'New CAF',
			levelOfNeed: '2',
			consent: {
				givenBy: 'A parent',
				youngPerson: 'not-of-age',
				signedOn,
				coversMag: true,
				sharedWith: 'School',
				formLocation: 'CAF team file'
			}
		},
		null
	);
	const caseId = await caseOfItem(created.submissionId);
	await db
		.updateTable('family_case')
		.set({ lead_professional_id: fixture.people.leadProfessional })
		.where('id', '=', caseId)
		.execute();
	return { ...created, caseId };
}

async function addAction(caseId: number, submissionId: number, meetingId: number, owner: number) {
	const { db } = appDatabase();
	return (
		await db
			.insertInto('action')
			.values({
				community_id: fixture.communityId,
				meeting_id: meetingId,
				submission_id: submissionId,
				case_id: caseId,
				description: `Home visit ${caseId}-${owner}`,
				owner_id: owner,
				owner_name: 'Someone',
				owner_agency: 'Agency',
				due_date: '2027-06-01',
				created_by: fixture.people.chair,
				created_at: at.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
}

beforeAll(async () => {
	fs.mkdirSync('test-results', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
	const database = appDatabase();
	await migrate(database.db);
	fixture = await meetingWithFamilies(database);
	const { db } = database;
	caseIds.fine = await caseOfItem(fixture.items.fine);
	caseIds.unchecked = await caseOfItem(fixture.items.unchecked);
	caseIds.withdrawn = await caseOfItem(fixture.items.withdrawn);
	// The data protection officer, here also a member of the MAG: still no family data.
	dpo = (
		await db
			.insertInto('user')
			.values({
				email: 'dpo@council.example',
				name: 'The dpo',
				job_title: null,
				agency_id: null,
				is_administrator: 0,
				is_dpo: 1,
				password_hash: null,
				totp_key: null,
				totp_last_step: null,
				disabled_at: null,
				created_at: at.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	await db
		.insertInto('community_membership')
		.values({ user_id: dpo, community_id: fixture.communityId, role: 'member' })
		.execute();
	// The gate opened for the "fine" family at the meeting, and an action came out of it; the
	// "unchecked" family's action owner never saw it pass.
	await checkConsentGate(db, meeting(), fixture.items.fine, chair(), TODAY, at);
	await addAction(caseIds.fine, fixture.items.fine, fixture.meetingId, userId('confirmedMember'));
	await checkConsentGate(db, meeting(), fixture.items.withdrawn, chair(), TODAY, at);
	await addAction(
		caseIds.withdrawn,
		fixture.items.withdrawn,
		fixture.meetingId,
		userId('unconfirmedMember')
	);
	await addAction(
		caseIds.unchecked,
		fixture.items.unchecked,
		fixture.meetingId,
		userId('absentMember')
	);
});

afterAll(async () => {
	await closeAppDatabase();
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
});

function event(who: Who, caseId: number) {
	const user = {
		id: userId(who),
		name: `The ${who}`,
		email: `${who}@council.example`,
		agencyName: null,
		isAdministrator: who === 'administrator',
		isDataProtectionOfficer: who === 'dpo',
		isManager: false,
		hasTwoFactor: false,
		communityRoles: []
	};
	const session = { id: 's', createdAt: '', expiresAt: '', twoFactorVerified: true };
	return {
		locals: { user, session },
		params: { id: String(caseId) },
		url: new URL(`http://localhost/cases/${caseId}`),
		getClientAddress: () => '192.0.2.7'
	} as never;
}

async function render(who: Who, caseId: number): Promise<string> {
	try {
		return JSON.stringify(await caseLoad(event(who, caseId)));
	} catch (thrown) {
		if (isHttpError(thrown)) return `refused ${thrown.status}`;
		throw thrown;
	}
}

/** The README's table, row by row: who sees what of a case record. */
const TABLE: [string, Who, keyof typeof caseIds, CaseAccess | null][] = [
	['the lead professional', 'leadProfessional', 'fine', 'full'],
	['the submitter', 'submitter', 'fine', 'full'],
	['the chair', 'chair', 'fine', 'full'],
	[
		'a coordinator, once the gate has opened, not having agreed confidentiality there',
		'coordinator',
		'fine',
		'agree-first'
	],
	['a coordinator, before the gate has ever opened', 'coordinator', 'unchecked', 'reference'],
	['the chair, before the gate has ever opened', 'chair', 'unchecked', 'full'],
	['an action owner once the gate passed', 'confirmedMember', 'fine', 'action-summary'],
	['an action owner whose item never passed the gate', 'absentMember', 'unchecked', 'reference'],
	[
		'an action owner whose item was refused at the gate',
		'unconfirmedMember',
		'withdrawn',
		'reference'
	],
	['another member', 'unconfirmedMember', 'fine', 'reference'],
	['someone outside the community', 'nonMember', 'fine', null],
	['an administrator', 'administrator', 'fine', null],
	['the data protection officer', 'dpo', 'fine', null]
];

describe('who sees a case record', () => {
	it.each(TABLE)('caseAccess: %s (%s, the %s family) → %s', async (_, who, family, expected) => {
		expect(await caseAccess(appDatabase().db, userId(who), caseIds[family])).toBe(expected);
	});

	it.each(TABLE)(
		'the /cases/[id] page: %s (%s, the %s family)',
		async (_, who, family, expected) => {
			const { db } = appDatabase();
			const caseId = caseIds[family];
			const reference = (
				await db
					.selectFrom('family_case')
					.select('reference')
					.where('id', '=', caseId)
					.executeTakeFirstOrThrow()
			).reference;
			const before = await db
				.selectFrom('audit_log')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('actor_id', '=', userId(who))
				.where('action', '=', 'family.viewed')
				.executeTakeFirstOrThrow();
			const page = await render(who, caseId);
			if (expected === null) {
				expect(page).toBe('refused 403');
				return;
			}
			expect(page).toContain(reference);
			const child = { fine: CHILD, unchecked: 'Clementine Hart', withdrawn: 'Ottoline Marsh' }[
				family
			];
			expect(page.includes(child)).toBe(expected === 'full');
			expect(page.includes(NEED)).toBe(expected === 'full');
			expect(page.includes(`Home visit ${caseId}-`)).toBe(
				expected === 'full' || expected === 'action-summary'
			);
			expect(JSON.parse(page).access).toBe(expected);
			// Every read of the family's details is logged, with why.
			const reads = await db
				.selectFrom('audit_log')
				.select(['detail', 'record_id'])
				.where('actor_id', '=', userId(who))
				.where('action', '=', 'family.viewed')
				.execute();
			expect(reads.length - before.n).toBe(expected === 'full' ? 1 : 0);
			if (expected === 'full')
				expect(reads.at(-1)).toMatchObject({
					record_id: reference,
					detail: expect.stringContaining('case record')
				});
		}
	);

	it('a coordinator who agrees the confidentiality statement for the case then sees it in full, and the agreement is audited', async () => {
		const { db } = appDatabase();
		const coordinator = userId('coordinator');
		const reference = (await db
			.selectFrom('family_case')
			.select('reference')
			.where('id', '=', caseIds.fine)
			.executeTakeFirstOrThrow())!.reference;
		await agreeForCase(db, { caseId: caseIds.fine, reference }, { id: coordinator, ip: null });
		await agreeForCase(db, { caseId: caseIds.fine, reference }, { id: coordinator, ip: null });
		expect(await caseAccess(db, coordinator, caseIds.fine)).toBe('full');
		expect(await render('coordinator', caseIds.fine)).toContain(CHILD);
		const agreed = await db
			.selectFrom('audit_log')
			.select(['record_id', 'actor_id'])
			.where('action', '=', 'case.confidentiality-agreed')
			.execute();
		expect(agreed).toEqual([{ record_id: reference, actor_id: coordinator }]);
	});

	it('readCase shows the timeline: each item, its gate check, outcome and actions', async () => {
		const record = (await readCase(
			appDatabase().db,
			caseIds.fine,
			{ id: fixture.people.leadProfessional, ip: null },
			TODAY
		))!;
		expect(record.timeline).toEqual([
			expect.objectContaining({
				id: fixture.items.fine,
				meetingDate: MEETING_DATE,
				part: 2,
				gate: expect.objectContaining({ result: 'opened' }),
				actions: [
					expect.objectContaining({
						description: `Home visit ${caseIds.fine}-${fixture.people.confirmedMember}`
					})
				]
			})
		]);
		expect(record.levelOfNeed).toEqual([{ meetingDate: MEETING_DATE, level: '2' }]);
		expect(record.consents).toHaveLength(1);
	});
});

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

	it.each([
		['next review within the year', '2027-06-01', 'in-date'],
		['next review past the year', '2027-06-02', 'must-renew']
	] as const)('consent signed 1 June 2026, %s: %s', (_, nextReview, standing) => {
		const current = { validUntil: '2027-06-01', withdrawnOn: null } as Parameters<
			typeof consentStanding
		>[0];
		expect(consentStanding(current, nextReview, '2027-01-01')).toBe(standing);
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
				sharedWith: 'School',
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

describe('a hand-over or consent posted twice (a retry after a dropped connection, a double click)', () => {
	/** The page's key, as the case record puts it in its forms when it loads. */
	async function pageKey(who: Who, caseId: number): Promise<string> {
		const data = (await caseLoad(event(who, caseId))) as { formKey?: string };
		expect(data.formKey).toMatch(/^[\w-]{22}$/);
		return data.formKey!;
	}
	async function post(
		action: 'handOver' | 'renewConsent',
		who: Who,
		caseId: number,
		fields: Record<string, string>
	) {
		const request = new Request(`http://localhost/cases/${caseId}`, {
			method: 'POST',
			body: form(fields)
		});
		const base = event(who, caseId) as Record<string, unknown>;
		return caseActions[action]!({ ...base, request } as never);
	}
	// Signed today: the form takes no date after the real today, whatever the fixture's dates.
	const [year, month, day] = todayInEngland().split('-');
	const renewal = {
		givenBy: 'A parent',
		youngPerson: 'not-of-age',
		'signedOn-day': day!,
		'signedOn-month': month!,
		'signedOn-year': year!,
		coversMag: 'yes',
		sharedWith: 'School',
		formLocation: 'CAF team file'
	};
	const versions = (caseId: number) =>
		appDatabase().db.selectFrom('consent').select('id').where('case_id', '=', caseId).execute();

	it('the same hand-over sent again with its key hands over once and answers as the first did', async () => {
		const family = await anotherFamily(fixture.laterMeetingIds[1]!, 'Marigold Wren');
		const key = await pageKey('leadProfessional', family.caseId);
		const fields = {
			formKey: key,
			toUserId: String(fixture.people.unconfirmedMember),
			reason: 'Family moved school'
		};
		const first = await post('handOver', 'leadProfessional', family.caseId, fields);
		expect(first).toEqual({ done: 'The case has been handed over' });

		// The lead professional is no longer theirs, but the repeat is still the same post.
		expect(await post('handOver', 'leadProfessional', family.caseId, fields)).toEqual(first);

		const changes = await appDatabase()
			.db.selectFrom('lead_professional_change')
			.select('id')
			.where('case_id', '=', family.caseId)
			.execute();
		expect(changes).toHaveLength(1);
	});

	it('the same consent sent again with its key is one version; with a new key, another', async () => {
		const family = await anotherFamily(fixture.laterMeetingIds[1]!, 'Tansy Plover');
		const before = (await versions(family.caseId)).length;
		const key = await pageKey('leadProfessional', family.caseId);
		const recorded = { done: 'The consent has been recorded' };
		expect(
			await post('renewConsent', 'leadProfessional', family.caseId, { ...renewal, formKey: key })
		).toEqual(recorded);
		expect(
			await post('renewConsent', 'leadProfessional', family.caseId, { ...renewal, formKey: key })
		).toEqual(recorded);
		expect(await versions(family.caseId)).toHaveLength(before + 1);

		const next = await pageKey('leadProfessional', family.caseId);
		expect(next).not.toBe(key);
		await post('renewConsent', 'leadProfessional', family.caseId, { ...renewal, formKey: next });
		expect(await versions(family.caseId)).toHaveLength(before + 2);
	});
});

describe('the withdrawal date', () => {
	it.each([
		['missing', ['', '', ''], 'Enter the date consent was withdrawn'],
		['without a year', ['3', '5', ''], 'The date consent was withdrawn must include a year'],
		['not a real date', ['31', '2', '2027'], 'The date consent was withdrawn must be a real date'],
		[
			'in the future',
			['12', '5', '2027'],
			'The date consent was withdrawn must be today or in the past'
		],
		[
			'before consent was given',
			['28', '2', '2027'],
			'The date consent was withdrawn must be on or after the day it was given (1 March 2027)'
		],
		['today', ['11', '5', '2027'], null],
		['the day it was given', ['1', '3', '2027'], null]
	])('%s: %s', (_, [day, month, year], error) => {
		const read = readWithdrawalForm(
			form({ 'withdrawnOn-day': day!, 'withdrawnOn-month': month!, 'withdrawnOn-year': year! }),
			TODAY,
			'2027-03-01'
		);
		expect(read.errors.withdrawnOn ?? null).toBe(error);
		expect(read.date === null).toBe(error !== null);
		expect(read.values['withdrawnOn-day']).toBe(day);
	});

	it('a renewal needs who, the young person, a date signed not in the future, sharing and where the form is', () => {
		const read = readConsentForm(
			form({ 'signedOn-day': '12', 'signedOn-month': '5', 'signedOn-year': '2027' }),
			TODAY
		);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({
			givenBy: 'Enter who gave consent',
			youngPerson: 'Say whether the young person consented',
			signedOn: 'The date consent was signed must be today or in the past',
			sharedWith: 'Enter the agencies the family agreed to share with',
			formLocation: 'Enter where the signed consent form is kept'
		});
	});
});

describe('how long consent’s free text may be, at renewal', () => {
	const complete = {
		givenBy: 'Alex Example-Smith',
		youngPerson: 'not-of-age',
		'signedOn-day': '1',
		'signedOn-month': '3',
		'signedOn-year': '2027',
		coversMag: 'yes',
		sharedWith: 'School, health visiting',
		formLocation: 'Scanned to the case file'
	};
	it.each([
		['givenBy', 200, 'Who gave consent must be 200 characters or fewer'],
		[
			'sharedWith',
			500,
			'The agencies the family agreed to share with must be 500 characters or fewer'
		],
		['formLocation', 200, 'Where the signed consent form is kept must be 200 characters or fewer']
	])('%s takes %i characters and no more, what was typed kept', (field, limit, message) => {
		expect(
			readConsentForm(form({ ...complete, [field]: 'a'.repeat(limit) }), TODAY).errors
		).toEqual({});
		const read = readConsentForm(form({ ...complete, [field]: 'a'.repeat(limit + 1) }), TODAY);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({ [field]: message });
		expect(read.values[field]).toBe('a'.repeat(limit + 1));
	});

	it('does not screen it: consent is seen only by those who may see the family', () => {
		const read = readConsentForm(
			form({ ...complete, formLocation: 'Leominster office, HR6 8AB' }),
			TODAY
		);
		expect(read.errors).toEqual({});
	});
});

describe('the chair’s decision on a flagged action', () => {
	it.each<[Record<string, string>, Record<string, string>, unknown]>([
		[{ flagId: '4', decision: 'kept' }, {}, { kind: 'kept' }],
		[
			{ flagId: '4', decision: 'closed', closeReason: 'The family moved away' },
			{},
			{ kind: 'closed', reason: 'The family moved away' }
		],
		[
			{ flagId: '4', decision: '' },
			{ 'decision-4': 'Choose whether to close the action or keep it' },
			null
		],
		[
			{ flagId: '4', decision: 'closed', closeReason: '' },
			{ 'closeReason-4': 'Enter why the action is closed' },
			null
		],
		[
			{ flagId: '4', decision: 'closed', closeReason: 'a'.repeat(1001) },
			{ 'closeReason-4': 'The note must be 1000 characters or fewer' },
			null
		],
		[
			{ flagId: '4', decision: 'closed', closeReason: 'Moved: mum on 0 7 7 0 0 9 0 0 1 2 3' },
			{
				'closeReason-4':
					'Notes on actions must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3).'
			},
			null
		]
	])('%j → %j', (fields, errors, decision) => {
		const read = readFlagDecisionForm(form(fields), TODAY);
		expect(read.errors).toEqual(errors);
		expect(read.decision).toEqual(decision);
		expect(read.values.closeReason).toBe(fields.closeReason ?? '');
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
		const read = readHandOverForm(form(fields));
		expect(read.errors).toEqual(errors);
		expect(read.values).toEqual(fields);
	});
});

describe('the status history', () => {
	it('keeps the status a review outcome sets, by whom and at which item', async () => {
		const { db } = appDatabase();
		const family = await anotherFamily(fixture.meetingId, 'Cosmo Heron');
		const saved = await saveOutcome(
			db,
			{
				submissionId: family.submissionId,
				meetingId: fixture.meetingId,
				meetingDate: MEETING_DATE,
				communityId: fixture.communityId,
				caseId: family.caseId
			},
			{
				kind: 'stepped-down',
				part: 3,
				note: 'Universal services',
				needStatuses: {},
				nextReviewMeetingId: null,
				levelOfNeed: '1'
			},
			0,
			chair(),
			at
		);
		expect(saved.saved).toBe(true);
		const record = (await readCase(db, family.caseId, chair(), TODAY))!;
		expect(record.case.status).toBe('stepped-down');
		expect(record.timeline.map((item) => item.outcome)).toEqual([
			'Step down to universal services'
		]);
		// The level agreed at the review is the case's level from then on.
		expect(record.timeline.map((item) => item.reviewedLevelOfNeed)).toEqual(['1']);
		expect(record.levelOfNeed).toEqual([{ meetingDate: MEETING_DATE, level: '1' }]);
		expect(record.statusChanges).toEqual([
			expect.objectContaining({
				status: 'stepped-down',
				byName: 'The chair',
				changedAt: at.toISOString()
			})
		]);
	});
});

describe('who may change a case: every form action refuses the rest on the server', () => {
	type Action = 'handOver' | 'renewConsent' | 'withdrawConsent' | 'decideAction';
	const MAY: Record<Action, Who[]> = {
		handOver: ['leadProfessional', 'chair', 'coordinator'],
		renewConsent: ['leadProfessional', 'submitter', 'chair', 'coordinator'],
		withdrawConsent: ['leadProfessional', 'submitter', 'chair', 'coordinator'],
		decideAction: ['chair']
	};
	const PEOPLE: Who[] = [
		'leadProfessional',
		'submitter',
		'chair',
		'coordinator',
		'confirmedMember',
		'unconfirmedMember',
		'nonMember',
		'administrator',
		'dpo'
	];
	const rows = (Object.keys(MAY) as Action[]).flatMap((action) =>
		PEOPLE.map((who) => [action, who, MAY[action].includes(who)] as const)
	);

	it.each(rows)('%s by %s: allowed %s', async (action, who, allowed) => {
		// An empty form: those allowed get the form back with errors, and nothing changes.
		const request = new Request(`http://localhost/cases/${caseIds.fine}`, {
			method: 'POST',
			body: new FormData()
		});
		const base = event(who, caseIds.fine) as Record<string, unknown>;
		let answer: string;
		try {
			const result = (await caseActions[action]!({ ...base, request } as never)) as {
				status?: number;
			};
			answer = `answered ${result?.status ?? 200}`;
		} catch (thrown) {
			if (!isHttpError(thrown)) throw thrown;
			answer = `refused ${thrown.status}`;
		}
		expect(answer).toBe(allowed ? 'answered 400' : 'refused 403');
	});
});
