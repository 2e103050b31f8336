import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { appDatabase, closeAppDatabase } from '$lib/server/platform/app-database';
import { checkConsentGate, familyOfItem } from '$lib/server/meeting/consent-gate';
import { migrate } from '$lib/server/platform/migrator';
import { createNewCaf } from '$lib/server/agenda/new-caf';
import { load as caseLoad } from '../../../src/routes/cases/[id]/+page.server';
import { meetingWithFamilies, MEETING_DATE, TODAY } from '../meeting-fixture';

/**
 * What the tests of case records share: the app's own database (the case page opens it, so each
 * test file points DATABASE_PATH at its own throwaway file first) with the meeting fixture, a data
 * protection officer, and actions on three families, set up once for the file
 * (useCaseRecordFixture). The gate opened for the "fine" family at the meeting, and an action came
 * out of it; the "unchecked" family's action owner never saw it pass.
 */

type Fixture = Awaited<ReturnType<typeof meetingWithFamilies>>;
export type Who = keyof Fixture['people'] | 'dpo';
export let fixture: Fixture;
export let dpo: number;
export const caseIds: Record<'fine' | 'unchecked' | 'withdrawn', number> = {
	fine: 0,
	unchecked: 0,
	withdrawn: 0
};
export const meeting = () => ({ id: fixture.meetingId, date: MEETING_DATE });
export const chair = () => ({ id: fixture.people.chair, ip: '192.0.2.1' });
export const at = new Date('2027-05-11T09:00:00Z');

export function userId(who: Who): number {
	return who === 'dpo' ? dpo : fixture.people[who];
}

export async function caseOfItem(submissionId: number): Promise<number> {
	return (await familyOfItem(appDatabase().db, submissionId))!.caseId;
}

/** A new CAF for another family, on the given meeting, led by the fixture's lead professional. */
export async function anotherFamily(meetingId: number, child: string, signedOn = '2027-03-01') {
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
				sharing: { agencies: 'all', partnerChecks: false },
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

export async function addAction(
	caseId: number,
	submissionId: number,
	meetingId: number,
	owner: number
) {
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

export function useCaseRecordFixture(databasePath: string) {
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
}

export function event(who: Who, caseId: number) {
	const user = {
		id: userId(who),
		name: `The ${who}`,
		email: `${who}@council.example`,
		agencyName: null,
		isAdministrator: who === 'administrator',
		isDataProtectionOfficer: who === 'dpo',
		isManager: false,
		isFrontDoor: false,
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

export async function render(who: Who, caseId: number): Promise<string> {
	try {
		return JSON.stringify(await caseLoad(event(who, caseId)));
	} catch (thrown) {
		if (isHttpError(thrown)) return `refused ${thrown.status}`;
		throw thrown;
	}
}
