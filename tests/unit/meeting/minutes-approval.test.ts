import { describe, expect, it } from 'vitest';
import { advanceMeeting } from '$lib/server/agenda/meetings';
import { startMeeting } from '$lib/server/meeting/room';
import {
	approvalWindow,
	approveMinutes,
	findApproval,
	nextMeetingOf,
	previousMinutes
} from '$lib/server/meeting/minutes-approval';
import { database, fixture, MEETING, NEXT_MEETING, useConcludedMeeting } from './concluded-meeting';

useConcludedMeeting();

const place = () => ({ id: fixture.meetingId, communityId: fixture.communityId, date: MEETING });

describe('approving the minutes at the next meeting', () => {
	it('is not possible until the next meeting of the MAG is in progress', async () => {
		expect(await nextMeetingOf(database.db, place())).toMatchObject({
			id: fixture.nextMeetingId,
			date: NEXT_MEETING
		});
		expect(await approvalWindow(database.db, place())).toEqual({
			open: false,
			reason: 'Minutes are approved at the next meeting of this MAG, while it is in progress'
		});
	});

	it('is offered in the next meeting’s room, and approved once, audited', async () => {
		const { db } = database;
		const chair = fixture.people.chair;
		await advanceMeeting(db, fixture.nextMeetingId, 'scheduled', chair);
		await advanceMeeting(db, fixture.nextMeetingId, 'agenda-open', chair);
		expect(await startMeeting(db, fixture.nextMeetingId, chair)).toBe(true);
		const next = {
			id: fixture.nextMeetingId,
			communityId: fixture.communityId,
			date: NEXT_MEETING
		};
		expect(await previousMinutes(db, next)).toEqual({
			meetingId: fixture.meetingId,
			date: MEETING,
			approved: false
		});
		const window = await approvalWindow(db, place());
		expect(window.open).toBe(true);
		if (!window.open) return;
		const at = new Date('2027-04-20T09:40:00Z');
		expect(await approveMinutes(db, fixture.meetingId, window.at, chair, at)).toBe(true);
		expect(await approveMinutes(db, fixture.meetingId, window.at, chair, at)).toBe(false);
		expect(await findApproval(db, fixture.meetingId)).toEqual({
			approvedAtMeetingId: fixture.nextMeetingId,
			approvedAtMeetingDate: NEXT_MEETING,
			approvedBy: 'Helen Chair',
			approvedAt: at.toISOString()
		});
		expect((await previousMinutes(db, next))?.approved).toBe(true);
		expect(await approvalWindow(db, place())).toEqual({
			open: false,
			reason: 'These minutes have already been approved'
		});
		const audits = await db
			.selectFrom('audit_log')
			.select(['record_id', 'detail'])
			.where('action', '=', 'minutes.approved')
			.execute();
		expect(audits).toHaveLength(1);
		expect(audits[0]!.record_id).toBe(String(fixture.meetingId));
		expect(JSON.parse(audits[0]!.detail!)).toEqual({
			approvedAtMeetingId: fixture.nextMeetingId,
			approvedAtMeetingDate: NEXT_MEETING
		});
	});
});
