import { beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { freshDatabase } from '../helpers';
import {
	chosenId,
	readAgendaDeferral,
	readDecline,
	readItemMinutes,
	readAcceptances
} from '$lib/server/meeting/agenda-form';
import { meetingWithFamilies, MEETING_DATE, TODAY } from '../meeting-fixture';
import { form } from './room-fixture';

describe("the chair's decisions on the agenda", () => {
	it('reads a chosen record as a whole number', () => {
		expect(chosenId(form({ item: '12' }), 'item')).toBe(12);
		expect(chosenId(form({ item: '1.5' }), 'item')).toBeNull();
		expect(chosenId(form({ item: 'twelve' }), 'item')).toBeNull();
	});

	it.each(['0', '61', '2.5', 'ten', ''])('refuses %j minutes, by the item', (minutes) => {
		expect(readItemMinutes(form({ 'minutes-7': minutes }), 7)).toEqual({
			typed: { minutes },
			errors: { 'minutes-7': 'Enter a time from 1 to 60 minutes' }
		});
	});

	it('accepts from 1 to 60 minutes', () => {
		expect(readItemMinutes(form({ 'minutes-7': '1' }), 7)).toEqual({ minutes: 1 });
		expect(readItemMinutes(form({ 'minutes-7': '60' }), 7)).toEqual({ minutes: 60 });
	});

	it('accepts the items ticked with their times, or sends every bad time back by its item', () => {
		const ticked = new FormData();
		for (const [name, value] of [
			['selected', '7'],
			['selected', '8'],
			['minutes-7', '10'],
			['minutes-8', 'ten'],
			['minutes-9', 'unticked, so not read']
		])
			ticked.append(name!, value!);
		expect(readAcceptances(ticked)).toEqual({
			typedByItem: { 7: { minutes: '10' }, 8: { minutes: 'ten' } },
			errors: { 'minutes-8': 'Enter a time from 1 to 60 minutes' }
		});
		ticked.set('minutes-8', '5');
		expect(readAcceptances(ticked)).toEqual({
			items: [
				{ id: 7, minutes: 10 },
				{ id: 8, minutes: 5 }
			]
		});
		expect(readAcceptances(new FormData())).toMatchObject({
			errors: { selected: 'Choose at least one item to accept' }
		});
	});

	it('needs a reason to decline, the submitter being told it, and screens it', () => {
		expect(readDecline(form({}), 7, TODAY)).toEqual({
			typed: { reason: '' },
			errors: { 'reason-7': 'Enter a reason the submitter will see' }
		});
		expect(readDecline(form({ reason: 'Bring it to the next MAG' }), 7, TODAY)).toEqual({
			reason: 'Bring it to the next MAG'
		});
	});
});

describe('deferring an item from the agenda', () => {
	let database: OpenDatabase;
	let fixture: Awaited<ReturnType<typeof meetingWithFamilies>>;
	beforeEach(async () => {
		database = await freshDatabase();
		fixture = await meetingWithFamilies(database);
	});
	const meeting = () => ({ communityId: fixture.communityId, date: MEETING_DATE });

	it('to one of the later meetings, with a reason chosen', async () => {
		const later = fixture.laterMeetingIds[1]!;
		expect(
			await readAgendaDeferral(
				database.db,
				meeting(),
				form({ toMeeting: String(later), deferReason: 'agenda-full' }),
				7,
				TODAY
			)
		).toEqual({ toMeeting: { id: later, date: '2027-08-03' }, reason: 'agenda-full' });
	});

	it('refuses this meeting or no reason, keeping what was chosen', async () => {
		expect(
			await readAgendaDeferral(
				database.db,
				meeting(),
				form({ toMeeting: String(fixture.meetingId) }),
				7,
				TODAY
			)
		).toEqual({
			typed: { toMeeting: String(fixture.meetingId), deferReason: '' },
			errors: {
				'toMeeting-7': 'Choose a later meeting',
				'deferReason-7': 'Choose why the item is deferred'
			}
		});
	});
});
