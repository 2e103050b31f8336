import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import {
	addClosureDay,
	advanceMeeting,
	cancelMeeting,
	findMeeting,
	listClosureDays,
	listMeetings,
	moveMeeting,
	removeClosureDay,
	scheduleMeetings
} from '$lib/server/agenda/meetings';
import { unreadNotices } from '$lib/server/people/notices';
import { listMySubmissions } from '$lib/server/agenda/item-lists';
import { addCommunity, addUser, freshDatabase } from '../helpers';
import { meetingPlan, primaryAdvice, submitItem } from '../builders';

let database: OpenDatabase;
let chair: { id: number; ip: null };
let practitioner: { id: number };
let communityId: number;

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	const chairUser = await addUser(database);
	chair = { id: chairUser.id, ip: null };
	practitioner = await addUser(database);
	communityId = await addCommunity(db, 'Bromyard', 'North');
});
afterAll(() => database.close());

const describeDate = (date: string) => date;
const plan = (dates: string[]) => meetingPlan(communityId, dates, 'Bromyard Centre');

async function adviceFor(meetingId: number) {
	return submitItem(
		database.db,
		meetingId,
		practitioner.id,
		primaryAdvice('not sleeping', 'advice')
	);
}

describe('scheduling meetings', () => {
	it('sets each deadline 5 working days before, skipping weekends, bank holidays and closure days', async () => {
		await database.db
			.insertInto('closure_day')
			.values({
				date: '2027-03-22',
				reason: 'Staff training',
				added_by: chair.id,
				added_at: new Date().toISOString()
			})
			.execute();
		const [plain, easter, closure] = await scheduleMeetings(
			database.db,
			plan(['2027-02-08', '2027-04-01', '2027-03-29']),
			chair
		);
		expect((await findMeeting(database.db, plain!))?.submissionDeadline).toBe('2027-02-01');
		// Counting back from Thursday 1 April 2027: 31, 30, (Easter Monday, weekend, Good Friday), 25, 24, 23
		expect((await findMeeting(database.db, easter!))?.submissionDeadline).toBe('2027-03-23');
		// Counting back from Monday 29 March: 25, 24, 23, (22 closed), 19, 18
		expect((await findMeeting(database.db, closure!))?.submissionDeadline).toBe('2027-03-18');
	});

	it('lists upcoming meetings in date order and past or cancelled ones separately', async () => {
		const lists = await listMeetings(database.db, communityId, '2027-03-01');
		expect(lists.upcoming.map((m) => m.date)).toEqual(['2027-03-29', '2027-04-01']);
		expect(lists.past.map((m) => m.date)).toEqual(['2027-02-08']);
	});

	it('moves through scheduled → agenda open → published → in progress → concluded, one step at a time', async () => {
		const [id] = await scheduleMeetings(database.db, plan(['2027-06-01']), chair);
		expect(await advanceMeeting(database.db, id!, 'agenda-open', chair)).toBe(false);
		for (const from of ['scheduled', 'agenda-open', 'agenda-published', 'in-progress'] as const) {
			expect(await advanceMeeting(database.db, id!, from, chair)).toBe(true);
		}
		expect((await findMeeting(database.db, id!))?.status).toBe('concluded');
		expect(await advanceMeeting(database.db, id!, 'concluded', chair)).toBe(false);
	});
});

describe('moving and cancelling a meeting', () => {
	it('moving keeps the items with the meeting and tells their submitters', async () => {
		const [id] = await scheduleMeetings(database.db, plan(['2027-07-06']), chair);
		await adviceFor(id!);
		const before = (await unreadNotices(database.db, practitioner.id)).length;
		expect(
			await moveMeeting(
				database.db,
				id!,
				{ date: '2027-07-13', startTime: '10:00' },
				chair,
				describeDate
			)
		).toEqual({ ok: true });
		const moved = await findMeeting(database.db, id!);
		expect(moved).toMatchObject({
			date: '2027-07-13',
			startTime: '10:00',
			submissionDeadline: '2027-07-06'
		});
		const notices = await unreadNotices(database.db, practitioner.id);
		expect(notices).toHaveLength(before + 1);
		expect(notices[0]!.message).toBe(
			'The MAG meeting your item is for has moved from 2027-07-06 to 2027-07-13.'
		);
	});

	it('cancelling moves the items to the next meeting and tells their submitters', async () => {
		const [cancelled, next] = await scheduleMeetings(
			database.db,
			plan(['2027-08-03', '2027-09-14']),
			chair
		);
		const item = await adviceFor(cancelled!);
		expect(await cancelMeeting(database.db, cancelled!, chair, describeDate)).toEqual({ ok: true });
		expect((await findMeeting(database.db, cancelled!))?.status).toBe('cancelled');
		const mine = await listMySubmissions(database.db, practitioner.id);
		expect(mine.find((s) => s.id === item)?.meetingId).toBe(next);
		const notices = await unreadNotices(database.db, practitioner.id);
		expect(notices[0]!.message).toBe(
			'The MAG meeting on 2027-08-03 is cancelled. Your item has moved to the meeting on 2027-09-14.'
		);
	});

	it('will not cancel a meeting whose items would have nowhere to go, and changes nothing', async () => {
		const [last] = await scheduleMeetings(database.db, plan(['2029-12-04']), chair);
		await adviceFor(last!);
		const result = await cancelMeeting(database.db, last!, chair, describeDate);
		expect(result).toEqual({
			ok: false,
			reason: 'Schedule the next meeting first, so this meeting’s items have somewhere to go'
		});
		expect((await findMeeting(database.db, last!))?.status).toBe('scheduled');
	});
});

describe('council closure days', () => {
	it('are added once, audited, and can be removed', async () => {
		expect(await addClosureDay(database.db, '2027-12-29', 'Christmas closure', chair)).toBe(true);
		expect(await addClosureDay(database.db, '2027-12-29', 'Again', chair)).toBe(false);
		expect(await listClosureDays(database.db)).toContainEqual({
			date: '2027-12-29',
			reason: 'Christmas closure'
		});
		await removeClosureDay(database.db, '2027-12-29', chair);
		expect((await listClosureDays(database.db)).map((d) => d.date)).not.toContain('2027-12-29');
		const audit = await database.db
			.selectFrom('audit_log')
			.select('action')
			.where('record_id', '=', '2027-12-29')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['closure-day.added', 'closure-day.removed']);
	});
});
