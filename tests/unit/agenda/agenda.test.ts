import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	acceptItems,
	buildAgenda,
	decideItem,
	deferralReasonOptions,
	parseDeferralReason,
	readDeclineReason
} from '$lib/server/agenda/agenda';
import { moveItem } from '$lib/server/agenda/reorder';
import type { DeferralReason } from '$lib/server/platform/schema';
import type { OpenDatabase } from '$lib/server/platform/db';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import { unreadNotices } from '$lib/server/people/notices';
import { createSubmission } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, freshDatabase } from '../helpers';
import { meetingPlan } from '../builders';
import { DEFERRAL_REASONS } from '$lib/domain/meeting';

let database: OpenDatabase;
let chair: { id: number; ip: null };
let practitioner: { id: number };
let meetingId: number;
let laterMeetingId: number;

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	chair = { id: (await addUser(database)).id, ip: null };
	practitioner = await addUser(database);
	const communityId = await addCommunity(db, 'Ledbury', 'South');
	[meetingId, laterMeetingId] = (await scheduleMeetings(
		db,
		{ ...meetingPlan(communityId, ['2027-05-11', '2027-06-22'], 'Ledbury'), lengthMinutes: 60 },
		chair
	)) as [number, number];
});
afterAll(() => database.close());

async function item(part: 1 | 4, label: string, meeting = meetingId) {
	const content =
		part === 1
			? ({
					part: 1,
					advice: { ageBand: '5 to 10', setting: label, worry: 'w', askedFor: 'a' }
				} as const)
			: ({ part: 4, issue: { title: label, place: 'p', happening: 'h', wanted: 'w' } } as const);
	return createSubmission(
		database.db,
		{ meetingId: meeting, submittedBy: practitioner.id, agencyId: null, late: false, content },
		null
	);
}

/** The chair defers an item to the later meeting, on Tuesday 22 June 2027. */
const deferToLater = (submissionId: number, reason: DeferralReason, now?: Date) =>
	decideItem(
		database.db,
		meetingId,
		submissionId,
		{ kind: 'defer', toMeetingId: laterMeetingId, toMeetingDate: 'Tuesday 22 June 2027', reason },
		chair,
		now
	);

describe('building an agenda', () => {
	it('puts accepted items in order within their part and adds up their time', async () => {
		const a = await item(4, 'Park drinking');
		const b = await item(1, 'nursery');
		const c = await item(4, 'School attendance');
		for (const [id, minutes] of [
			[a, 10],
			[b, 5],
			[c, 15]
		] as const) {
			expect(await decideItem(database.db, meetingId, id, { kind: 'accept', minutes }, chair)).toBe(
				true
			);
		}
		let agenda = await buildAgenda(database.db, meetingId, 60);
		expect(agenda.accepted.map((i) => i.label)).toEqual([
			'Advice: child 5 to 10, nursery',
			'Park drinking',
			'School attendance'
		]);
		expect(agenda.totalMinutes).toBe(30);
		expect(agenda.overrunMinutes).toBe(0);
		await moveItem(database.db, meetingId, c, 'up', chair);
		agenda = await buildAgenda(database.db, meetingId, 60);
		expect(agenda.accepted.map((i) => i.label)).toEqual([
			'Advice: child 5 to 10, nursery',
			'School attendance',
			'Park drinking'
		]);
	});

	it('warns when the agenda overruns the meeting', async () => {
		const long = await item(4, 'Anti-social behaviour in town');
		await decideItem(database.db, meetingId, long, { kind: 'accept', minutes: 40 }, chair);
		const agenda = await buildAgenda(database.db, meetingId, 60);
		expect(agenda.totalMinutes).toBe(70);
		expect(agenda.overrunMinutes).toBe(10);
	});

	it('warns when it holds more than 15 family items', async () => {
		const agendaBefore = await buildAgenda(database.db, laterMeetingId, 120);
		expect(agendaBefore.tooManyFamilyItems).toBe(false);
		for (let i = 0; i < 16; i++) {
			const id = await item(1, `setting ${i}`, laterMeetingId);
			await decideItem(database.db, laterMeetingId, id, { kind: 'accept', minutes: 5 }, chair);
		}
		const agenda = await buildAgenda(database.db, laterMeetingId, 120);
		expect(agenda.familyItems).toBe(16);
		expect(agenda.tooManyFamilyItems).toBe(true);
	});

	it('declining tells the submitter why; deferring moves the item to the named meeting and tells them', async () => {
		const declined = await item(4, 'Declined one');
		const deferred = await item(4, 'Deferred one');
		await decideItem(
			database.db,
			meetingId,
			declined,
			{ kind: 'decline', reason: 'This is a single-agency matter' },
			chair
		);
		await deferToLater(deferred, 'agenda-full');
		const notices = (await unreadNotices(database.db, practitioner.id)).map((n) => n.message);
		expect(notices).toContain(
			'Your item was not taken onto the agenda: This is a single-agency matter'
		);
		expect(notices).toContain(
			'Your item has been deferred to the meeting on Tuesday 22 June 2027.'
		);
		const later = await buildAgenda(database.db, laterMeetingId, 120);
		expect(later.waiting.map((i) => i.label)).toContain('Deferred one');
		const here = await buildAgenda(database.db, meetingId, 60);
		expect(here.closed.map((i) => i.label)).toContain('Declined one');
	});

	it('will not decide on an item from another meeting', async () => {
		const elsewhere = await item(4, 'Elsewhere', laterMeetingId);
		expect(
			await decideItem(database.db, meetingId, elsewhere, { kind: 'accept', minutes: 5 }, chair)
		).toBe(false);
	});

	it('records why an item was deferred, from which meeting to which, and by whom', async () => {
		const deferred = await item(1, 'Deferred for more information');
		await deferToLater(deferred, 'more-information', new Date('2027-05-04T10:00:00Z'));
		const rows = await database.db
			.selectFrom('item_deferral')
			.selectAll()
			.where('submission_id', '=', deferred)
			.execute();
		expect(rows).toEqual([
			{
				id: expect.any(Number),
				submission_id: deferred,
				from_meeting_id: meetingId,
				to_meeting_id: laterMeetingId,
				reason: 'more-information',
				deferred_by: chair.id,
				deferred_at: '2027-05-04T10:00:00.000Z'
			}
		]);
	});

	it('leaves the item where it was when its deferral cannot be recorded (one transaction)', async () => {
		const stays = await item(4, 'Stays put');
		const noticesBefore = (await unreadNotices(database.db, practitioner.id)).length;
		await expect(
			decideItem(
				database.db,
				meetingId,
				stays,
				{
					kind: 'defer',
					toMeetingId: laterMeetingId,
					toMeetingDate: 'Tuesday 22 June 2027',
					// Refused by the table's check: the move must be undone with it.
					reason: 'because' as DeferralReason
				},
				chair
			)
		).rejects.toThrow();
		const row = await database.db
			.selectFrom('submission')
			.select(['meeting_id', 'status'])
			.where('id', '=', stays)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ meeting_id: meetingId, status: 'submitted' });
		expect(
			await database.db
				.selectFrom('item_deferral')
				.select('id')
				.where('submission_id', '=', stays)
				.execute()
		).toEqual([]);
		expect(await unreadNotices(database.db, practitioner.id)).toHaveLength(noticesBefore);
	});
});

