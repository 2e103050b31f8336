import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '$lib/server/auth/tokens';
import {
	createFeedLink,
	feedFor,
	feedLinkOf,
	meetingCalendar,
	revokeFeedLink,
	userForFeedToken
} from '$lib/server/calendar/calendar';
import type { OpenDatabase } from '$lib/server/platform/db';
import { foldLine } from '$lib/server/calendar/icalendar';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import { createSubmission } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, freshDatabase } from '../helpers';

const ORIGIN = 'https://mag.council.example';
const NOW = new Date('2027-03-01T12:00:00Z');
const CHILD = 'Zebedee Quill';
const PARENT = 'Marigold Quill';
const SECRET_WORDING = 'Ring the mother about the tenancy';
const LONG_VENUE =
	'Ledbury Community Hall, Room 2; upstairs (lift), 1 Bye Street, Ledbury – ask at reception \\ café';

let database: OpenDatabase;
let member: { id: number };
let other: { id: number };
let ledbury: number;
let summerMeeting: number;
let winterMeeting: number;
let onlineMeeting: number;
let cancelledMeeting: number;
let bromyardMeeting: number;
let longAgoMeeting: number;
let caseAction: number;
let issueAction: number;
let doneAction: number;
let othersAction: number;

async function schedule(
	communityId: number,
	date: string,
	place: { venue: string | null; onlineLink: string | null },
	chairId: number
) {
	const [id] = await scheduleMeetings(
		database.db,
		{
			communityId,
			dates: [date],
			startTime: '09:30',
			lengthMinutes: 120,
			deadlineWorkingDays: 5,
			...place
		},
		{ id: chairId, ip: null },
		NOW
	);
	return id!;
}

