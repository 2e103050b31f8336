import { describe, expect, it } from 'vitest';
import { confirmConfidentiality } from '$lib/server/meeting/attendance';
import { saveRegister } from '$lib/server/meeting/register';
import { hasConfirmed } from '$lib/server/policy/meeting';
import { database, fixture, useMeetingFixture, chair } from '../meeting-fixture';
import { at } from './room-fixture';

useMeetingFixture();

/** Someone present who has not yet agreed the statement aloud. */
const there = (userId: number) => ({
	userId,
	status: 'present' as const,
	substituteName: null,
	agreedAloud: false
});

describe('the register', () => {
	it('records apologies and a substitute, and keeps an own-device confirmation when the chair saves', async () => {
		const { db } = database;
		await saveRegister(db, fixture.meetingId, [there(fixture.people.confirmedMember)], chair(), at);
		await confirmConfidentiality(
			db,
			fixture.meetingId,
			{ id: fixture.people.confirmedMember, ip: null },
			at
		);
		await saveRegister(
			db,
			fixture.meetingId,
			[
				there(fixture.people.confirmedMember),
				{
					userId: fixture.people.absentMember,
					status: 'apologies',
					substituteName: null,
					agreedAloud: true
				},
				{
					userId: fixture.people.submitter,
					status: 'substitute',
					substituteName: 'Sam Green',
					agreedAloud: true
				}
			],
			chair(),
			at
		);
		const rows = await db
			.selectFrom('attendance')
			.select(['user_id', 'status', 'substitute_name', 'confirmed_via'])
			.where('meeting_id', '=', fixture.meetingId)
			.orderBy('user_id')
			.execute();
		expect(rows).toEqual(
			expect.arrayContaining([
				{
					user_id: fixture.people.confirmedMember,
					status: 'present',
					substitute_name: null,
					confirmed_via: 'self'
				},
				// Someone who is not in the room has nothing to confirm, whatever was ticked.
				{
					user_id: fixture.people.absentMember,
					status: 'apologies',
					substitute_name: null,
					confirmed_via: null
				},
				{
					user_id: fixture.people.submitter,
					status: 'substitute',
					substitute_name: 'Sam Green',
					confirmed_via: 'chair'
				}
			])
		);
		expect(await hasConfirmed(db, fixture.meetingId, fixture.people.confirmedMember)).toBe(true);
		expect(await hasConfirmed(db, fixture.meetingId, fixture.people.absentMember)).toBe(false);
	});
});
