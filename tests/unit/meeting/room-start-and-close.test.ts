import { describe, expect, it } from 'vitest';
import { startMeeting } from '$lib/server/meeting/room';
import {
	concludeWhenConfirmed,
	reviewActionsLater,
	reviewSelectedActions,
	stillOpenInRoom,
	takeItemAfterReview
} from '$lib/server/meeting/room-start-and-close';
import {
	MEETING_DATE,
	TODAY,
	chair,
	database,
	fixture,
	useMeetingFixture
} from '../meeting-fixture';
import { at } from './room-fixture';

useMeetingFixture();

const meeting = () => ({
	id: fixture.meetingId,
	communityId: fixture.communityId,
	date: MEETING_DATE
});

/** An action agreed at another of the community's meetings, overdue by the meeting's day. */
async function overdueAction(description = 'Speak to the school') {
	const row = await database.db
		.insertInto('action')
		.values({
			community_id: fixture.communityId,
			meeting_id: fixture.laterMeetingIds[1]!,
			submission_id: null,
			case_id: null,
			description,
			owner_id: null,
			owner_name: 'Ann Lee',
			owner_agency: 'Agency 5',
			due_date: '2027-05-01',
			status: 'open',
			created_by: fixture.people.chair,
			created_at: '2027-04-01T10:00:00.000Z',
			completed_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

const screen = () =>
	database.db
		.selectFrom('meeting')
		.select(['status', 'current_item_id as current'])
		.where('id', '=', fixture.meetingId)
		.executeTakeFirstOrThrow();

function bulk(ids: number[], fields: Record<string, string>) {
	const data = new FormData();
	for (const id of ids) data.append('selected', String(id));
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

describe('the room opens on the actions review', () => {
	it('starts with no item on screen while overdue actions wait, and refuses the first item', async () => {
		await overdueAction();
		await overdueAction('Check the CCTV');
		expect(await startMeeting(database.db, fixture.meetingId, chair(), at)).toBe(true);
		expect(await screen()).toEqual({ status: 'in-progress', current: null });
		expect(await takeItemAfterReview(database.db, meeting(), fixture.items.advice, TODAY)).toEqual({
			done: false,
			refused: { reason: 'actions-undecided', undecided: 2 }
		});
		expect((await screen()).current).toBeNull();
	});

	it('takes the first item once every overdue action is decided', async () => {
		const ids = [await overdueAction(), await overdueAction()];
		await startMeeting(database.db, fixture.meetingId, chair(), at);
		const decided = await reviewSelectedActions(
			database.db,
			meeting(),
			bulk(ids, { 'bulk-decision': 'closed', 'bulk-reason': 'No longer needed' }),
			chair(),
			TODAY,
			null
		);
		expect(decided).toEqual({ done: true, decided: 2, kind: 'closed' });
		expect(await takeItemAfterReview(database.db, meeting(), fixture.items.advice, TODAY)).toEqual({
			done: true
		});
		expect((await screen()).current).toBe(fixture.items.advice);
	});

	it('takes the first item once the chair chooses to review them later, recorded and audited once', async () => {
		await overdueAction();
		await startMeeting(database.db, fixture.meetingId, chair(), at);
		await reviewActionsLater(database.db, fixture.meetingId, chair(), at);
		await reviewActionsLater(database.db, fixture.meetingId, chair(), at);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'record_id'])
			.where('action', '=', 'meeting.actions-review-later')
			.execute();
		expect(audit).toEqual([
			{ actor_id: fixture.people.chair, record_id: String(fixture.meetingId) }
		]);
		expect(await takeItemAfterReview(database.db, meeting(), fixture.items.issue, TODAY)).toEqual({
			done: true
		});
	});

	it('sends the bulk form back with nothing changed when its input is bad', async () => {
		const id = await overdueAction();
		const answer = await reviewSelectedActions(
			database.db,
			meeting(),
			bulk([id], { 'bulk-decision': 'extended' }),
			chair(),
			TODAY,
			null
		);
		expect(answer).toMatchObject({ done: false, errors: { 'bulk-due': 'Enter the due date' } });
		const action = await database.db
			.selectFrom('action')
			.select(['due_date'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(action.due_date).toBe('2027-05-01');
	});

	it('starts on the first item when nothing is overdue', async () => {
		await startMeeting(database.db, fixture.meetingId, chair(), at);
		expect((await screen()).current).toBe(fixture.items.advice);
	});
});

describe('concluding asks first, with what is still open', () => {
	it('lists the items without an outcome and the undecided actions, and concludes nothing', async () => {
		await overdueAction();
		await startMeeting(database.db, fixture.meetingId, chair(), at);
		const asked = await concludeWhenConfirmed(database.db, meeting(), false, chair(), TODAY);
		expect(asked).toMatchObject({
			concluded: false,
			itemsWithoutOutcome: 5,
			confirm: expect.arrayContaining(['5 agenda items not taken', '1 overdue action undecided'])
		});
		expect((await screen()).status).toBe('in-progress');
		expect(await stillOpenInRoom(database.db, meeting(), TODAY)).toEqual(
			(asked as { confirm: string[] }).confirm
		);
	});

	it('on confirmation still refuses while an item has no outcome', async () => {
		await startMeeting(database.db, fixture.meetingId, chair(), at);
		expect(await concludeWhenConfirmed(database.db, meeting(), true, chair(), TODAY)).toEqual({
			concluded: false,
			itemsWithoutOutcome: 5
		});
		expect((await screen()).status).toBe('in-progress');
	});

	it('concludes on confirmation once every item has gone', async () => {
		await startMeeting(database.db, fixture.meetingId, chair(), at);
		await database.db
			.updateTable('submission')
			.set({ status: 'deferred', meeting_id: fixture.laterMeetingIds[0]! })
			.where('meeting_id', '=', fixture.meetingId)
			.execute();
		expect(await concludeWhenConfirmed(database.db, meeting(), true, chair(), TODAY)).toEqual({
			concluded: true
		});
		expect((await screen()).status).toBe('concluded');
	});
});