async function action(values: {
	meetingId: number;
	ownerId: number;
	dueDate: string;
	caseId?: number;
	submissionId?: number;
	status?: 'open' | 'in-progress' | 'done';
}) {
	const row = await database.db
		.insertInto('action')
		.values({
			community_id: ledbury,
			meeting_id: values.meetingId,
			submission_id: values.submissionId ?? null,
			case_id: values.caseId ?? null,
			description: SECRET_WORDING,
			owner_id: values.ownerId,
			owner_name: 'Someone',
			owner_agency: 'Housing Solutions',
			due_date: values.dueDate,
			status: values.status ?? 'open',
			created_by: values.ownerId,
			created_at: NOW.toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	member = await addUser(database);
	other = await addUser(database);
	const chair = await addUser(database);
	ledbury = await addCommunity(database.db, 'Ledbury', 'Ledbury locality');
	const bromyard = await addCommunity(database.db, 'Bromyard', 'Bromyard locality');
	await db
		.insertInto('community_membership')
		.values([
			{ user_id: member.id, community_id: ledbury, role: 'member' },
			{ user_id: other.id, community_id: bromyard, role: 'member' }
		])
		.execute();

	summerMeeting = await schedule(
		ledbury,
		'2027-05-11',
		{ venue: LONG_VENUE, onlineLink: null },
		chair.id
	);
	winterMeeting = await schedule(
		ledbury,
		'2027-01-12',
		{ venue: 'Ledbury Library', onlineLink: 'https://meet.example/abc?x=1,2' },
		chair.id
	);
	onlineMeeting = await schedule(
		ledbury,
		'2027-06-22',
		{ venue: null, onlineLink: 'https://meet.example/ledbury' },
		chair.id
	);
	cancelledMeeting = await schedule(
		ledbury,
		'2027-08-03',
		{ venue: 'Hall', onlineLink: null },
		chair.id
	);
	await db
		.updateTable('meeting')
		.set({ status: 'cancelled' })
		.where('id', '=', cancelledMeeting)
		.execute();
	longAgoMeeting = await schedule(
		ledbury,
		'2026-02-10',
		{ venue: 'Hall', onlineLink: null },
		chair.id
	);
	bromyardMeeting = await schedule(
		bromyard,
		'2027-05-12',
		{ venue: 'Bromyard', onlineLink: null },
		chair.id
	);

	const familyCase = await db
		.insertInto('family_case')
		.values({
			reference: 'LED-2027-001',
			community_id: ledbury,
			initials: 'ZQ',
			created_by: member.id,
			created_at: NOW.toISOString(),
			lead_professional_id: member.id,
			next_review_meeting_id: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('family_member')
		.values([
			{
				case_id: familyCase.id,
				name: CHILD,
				date_of_birth: '2019-05-04',
				relationship: 'Child',
				setting: 'Ledbury Primary School',
				is_child: 1
			},
			{
				case_id: familyCase.id,
				name: PARENT,
				date_of_birth: '1990-02-11',
				relationship: 'Mother',
				setting: null,
				is_child: 0
			}
		])
		.execute();
	const issue = await createSubmission(
		db,
		{
			meetingId: winterMeeting,
			submittedBy: member.id,
			agencyId: null,
			late: false,
			content: {
				part: 4,
				issue: { title: 'Drinking in the park', place: 'p', happening: 'h', wanted: 'w' }
			}
		},
		null,
		NOW
	);
	caseAction = await action({
		meetingId: winterMeeting,
		ownerId: member.id,
		dueDate: '2027-03-15',
		caseId: familyCase.id
	});
	issueAction = await action({
		meetingId: winterMeeting,
		ownerId: member.id,
		dueDate: '2027-03-29',
		submissionId: issue,
		status: 'in-progress'
	});
	doneAction = await action({
		meetingId: winterMeeting,
		ownerId: member.id,
		dueDate: '2027-03-20',
		status: 'done'
	});
	othersAction = await action({
		meetingId: winterMeeting,
		ownerId: other.id,
		dueDate: '2027-03-22',
		caseId: familyCase.id
	});
});
afterAll(() => database.close());

function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
	return { calendar, events, byUid: new Map(events.map((event) => [event.uid, event])) };
}

async function memberFeed() {
	return feedFor(database.db, member.id, { origin: ORIGIN, name: 'MAG meetings', now: NOW });
}

describe('the calendar feed', () => {
	it('is iCalendar a real parser reads: CRLF lines of at most 75 octets, with the required properties', async () => {
		const text = await memberFeed();
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) {
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
		const { calendar, events } = parse(text);
		expect(calendar.name).toBe('vcalendar');
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) {
			expect(event.uid).toMatch(/^(meeting|action)-\d+@mag\.council\.example$/);
			expect(event.startDate).toBeTruthy();
			expect(event.summary).toBeTruthy();
			expect(event.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
		}
	});

	it('holds the meetings of the person’s own MAGs, not cancelled ones, other MAGs’ or those over a year old', async () => {
		const { byUid } = parse(await memberFeed());
		const host = 'mag.council.example';
		expect(byUid.get(`meeting-${summerMeeting}@${host}`)?.summary).toBe('Ledbury MAG meeting');
		expect(byUid.has(`meeting-${winterMeeting}@${host}`)).toBe(true);
		expect(byUid.has(`meeting-${onlineMeeting}@${host}`)).toBe(true);
		expect(byUid.has(`meeting-${cancelledMeeting}@${host}`)).toBe(false);
		expect(byUid.has(`meeting-${bromyardMeeting}@${host}`)).toBe(false);
		// More than a year before now: left out so the feed stays small.
		expect(byUid.has(`meeting-${longAgoMeeting}@${host}`)).toBe(false);
	});

	it.each([
		[
			'in British Summer Time',
			() => summerMeeting,
			'2027-05-11T08:30:00.000Z',
			'2027-05-11T10:30:00.000Z'
		],
		['in winter (GMT)', () => winterMeeting, '2027-01-12T09:30:00.000Z', '2027-01-12T11:30:00.000Z']
	])('puts a 09:30 meeting %s at the right instant', async (_, meeting, start, end) => {
		const event = parse(await memberFeed()).byUid.get(`meeting-${meeting()}@mag.council.example`)!;
		expect(event.startDate.toJSDate().toISOString()).toBe(start);
		expect(event.endDate.toJSDate().toISOString()).toBe(end);
	});

	it('escapes and folds a long venue with commas, semicolons and a backslash so it reads back whole', async () => {
		const text = await memberFeed();
		expect(text).toContain('Room 2\\; upstairs');
		expect(text).toMatch(/\r\n [^\r\n]/);
		const event = parse(text).byUid.get(`meeting-${summerMeeting}@mag.council.example`)!;
		expect(event.location).toBe(LONG_VENUE);
	});

	it('gives an online meeting its link as the location, and a meeting with both the link in its description', async () => {
		const { byUid } = parse(await memberFeed());
		expect(byUid.get(`meeting-${onlineMeeting}@mag.council.example`)?.location).toBe(
			'https://meet.example/ledbury'
		);
		const winter = byUid.get(`meeting-${winterMeeting}@mag.council.example`)!;
		expect(winter.location).toBe('Ledbury Library');
		expect(winter.description).toContain('Online: https://meet.example/abc?x=1,2');
		expect(winter.description).toContain(`${ORIGIN}/meetings/${winterMeeting}`);
	});

	it('holds the person’s own open and in-progress actions as all-day events on their due dates', async () => {
		const { byUid } = parse(await memberFeed());
		const onCase = byUid.get(`action-${caseAction}@mag.council.example`)!;
		expect(onCase.summary).toBe('Action due: LED-2027-001');
		expect(onCase.startDate.isDate).toBe(true);
		expect(onCase.startDate.toString()).toBe('2027-03-15');
		expect(onCase.description).toContain('Ledbury MAG meeting on 12 January 2027');
		const onIssue = byUid.get(`action-${issueAction}@mag.council.example`)!;
		expect(onIssue.summary).toBe('Action due: Drinking in the park');
		expect(byUid.has(`action-${doneAction}@mag.council.example`)).toBe(false);
		expect(byUid.has(`action-${othersAction}@mag.council.example`)).toBe(false);
	});

	it('never carries a family’s names or what an action says', async () => {
		const text = (await memberFeed()).replace(/\r\n /g, '');
		expect(text).toContain('LED-2027-001');
		expect(text).not.toContain(CHILD);
		expect(text).not.toContain(PARENT);
		expect(text).not.toContain('Quill');
		expect(text).not.toContain(SECRET_WORDING);
	});
});

describe('one meeting to download', () => {
	it('is a calendar with just that meeting', async () => {
		const text = await meetingCalendar(database.db, summerMeeting, {
			origin: ORIGIN,
			name: 'MAG meetings',
			now: NOW
		});
		const { events } = parse(text!);
		expect(events.map((event) => event.uid)).toEqual([
			`meeting-${summerMeeting}@mag.council.example`
		]);
		expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2027-05-11T08:30:00.000Z');
	});

	it('is not offered for a cancelled meeting', async () => {
		expect(
			await meetingCalendar(database.db, cancelledMeeting, { origin: ORIGIN, name: 'MAG meetings' })
		).toBeNull();
	});
});

describe('folding', () => {
	it('never splits a character’s UTF-8 bytes across lines', () => {
		const folded = foldLine(`SUMMARY:${'é'.repeat(100)}`);
		const lines = folded.split('\r\n');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join('')).toBe(
			`SUMMARY:${'é'.repeat(100)}`
		);
	});
});

describe('feed links', () => {
	it('stores only a hash of the token, and finds the person by it, recording when it was read', async () => {
		const person = await addUser(database);
		const token = await createFeedLink(database.db, { id: person.id, ip: null }, NOW);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const rows = await database.db
			.selectFrom('calendar_feed')
			.selectAll()
			.where('user_id', '=', person.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]!.token_hash).toBe(sha256Hex(token));
		expect(JSON.stringify(rows)).not.toContain(token);
		expect(await feedLinkOf(database.db, person.id)).toEqual({
			createdAt: NOW.toISOString(),
			lastUsedAt: null
		});

		const later = new Date('2027-03-02T08:00:00Z');
		expect(await userForFeedToken(database.db, token, later)).toEqual({ userId: person.id });
		expect((await feedLinkOf(database.db, person.id))?.lastUsedAt).toBe(later.toISOString());
	});

	it('keeps one live link: a new one stops the old one working', async () => {
		const person = await addUser(database);
		const first = await createFeedLink(database.db, { id: person.id, ip: null });
		const second = await createFeedLink(database.db, { id: person.id, ip: null });
		expect(await userForFeedToken(database.db, first)).toBeNull();
		expect(await userForFeedToken(database.db, second)).toEqual({ userId: person.id });
		const live = await database.db
			.selectFrom('calendar_feed')
			.select('id')
			.where('user_id', '=', person.id)
			.where('revoked_at', 'is', null)
			.execute();
		expect(live).toHaveLength(1);
	});

	it('gives nothing once revoked', async () => {
		const person = await addUser(database);
		const token = await createFeedLink(database.db, { id: person.id, ip: null });
		expect(await revokeFeedLink(database.db, { id: person.id, ip: null })).toBe(true);
		expect(await userForFeedToken(database.db, token)).toBeNull();
		expect(await feedLinkOf(database.db, person.id)).toBeNull();
		expect(await revokeFeedLink(database.db, { id: person.id, ip: null })).toBe(false);
	});

	it('gives nothing for a disabled account', async () => {
		const person = await addUser(database);
		const token = await createFeedLink(database.db, { id: person.id, ip: null });
		await database.db
			.updateTable('user')
			.set({ disabled_at: NOW.toISOString() })
			.where('id', '=', person.id)
			.execute();
		expect(await userForFeedToken(database.db, token)).toBeNull();
	});

	it.each(['', 'not-a-token', 'a'.repeat(32), 'A'.repeat(32)])(
		'gives nothing for an unknown token %j',
		async (token) => {
			expect(await userForFeedToken(database.db, token)).toBeNull();
		}
	);

	it('records making and revoking a link in the audit log', async () => {
		const person = await addUser(database);
		await createFeedLink(database.db, { id: person.id, ip: '192.0.2.1' });
		await revokeFeedLink(database.db, { id: person.id, ip: '192.0.2.1' });
		const entries = await database.db
			.selectFrom('audit_log')
			.select('action')
			.where('actor_id', '=', person.id)
			.orderBy('id')
			.execute();
		expect(entries.map((entry) => entry.action)).toEqual([
			'calendar-feed.created',
			'calendar-feed.revoked'
		]);
	});
});
