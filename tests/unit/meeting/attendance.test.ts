import { describe, expect, it } from 'vitest';
import {
	admitToMeeting,
	askToJoin,
	confirmConfidentiality,
	listJoinRequests
} from '$lib/server/meeting/attendance';
import { saveRegister } from '$lib/server/meeting/register';
import { hasConfirmed, roomPresence } from '$lib/server/policy/meeting';
import { database, fixture, useMeetingFixture, chair } from '../meeting-fixture';
import { type MemberAttendance } from '$lib/domain/meeting';
import { at } from './room-fixture';

useMeetingFixture();

describe('confidentiality and joining the meeting', () => {
	const registerEntry = (userId: number, status: MemberAttendance) => ({
		userId,
		status,
		substituteName: status === 'substitute' ? 'Sam Green' : null,
		agreedAloud: false
	});

	it.each(['absent', 'apologies', 'substitute', 'not on the register'] as const)(
		'agreeing on your own device never changes attendance: a member %s is told to ask the chair',
		async (status) => {
			const { db } = database;
			const me = { id: fixture.people.unconfirmedMember, ip: null };
			if (status !== 'not on the register')
				await saveRegister(db, fixture.meetingId, [registerEntry(me.id, status)], chair(), at);
			const before = await db
				.selectFrom('attendance')
				.selectAll()
				.where('user_id', '=', me.id)
				.execute();
			const audited = await db.selectFrom('audit_log').select('id').execute();
			expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('not-admitted');
			expect(
				await db.selectFrom('attendance').selectAll().where('user_id', '=', me.id).execute()
			).toEqual(before);
			expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(audited.length);
			expect(await roomPresence(db, fixture.meetingId, me.id)).toBe('not-admitted');
		}
	);

	it('a member the register has present agrees once; the chair, keeping the register, is recorded present by agreeing', async () => {
		const { db } = database;
		const me = { id: fixture.people.unconfirmedMember, ip: null };
		await saveRegister(db, fixture.meetingId, [registerEntry(me.id, 'present')], chair(), at);
		expect(await roomPresence(db, fixture.meetingId, me.id)).toBe('present');
		expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('agreed');
		expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('agreed');
		expect(
			await db
				.selectFrom('attendance')
				.select(['status', 'confirmed_via'])
				.where('user_id', '=', me.id)
				.execute()
		).toEqual([{ status: 'present', confirmed_via: 'self' }]);
		expect(await roomPresence(db, fixture.meetingId, me.id)).toBe('in-the-room');
		expect(
			await confirmConfidentiality(db, fixture.meetingId, { ...chair(), organiser: true }, at)
		).toBe('agreed');
		expect(await hasConfirmed(db, fixture.meetingId, fixture.people.chair)).toBe(true);
	});

	it('someone not recorded present asks to join; the chair lets them in (recorded present, audited); they then agree', async () => {
		const { db } = database;
		const me = { id: fixture.people.absentMember, ip: null };
		await saveRegister(db, fixture.meetingId, [registerEntry(me.id, 'apologies')], chair(), at);
		await askToJoin(db, fixture.meetingId, me, at);
		await askToJoin(db, fixture.meetingId, me, at);
		expect(await listJoinRequests(db, fixture.meetingId)).toEqual([
			expect.objectContaining({ userId: me.id, name: 'The absentMember' })
		]);
		expect(await admitToMeeting(db, fixture.meetingId, me.id, chair(), at)).toBe(true);
		expect(await admitToMeeting(db, fixture.meetingId, me.id, chair(), at)).toBe(false);
		expect(await listJoinRequests(db, fixture.meetingId)).toEqual([]);
		expect(
			await db
				.selectFrom('attendance')
				.select(['status', 'recorded_by', 'confirmed_at'])
				.where('user_id', '=', me.id)
				.execute()
		).toEqual([{ status: 'present', recorded_by: fixture.people.chair, confirmed_at: null }]);
		// Let in, not yet agreed: still no family.
		expect(await hasConfirmed(db, fixture.meetingId, me.id)).toBe(false);
		expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('agreed');
		expect(await hasConfirmed(db, fixture.meetingId, me.id)).toBe(true);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('action', 'like', 'meeting.%')
			.where('action', 'in', [
				'meeting.join-asked',
				'meeting.join-admitted',
				'meeting.confidentiality-confirmed'
			])
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{ action: 'meeting.join-asked', actor_id: me.id },
			{ action: 'meeting.join-admitted', actor_id: fixture.people.chair },
			{ action: 'meeting.confidentiality-confirmed', actor_id: me.id }
		]);
	});

	it('someone who may agree on their own device need not ask to join: nothing is recorded', async () => {
		const { db } = database;
		const me = { id: fixture.people.unconfirmedMember, ip: null };
		await saveRegister(db, fixture.meetingId, [registerEntry(me.id, 'present')], chair(), at);
		expect(await askToJoin(db, fixture.meetingId, me, at)).toBe(false);
		expect(await askToJoin(db, fixture.meetingId, { ...chair(), organiser: true }, at)).toBe(false);
		expect(await listJoinRequests(db, fixture.meetingId)).toEqual([]);
		expect(
			await askToJoin(db, fixture.meetingId, { id: fixture.people.absentMember, ip: null }, at)
		).toBe(true);
	});
});
