import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { newFormKey } from '$lib/server/http/form-keys';
import { createNewCaf, readNewCaf, updateNewCaf } from '$lib/server/agenda/new-caf';
import { newCafFormValues, readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { listMeetingSubmissions } from '$lib/server/agenda/item-lists';
import { addUser, freshDatabase } from '../helpers';
import { bromyard, cafForm, MEETING, TODAY } from './new-caf-fixture';
import { newCafContext } from '../builders';

describe('submitting a new CAF', () => {
	let database: OpenDatabase;
	let submitter: { id: number };
	let reader: { id: number };
	let meetingId: number;
	let communityId: number;
	beforeAll(async () => {
		database = await freshDatabase();
		submitter = await addUser(database);
		reader = await addUser(database);
		({
			communityId,
			meetingIds: [meetingId]
		} = await bromyard(database.db, [MEETING], submitter));
	});
	afterAll(() => database.close());

	const context = () => newCafContext(meetingId, communityId, 'Bromyard', submitter.id);

	it('numbers cases within the community and year, and lists them by reference and initials only', async () => {
		const input = readNewCafForm(cafForm(), MEETING, TODAY).input!;
		const first = await createNewCaf(database.db, context(), input, null);
		const second = await createNewCaf(database.db, context(), input, null);
		expect([first.reference, second.reference]).toEqual(['BRO-2027-001', 'BRO-2027-002']);
		const items = await listMeetingSubmissions(database.db, meetingId);
		const labels = items.map((i) => i.label);
		expect(labels).toContain('BRO-2027-001 (J.E.S.), New CAF');
		expect(JSON.stringify(items)).not.toContain('Jamie');
		expect(JSON.stringify(items)).not.toContain('Attendance below');
	});

	it('sent twice with the same key opens one case and answers with it; with a new key, another', async () => {
		const cases = async () =>
			(await database.db.selectFrom('family_case').select('id').execute()).length;
		const before = await cases();
		const input = readNewCafForm(cafForm(), MEETING, TODAY).input!;
		const key = newFormKey();
		const first = await createNewCaf(database.db, context(), input, null, new Date(), key);

		expect(await createNewCaf(database.db, context(), input, null, new Date(), key)).toEqual(first);
		expect(await cases()).toBe(before + 1);

		const other = await createNewCaf(database.db, context(), input, null, new Date(), newFormKey());
		expect(other.reference).not.toBe(first.reference);
		expect(await cases()).toBe(before + 2);
	});

	it('logs who read the family’s details, which family and why', async () => {
		const items = await listMeetingSubmissions(database.db, meetingId);
		const family = await readNewCaf(database.db, items[0]!.id, {
			id: reader.id,
			ip: '192.0.2.9',
			why: 'chair preparing the agenda'
		});
		expect(family?.members.map((m) => m.name)).toContain('Jamie Example-Smith');
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'action', 'record_id', 'detail'])
			.where('action', '=', 'family.viewed')
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ actor_id: reader.id, record_id: family!.reference });
		expect(JSON.parse(entry.detail!)).toMatchObject({ why: 'chair preparing the agenda' });
	});

	it('saves nothing when part of the save fails', async () => {
		const before = await database.db.selectFrom('family_case').select('id').execute();
		const input = readNewCafForm(cafForm(), MEETING, TODAY).input!;
		const broken = {
			...input,
			needs: [{ memberRow: 9, description: 'x', domain: 'development' as const }]
		};
		await expect(createNewCaf(database.db, context(), broken, null)).rejects.toThrow();
		expect(await database.db.selectFrom('family_case').select('id').execute()).toEqual(before);
		expect(
			await database.db
				.selectFrom('family_member')
				.select('id')
				.where(
					'case_id',
					'not in',
					before.map((b) => b.id)
				)
				.execute()
		).toEqual([]);
	});
});

