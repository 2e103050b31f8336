import { beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { freshDatabase } from '../helpers';
import { findMeeting } from '$lib/server/agenda/meetings';
import { confirmConfidentiality } from '$lib/server/meeting/attendance';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import { saveRegister } from '$lib/server/meeting/register';
import { startMeeting, takeItem } from '$lib/server/meeting/room';
import { roomForReader } from '$lib/server/meeting/room-view';
import { CHILD, meetingWithFamilies, MEETING_DATE, TODAY } from '../meeting-fixture';
import { at } from './room-fixture';

let database: OpenDatabase;
let fixture: Awaited<ReturnType<typeof meetingWithFamilies>>;

beforeEach(async () => {
	database = await freshDatabase();
	fixture = await meetingWithFamilies(database);
	const { db } = database;
	await startMeeting(db, fixture.meetingId, chair(), at);
	await takeItem(db, fixture.meetingId, fixture.items.fine, at);
	await saveRegister(
		db,
		fixture.meetingId,
		[
			{
				userId: fixture.people.unconfirmedMember,
				status: 'present',
				substituteName: null,
				agreedAloud: false
			}
		],
		chair(),
		at
	);
	await confirmConfidentiality(db, fixture.meetingId, { ...chair(), organiser: true }, at);
});

const chair = () => ({ id: fixture.people.chair, ip: '192.0.2.1' });

async function roomFor(who: 'chair' | 'unconfirmedMember' | 'absentMember') {
	const meeting = (await findMeeting(database.db, fixture.meetingId))!;
	const role = who === 'chair' ? 'chair' : 'member';
	return roomForReader(
		database.db,
		meeting,
		{ id: fixture.people[who], ip: null, role, organiser: who === 'chair' },
		TODAY
	);
}

const familyReads = () =>
	database.db
		.selectFrom('audit_log')
		.select(['actor_id', 'record_id'])
		.where('action', '=', 'family.viewed')
		.execute();

describe('the room as each reader sees it', () => {
	it('shows the item on screen by reference alone to a member who has not agreed', async () => {
		const room = await roomFor('unconfirmedMember');
		expect(room.meeting).toMatchObject({ id: fixture.meetingId, date: MEETING_DATE });
		expect(room).toMatchObject({ organiser: false, confirmed: false, notAdmitted: false });
		expect(room.item?.family).toMatchObject({
			reference: fixture.references.fine,
			gate: 'closed',
			consent: null,
			members: null,
			needs: null
		});
		expect(room.choices).toBeNull();
		expect(room.item?.offers).toMatchObject({ openGate: false, defer: false, outcome: false });
		expect(await familyReads()).toEqual([]);
	});

	it('tells someone the register does not have present to ask the chair', async () => {
		const room = await roomFor('absentMember');
		expect(room).toMatchObject({ notAdmitted: true, askedToJoin: false, joinRequests: [] });
	});

	it('shows the chair who agreed the consent at a closed gate, its read logged, and the gate to open', async () => {
		const room = await roomFor('chair');
		expect(room.item?.family?.consent).toMatchObject({ givenBy: 'Marigold Quill' });
		expect(room.item?.family?.members).toBeNull();
		expect(room.item?.offers).toMatchObject({ openGate: true, defer: true, outcome: false });
		expect(room.choices?.reviewMeetings.map((m) => m.value)).toEqual(
			fixture.laterMeetingIds.map(String)
		);
		expect(await familyReads()).toEqual([
			{ actor_id: fixture.people.chair, record_id: fixture.references.fine }
		]);
	});

	it('names the family once the gate opens, only to those who agreed', async () => {
		await checkConsentGate(
			database.db,
			{ id: fixture.meetingId, date: MEETING_DATE },
			fixture.items.fine,
			chair(),
			TODAY,
			at
		);
		const chairs = await roomFor('chair');
		expect(chairs.item?.family?.members?.map((m) => m.name)).toContain(CHILD);
		expect(chairs.item?.offers).toMatchObject({ outcome: true, addAction: true, defer: false });
		const members = await roomFor('unconfirmedMember');
		expect(members.item?.family?.members).toBeNull();
		expect(members.item?.outcome).toBeNull();
	});
});
