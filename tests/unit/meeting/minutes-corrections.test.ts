import { describe, expect, it } from 'vitest';
import { meetingMinutes } from '$lib/server/meeting/minutes';
import {
	changedNotes,
	notesAtVersion,
	type CorrectableNote
} from '$lib/server/meeting/minutes-correction-rules';
import { form } from '../helpers';
import { readCorrectionForm } from '$lib/server/meeting/minutes-correction-form';
import {
	correctableNotes,
	correctMinutes,
	minutesAtVersion,
	minutesVersions
} from '$lib/server/meeting/minutes-corrections';
import { database, fixture, MEETING, useConcludedMeeting } from './concluded-meeting';

useConcludedMeeting();

const meeting = () => ({
	id: fixture.meetingId,
	communityId: fixture.communityId,
	communityName: 'Kington and Weobley',
	date: MEETING
});
const noteOf = async (submissionId: number) =>
	(
		await database.db
			.selectFrom('outcome')
			.select('note')
			.where('submission_id', '=', submissionId)
			.executeTakeFirstOrThrow()
	).note;

describe('which notes change', () => {
	it.each([
		['a note typed the same is no change', 'Same', 'Same', 0],
		['spaces around a note are no change', 'Same', '  Same ', 0],
		['a different note is a change', 'Before', 'After', 1],
		['emptying a note is a change', 'Before', '', 1]
	])('%s', (_, before, after, count) => {
		expect(changedNotes(new Map([[1, before]]), new Map([[1, after]]))).toHaveLength(count);
	});

	it('reads each version back from the notes now and the changes since', () => {
		const now = new Map([
			[1, 'third'],
			[2, 'two later']
		]);
		const changes = [
			{ version: 1, submissionId: 1, before: 'first', after: 'second' },
			{ version: 2, submissionId: 1, before: 'second', after: 'third' },
			{ version: 2, submissionId: 2, before: 'two', after: 'two later' }
		];
		expect(notesAtVersion(now, changes, 0)).toEqual(
			new Map([
				[1, 'first'],
				[2, 'two']
			])
		);
		expect(notesAtVersion(now, changes, 1).get(1)).toBe('second');
		expect(notesAtVersion(now, changes, 2)).toEqual(now);
	});
});

describe('the correction form', () => {
	const notes: CorrectableNote[] = [
		{ submissionId: 7, label: 'Advice', part: 1, note: 'Old note', anonymous: true },
		{
			submissionId: 8,
			label: 'KWE-2027-001 (J.E.)',
			part: 2,
			note: 'Family note',
			anonymous: false
		}
	];

	it('asks for a reason, and keeps what was typed', () => {
		const reading = readCorrectionForm(form({ 'note-7': 'New note', reason: '' }), notes);
		expect(reading).toEqual({
			ok: false,
			values: { 'note-7': 'New note', 'note-8': 'Family note', reason: '' },
			errors: { reason: 'Enter why the minutes are being corrected' }
		});
	});

	it('refuses a correction that changes nothing, by the first note', () => {
		const reading = readCorrectionForm(form({ 'note-7': 'Old note', reason: 'Typo' }), notes);
		expect(reading.ok).toBe(false);
		if (!reading.ok)
			expect(reading.errors).toEqual({
				'note-7': 'Change at least one note: the minutes say the same as before'
			});
	});

	it('screens an anonymous item’s note as anonymous, and not a family item’s', () => {
		const reading = readCorrectionForm(
			form({ 'note-7': 'Call 07700 900123', 'note-8': 'Call 07700 900123', reason: 'Added' }),
			notes
		);
		expect(reading.ok).toBe(false);
		if (!reading.ok) expect(Object.keys(reading.errors)).toEqual(['note-7']);
	});

	it('gives the changes and the reason', () => {
		expect(readCorrectionForm(form({ 'note-8': 'Fixed', reason: ' Wrong name ' }), notes)).toEqual({
			ok: true,
			reason: 'Wrong name',
			changes: [{ submissionId: 8, before: 'Family note', after: 'Fixed' }]
		});
	});
});