describe('changing a new CAF before the agenda is published', () => {
	let database: OpenDatabase;
	let submitter: { id: number };
	const actor = () => ({ id: submitter.id, ip: null });
	let communityId: number;
	let openMeetingId: number;
	let publishedMeetingId: number;
	beforeAll(async () => {
		database = await freshDatabase();
		submitter = await addUser(database);
		const bromyardMeetings = await bromyard(database.db, [MEETING, '2027-04-20'], submitter);
		communityId = bromyardMeetings.communityId;
		[openMeetingId, publishedMeetingId] = bromyardMeetings.meetingIds as [number, number];
	});
	afterAll(() => database.close());

	async function submitCaf(meetingId = openMeetingId) {
		const input = readNewCafForm(cafForm(), MEETING, TODAY).input!;
		return createNewCaf(
			database.db,
			newCafContext(meetingId, communityId, 'Bromyard', submitter.id),
			input,
			null
		);
	}

	const submitterReads = (submissionId: number) =>
		readNewCaf(database.db, submissionId, {
			id: submitter.id,
			ip: null,
			why: 'submitter reading their own item'
		});

	/** Everything a part 2 item stores, and how long the audit log is. */
	async function storedItem(submissionId: number) {
		const { db } = database;
		const caf = await db
			.selectFrom('new_caf')
			.selectAll()
			.where('submission_id', '=', submissionId)
			.executeTakeFirstOrThrow();
		return {
			caf,
			familyCase: await db
				.selectFrom('family_case')
				.selectAll()
				.where('id', '=', caf.case_id)
				.executeTakeFirstOrThrow(),
			members: await db
				.selectFrom('family_member')
				.selectAll()
				.where('case_id', '=', caf.case_id)
				.orderBy('id')
				.execute(),
			needs: await db
				.selectFrom('need')
				.selectAll()
				.where('case_id', '=', caf.case_id)
				.orderBy('id')
				.execute(),
			consent: await db
				.selectFrom('consent')
				.selectAll()
				.where('id', '=', caf.consent_id)
				.executeTakeFirstOrThrow(),
			submission: await db
				.selectFrom('submission')
				.selectAll()
				.where('id', '=', submissionId)
				.executeTakeFirstOrThrow(),
			auditEntries: (
				await db
					.selectFrom('audit_log')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		};
	}

	// Member 1 renamed, member 2 removed, a father added in row 3; need 1 reworded, need 2 is his.
	const changes = {
		'member-1-name': 'Riley Sample',
		'member-2-name': null,
		'member-2-dob-day': null,
		'member-2-dob-month': null,
		'member-2-dob-year': null,
		'member-2-relationship': null,
		'member-3-name': 'Sam Sample',
		'member-3-dob-day': '5',
		'member-3-dob-month': '5',
		'member-3-dob-year': '1988',
		'member-3-relationship': 'Father',
		'need-1-description': 'Attendance below 80%',
		'need-2-member': '3',
		'cafDate-day': '18',
		wayIn: 'From the front door',
		levelOfNeed: '3a',
		givenBy: 'Sam Sample',
		'signedOn-day': '20',
		sharesWith: 'all',
		partnerChecks: 'no',
		formLocation: 'In the school office safe'
	};

	it('the change form starts from exactly what is stored', async () => {
		const { submissionId } = await submitCaf();
		const family = await submitterReads(submissionId);
		const form = new FormData();
		for (const [name, value] of Object.entries(newCafFormValues(family!))) form.set(name, value);
		expect(readNewCafForm(form, MEETING, TODAY).input).toEqual(
			readNewCafForm(cafForm(), MEETING, TODAY).input
		);
	});

	it('replaces the family and needs, updates the CAF, consent and initials, and keeps the reference', async () => {
		const { submissionId, reference } = await submitCaf();
		const input = readNewCafForm(cafForm(changes), MEETING, TODAY).input!;
		const now = new Date('2027-03-02T10:00:00Z');

		const saved = await updateNewCaf(database.db, submissionId, input, 0, actor(), now);

		expect(saved).toEqual({ saved: true, version: 1 });
		const family = (await submitterReads(submissionId))!;
		expect(family).toMatchObject({
			reference,
			initials: 'R.S.',
			cafDate: '2027-02-18',
			wayIn: 'From the front door',
			levelOfNeed: '3a',
			givenBy: 'Sam Sample',
			youngPerson: 'not-of-age',
			signedOn: '2027-02-20',
			coversMag: true,
			sharing: { allAgencies: true, partnerChecks: false, words: 'All agencies at this MAG' },
			formLocation: 'In the school office safe'
		});
		expect(family.members.map((m) => [m.name, m.dateOfBirth, m.relationship])).toEqual([
			['Riley Sample', '2018-06-04', 'Child'],
			['Sam Sample', '1988-05-05', 'Father']
		]);
		const nameOf = (id: number) => family.members.find((m) => m.id === id)?.name;
		expect(family.needs.map((n) => [nameOf(n.memberId), n.description, n.domain])).toEqual([
			['Riley Sample', 'Attendance below 80%', 'development'],
			['Sam Sample', 'Support with routines', 'parenting']
		]);
		const stored = await storedItem(submissionId);
		expect(stored.members).toHaveLength(2);
		expect(stored.submission.updated_at).toBe(now.toISOString());
		const labels = (await listMeetingSubmissions(database.db, openMeetingId)).map((i) => i.label);
		expect(labels).toContain(`${reference} (R.S.), From the front door`);
	});

	it('logs the change by item and reference, never with the family’s details', async () => {
		const { submissionId, reference } = await submitCaf();
		const input = readNewCafForm(cafForm(changes), MEETING, TODAY).input!;
		await updateNewCaf(database.db, submissionId, input, 0, { id: submitter.id, ip: '192.0.2.7' });
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'record_type', 'record_id', 'ip', 'detail'])
			.where('action', '=', 'submission.updated')
			.where('record_id', '=', String(submissionId))
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({
			actor_id: submitter.id,
			record_type: 'submission',
			ip: '192.0.2.7'
		});
		expect(JSON.parse(entry.detail!)).toEqual({ part: 2, reference });
		for (const secret of ['Riley', 'Sample', 'Attendance', '2018', 'school office'])
			expect(entry.detail).not.toContain(secret);
	});

	it('leaves everything as it was when part of the save fails', async () => {
		const { submissionId } = await submitCaf();
		const before = await storedItem(submissionId);
		const input = readNewCafForm(cafForm(changes), MEETING, TODAY).input!;
		// The family is replaced first; the last need then points at a member who is not there.
		const broken = {
			...input,
			needs: [
				...input.needs,
				{ memberRow: 4, description: 'Housing', domain: 'family-environment' as const }
			]
		};

		await expect(updateNewCaf(database.db, submissionId, broken, 0, actor())).rejects.toThrow(
			'not in the family'
		);

		expect(await storedItem(submissionId)).toEqual(before);
	});

	it('changes nothing once the agenda is published', async () => {
		const { submissionId } = await submitCaf(publishedMeetingId);
		await database.db
			.updateTable('meeting')
			.set({ status: 'agenda-published' })
			.where('id', '=', publishedMeetingId)
			.execute();
		const before = await storedItem(submissionId);
		const input = readNewCafForm(cafForm(changes), MEETING, TODAY).input!;

		expect(await updateNewCaf(database.db, submissionId, input, 0, actor())).toEqual({
			saved: false,
			closed: true
		});

		expect(await storedItem(submissionId)).toEqual(before);
	});

	it('refuses a second save from a page loaded before the first, keeping the first', async () => {
		const { submissionId } = await submitCaf();
		// Two browsers open the item at version 0; the first saves its change.
		const first = readNewCafForm(cafForm(changes), MEETING, TODAY).input!;
		expect(await updateNewCaf(database.db, submissionId, first, 0, actor())).toEqual({
			saved: true,
			version: 1
		});
		const afterFirst = await storedItem(submissionId);
		const second = readNewCafForm(
			cafForm({ 'member-1-name': 'Robin Other', givenBy: 'Someone Else' }),
			MEETING,
			TODAY
		).input!;

		expect(await updateNewCaf(database.db, submissionId, second, 0, actor())).toEqual({
			saved: false,
			conflict: true
		});

		expect(await storedItem(submissionId)).toEqual(afterFirst);
		expect((await submitterReads(submissionId))!.members[0]!.name).toBe('Riley Sample');
		// Loaded again, at version 1, the second browser's change goes through.
		expect(await updateNewCaf(database.db, submissionId, second, 1, actor())).toEqual({
			saved: true,
			version: 2
		});
		expect((await submitterReads(submissionId))!.members[0]!.name).toBe('Robin Other');
	});

	it('refuses a save that brings no version rather than let it overwrite', async () => {
		const { submissionId } = await submitCaf();
		const before = await storedItem(submissionId);
		const input = readNewCafForm(cafForm(changes), MEETING, TODAY).input!;

		expect(await updateNewCaf(database.db, submissionId, input, null, actor())).toEqual({
			saved: false,
			conflict: true
		});

		expect(await storedItem(submissionId)).toEqual(before);
	});
});