describe('reasons for deferring', () => {
	it('offers the chair every reason but "not recorded", in plain words', () => {
		expect(deferralReasonOptions()).toEqual([
			{ value: 'consent-not-confirmed', label: 'Consent could not be confirmed' },
			{ value: 'agenda-full', label: 'No room on the agenda' },
			{ value: 'presenter-unavailable', label: 'The person bringing it cannot attend' },
			{ value: 'more-information', label: 'More information is needed first' },
			{ value: 'out-of-time', label: 'The meeting ran out of time' }
		]);
		expect(DEFERRAL_REASONS['not-recorded']).toBe('No reason was recorded');
	});

	it.each([
		['agenda-full', 'agenda-full'],
		['consent-not-confirmed', 'consent-not-confirmed'],
		['not-recorded', null],
		['', null],
		['Agenda full', null]
	])('reads %j from a form as %j', (typed, expected) => {
		expect(parseDeferralReason(typed)).toBe(expected);
	});
});

describe('reasons for declining', () => {
	const TODAY = '2027-03-01';
	const reasonForm = (reason: string) => {
		const form = new FormData();
		form.set('reason', reason);
		return form;
	};
	it.each<[string, string, { ok: true; reason: string } | { ok: false; error: string }]>([
		[
			'a reason',
			'Not for this MAG: refer to the school',
			{ ok: true, reason: 'Not for this MAG: refer to the school' }
		],
		[
			'a reason with the date of a meeting',
			'Bring it to the meeting on 9/3/2027',
			{ ok: true, reason: 'Bring it to the meeting on 9/3/2027' }
		],
		['nothing', '', { ok: false, error: 'Enter a reason the submitter will see' }],
		['300 characters', 'a'.repeat(300), { ok: true, reason: 'a'.repeat(300) }],
		[
			'301 characters',
			'a'.repeat(301),
			{ ok: false, error: 'The reason must be 300 characters or fewer' }
		],
		[
			'a phone number',
			'Ring the family on 07700 900 123 instead',
			{
				ok: false,
				error: 'Reasons for declining must be anonymous: remove the phone number (07700 900 123).'
			}
		],
		[
			'a date of birth',
			'Child born 1/2/2016 is too old for this MAG',
			{ ok: false, error: expect.stringContaining('remove the possible date of birth (1/2/2016)') }
		]
	])('%s', (_, typed, expected) => {
		expect(readDeclineReason(reasonForm(typed), TODAY)).toEqual(expected);
	});
});

describe('the chair accepts several waiting items at once', () => {
	const accepting = async (a: number, b: number) =>
		acceptItems(
			database.db,
			meetingId,
			[
				{ id: a, minutes: 10 },
				{ id: b, minutes: 5 }
			],
			chair
		);
	const status = (id: number) =>
		database.db
			.selectFrom('submission')
			.select(['status', 'minutes'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

	it('accepts each with its own time', async () => {
		const [a, b] = [await item(4, 'Parking by the school'), await item(4, 'Bus shelter')];
		expect(await accepting(a, b)).toBe(true);
		expect(await status(a)).toEqual({ status: 'accepted', minutes: 10 });
		expect(await status(b)).toEqual({ status: 'accepted', minutes: 5 });
	});

	it('accepts none when one of them can no longer be accepted', async () => {
		const [a, b] = [await item(4, 'Street lighting'), await item(4, 'Park at night')];
		await database.db
			.updateTable('submission')
			.set({ status: 'withdrawn' })
			.where('id', '=', b)
			.execute();
		expect(await accepting(a, b)).toBe(false);
		expect(await status(a)).toMatchObject({ status: 'submitted' });
	});
});