describe('correcting published minutes', () => {
	it('offers the chair every note shown to them, and a member who may not identify a family none of its', async () => {
		const chairs = await correctableNotes(
			database.db,
			(await meetingMinutes(database.db, fixture.meetingId, fixture.people.chair))!
		);
		expect(chairs.map((n) => n.submissionId).sort()).toEqual(
			[
				fixture.items.advice,
				fixture.items.opened,
				fixture.items.refused,
				fixture.items.issue
			].sort()
		);
		const members = await correctableNotes(
			database.db,
			(await meetingMinutes(database.db, fixture.meetingId, fixture.people.unconfirmed))!
		);
		expect(members.map((n) => n.submissionId)).not.toContain(fixture.items.opened);
	});

	it('keeps each correction as a version, changes the note, tells the other members by date alone, and audits it naming the case', async () => {
		const { db } = database;
		const before = await noteOf(fixture.items.opened);
		const result = await correctMinutes(
			db,
			meeting(),
			{
				reason: 'The mother’s words were misheard',
				changes: [
					{ submissionId: fixture.items.opened, before, after: 'The family welcomed the help' }
				],
				from: 0
			},
			fixture.people.chair,
			new Date('2027-03-12T10:00:00Z')
		);
		expect(result).toEqual({ saved: true, version: 1 });
		expect(await noteOf(fixture.items.opened)).toBe('The family welcomed the help');
		expect(await minutesVersions(db, fixture.meetingId)).toEqual([
			{
				version: 1,
				correctedAt: '2027-03-12T10:00:00.000Z',
				correctedBy: 'Helen Chair',
				reason: 'The mother’s words were misheard',
				notesChanged: 1
			}
		]);
		const notices = await db
			.selectFrom('notice')
			.select(['user_id', 'message', 'link'])
			.where('link', '=', `/meetings/${fixture.meetingId}/minutes`)
			.execute();
		expect(notices.map((n) => n.user_id)).not.toContain(fixture.people.chair.id);
		expect(notices.map((n) => n.user_id)).toContain(fixture.people.unconfirmed.id);
		expect(notices[0]!.message).toBe(
			'The minutes of the Kington and Weobley MAG meeting on Tuesday 9 March 2027 were corrected by the chair.'
		);
		expect(notices.some((n) => n.message.includes('Example-Smith'))).toBe(false);
		const audit = await db
			.selectFrom('audit_log')
			.select(['actor_id', 'record_id', 'detail'])
			.where('action', '=', 'minutes.corrected')
			.executeTakeFirstOrThrow();
		expect(audit.actor_id).toBe(fixture.people.chair.id);
		expect(audit.record_id).toBe(String(fixture.meetingId));
		expect(JSON.parse(audit.detail!)).toMatchObject({
			version: 1,
			reason: 'The mother’s words were misheard',
			cases: [fixture.openedReference]
		});

		const current = (await meetingMinutes(db, fixture.meetingId, fixture.people.chair))!;
		const published = await minutesAtVersion(db, current, 0);
		expect(published.items.find((i) => i.id === fixture.items.opened)!.note).toBe(before);
		expect(current.items.find((i) => i.id === fixture.items.opened)!.note).toBe(
			'The family welcomed the help'
		);
	});

	it('shows an earlier version only as far as the reader is shown the minutes', async () => {
		const minutes = (await meetingMinutes(
			database.db,
			fixture.meetingId,
			fixture.people.unconfirmed
		))!;
		const published = await minutesAtVersion(database.db, minutes, 0);
		const family = published.items.find((i) => i.id === fixture.items.opened)!;
		expect(family.note).toBeNull();
		expect(family.discussionWithheld).toBe(true);
	});

	it('writes nothing when the minutes were corrected since the form was loaded', async () => {
		const { db } = database;
		const result = await correctMinutes(
			db,
			meeting(),
			{
				reason: 'Late change',
				changes: [
					{
						submissionId: fixture.items.issue,
						before: await noteOf(fixture.items.issue),
						after: 'X'
					}
				],
				from: 0
			},
			fixture.people.chair
		);
		expect(result).toEqual({ saved: false, conflict: true });
		expect(await noteOf(fixture.items.issue)).toBe('Joint patrols on Fridays');
		expect(await minutesVersions(db, fixture.meetingId)).toHaveLength(1);
	});
});
