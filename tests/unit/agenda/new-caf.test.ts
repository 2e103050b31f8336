import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentForMeeting } from '$lib/server/agenda/consent';
import type { DB, OpenDatabase } from '$lib/server/platform/db';
import { newFormKey } from '$lib/server/http/form-keys';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import {
	communityCode,
	createNewCaf,
	initialsOf,
	newCafFormValues,
	readNewCaf,
	readNewCafForm,
	updateNewCaf
} from '$lib/server/agenda/new-caf';
import type { AgendaPart, MeetingStatus, SubmissionStatus } from '$lib/server/platform/schema';
import { isEditable, listMeetingSubmissions } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, form, freshDatabase } from '../helpers';

const MEETING = '2027-03-09';
const TODAY = '2027-03-01';

describe('the consent check at submission', () => {
	it.each([
		[{ signedOn: '2027-02-20', coversMag: true }, { valid: true }],
		[{ signedOn: '2026-03-09', coversMag: true }, { valid: true }],
		[
			{ signedOn: '2026-03-08', coversMag: true },
			{
				valid: false,
				reason:
					'the consent was signed more than 12 months before the meeting: the consent must be renewed'
			}
		],
		[
			{ signedOn: '2027-03-02', coversMag: true },
			{ valid: false, reason: 'the consent is dated in the future' }
		],
		[
			{ signedOn: '2027-02-20', coversMag: false },
			{ valid: false, reason: 'the consent does not cover discussion at this MAG' }
		],
		[
			{ signedOn: '2027-02-20', coversMag: true, withdrawnOn: '2027-02-25' },
			{ valid: false, reason: 'the family has withdrawn consent' }
		]
	])('%j → %j', (consent, verdict) => {
		expect(consentForMeeting(consent, MEETING, TODAY)).toEqual(verdict);
	});
});

function cafForm(overrides: Record<string, string | null> = {}): FormData {
	const fields: Record<string, string> = {
		'member-1-name': 'Jamie Example-Smith',
		'member-1-dob-day': '4',
		'member-1-dob-month': '6',
		'member-1-dob-year': '2018',
		'member-1-relationship': 'Child',
		'member-1-setting': 'Fictional Primary School, Year 3',
		'member-2-name': 'Alex Example-Smith',
		'member-2-dob-day': '1',
		'member-2-dob-month': '1',
		'member-2-dob-year': '1990',
		'member-2-relationship': 'Mother',
		'need-1-member': '1',
		'need-1-description': 'Attendance below 85%',
		'need-1-domain': 'development',
		'need-2-member': '2',
		'need-2-description': 'Support with routines',
		'need-2-domain': 'parenting',
		'cafDate-day': '15',
		'cafDate-month': '2',
		'cafDate-year': '2027',
		wayIn: 'New CAF',
		levelOfNeed: '2',
		givenBy: 'Alex Example-Smith',
		youngPerson: 'not-of-age',
		'signedOn-day': '15',
		'signedOn-month': '2',
		'signedOn-year': '2027',
		coversMag: 'yes',
		sharedWith: 'School, health visiting, family support',
		formLocation: 'Scanned to the case file'
	};
	const form = new FormData();
	for (const [name, value] of Object.entries({ ...fields, ...overrides }))
		if (value !== null) form.set(name, value);
	return form;
}

describe('reading a new CAF', () => {
	it('accepts a complete CAF with valid consent', () => {
		const result = readNewCafForm(cafForm(), MEETING, TODAY);
		expect(result.errors).toEqual({});
		expect(result.input?.members.map((m) => m.isChild)).toEqual([true, false]);
		expect(result.input?.needs).toHaveLength(2);
	});

	it('refuses consent that does not cover this MAG, offering part 1, and keeps what was typed', () => {
		const result = readNewCafForm(cafForm({ coversMag: null }), MEETING, TODAY);
		expect(result.consentRefused).toBe(true);
		expect(result.errors.coversMag).toMatch(
			/^A new CAF can be brought to part 2 only with signed, in-date consent covering discussion at this MAG: the consent does not cover discussion at this MAG\. Bring it as advice without consent \(part 1\) instead$/
		);
		expect(result.values['member-1-name']).toBe('Jamie Example-Smith');
		expect(result.input).toBeNull();
	});

	it('refuses out-of-date consent and a young person who did not consent', () => {
		expect(
			readNewCafForm(cafForm({ 'signedOn-year': '2025' }), MEETING, TODAY).errors.signedOn
		).toMatch(/more than 12 months/);
		expect(
			readNewCafForm(cafForm({ youngPerson: 'no' }), MEETING, TODAY).errors.youngPerson
		).toMatch(/has not consented/);
	});

	it.each([
		[
			{ 'member-1-setting': '' },
			'member-1-setting',
			'Enter the school or setting of family member 1'
		],
		[
			{ 'member-1-dob-day': '31', 'member-1-dob-month': '2' },
			'member-1-dob',
			'The date must be a real date'
		],
		[
			{ 'member-2-relationship': 'Lodger' },
			'member-2-relationship',
			'Choose how family member 2 is related'
		],
		[{ 'need-1-member': '3' }, 'need-1-member', 'Choose who need 1 is for'],
		[{ 'need-1-domain': 'money' }, 'need-1-domain', 'Choose the domain of need 1'],
		[{ wayIn: '' }, 'wayIn', 'Choose how the family came to early help'],
		[{ levelOfNeed: '5' }, 'levelOfNeed', 'Choose the level of need']
	])('%j → %s: %s', (overrides, field, message) => {
		expect(readNewCafForm(cafForm(overrides), MEETING, TODAY).errors[field]).toBe(message);
	});

	it.each([
		['member-1-name', 120, 'Name must be 120 characters or fewer'],
		['member-1-setting', 120, 'School or setting must be 120 characters or fewer'],
		['need-1-description', 300, 'A need must be 300 characters or fewer'],
		['givenBy', 200, 'Who gave consent must be 200 characters or fewer'],
		[
			'sharedWith',
			500,
			'The agencies the family agreed to share with must be 500 characters or fewer'
		],
		['formLocation', 200, 'Where the signed consent form is kept must be 200 characters or fewer']
	])('%s takes %i characters and no more, what was typed kept', (field, limit, message) => {
		expect(readNewCafForm(cafForm({ [field]: 'a'.repeat(limit) }), MEETING, TODAY).errors).toEqual(
			{}
		);
		const result = readNewCafForm(cafForm({ [field]: 'a'.repeat(limit + 1) }), MEETING, TODAY);
		expect(result.errors).toEqual({ [field]: message });
		expect(result.values[field]).toBe('a'.repeat(limit + 1));
	});

	it('takes a setting for an adult too, within the limit', () => {
		expect(
			readNewCafForm(cafForm({ 'member-2-setting': 'a'.repeat(121) }), MEETING, TODAY).errors
		).toEqual({ 'member-2-setting': 'School or setting must be 120 characters or fewer' });
	});

	it('does not screen what identifies the family: it is seen only through the consent gate', () => {
		const result = readNewCafForm(
			cafForm({
				'need-1-description': 'Mum (07700 900123) struggles with school runs',
				givenBy: 'Alex Example-Smith, 07700 900123',
				formLocation: 'Locked cabinet, Leominster office, HR6 8AB'
			}),
			MEETING,
			TODAY
		);
		expect(result.errors).toEqual({});
	});

	it('needs at least one child', () => {
		const errors = readNewCafForm(
			cafForm({ 'member-1-relationship': 'Carer', 'member-1-setting': '' }),
			MEETING,
			TODAY
		).errors;
		expect(errors['member-1-relationship']).toBe(
			'At least one family member must be a child or young person'
		);
	});
});

describe('references and initials', () => {
	it.each([
		['Mortimer and Leominster', 'MLE'],
		['Hereford North City', 'HNC'],
		['Hereford South City', 'HSC'],
		['Bromyard', 'BRO'],
		['Ross on Wye', 'RWY'],
		['Golden Valley', 'GVA']
	])('%s → %s', (name, code) => expect(communityCode(name)).toBe(code));

	it.each([
		['Jamie Example-Smith', 'J.E.S.'],
		['jo bloggs', 'J.B.']
	])('%s → %s', (name, initials) => expect(initialsOf(name)).toBe(initials));
});

/** The Bromyard community and its meetings on these dates. */
async function bromyard(db: DB, dates: string[], chair: { id: number }) {
	const communityId = await addCommunity(db, 'Bromyard', 'North');
	const meetingIds = (await scheduleMeetings(
		db,
		{
			communityId,
			dates,
			startTime: '09:30',
			lengthMinutes: 120,
			venue: 'x',
			onlineLink: null,
			deadlineWorkingDays: 5
		},
		{ id: chair.id, ip: null }
	)) as [number, ...number[]];
	return { communityId, meetingIds };
}

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

	const context = () => ({
		meetingId,
		communityId,
		communityName: 'Bromyard',
		submittedBy: submitter.id,
		agencyId: null,
		late: false,
		year: '2027'
	});

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
			{
				meetingId,
				communityId,
				communityName: 'Bromyard',
				submittedBy: submitter.id,
				agencyId: null,
				late: false,
				year: '2027'
			},
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
		sharedWith: 'School and family support',
		formLocation: 'In the school office safe'
	};

	it('the change form starts from exactly what is stored', async () => {
		const { submissionId } = await submitCaf();
		const family = await submitterReads(submissionId);
		expect(readNewCafForm(form(newCafFormValues(family!)), MEETING, TODAY).input).toEqual(
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
			sharedWith: 'School and family support',
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

describe('which items the submitter can change', () => {
	it.each<[AgendaPart, MeetingStatus, SubmissionStatus, boolean]>([
		[2, 'scheduled', 'submitted', true],
		[2, 'agenda-open', 'submitted', true],
		[2, 'agenda-open', 'accepted', true],
		[2, 'agenda-published', 'accepted', false],
		[2, 'in-progress', 'accepted', false],
		[2, 'concluded', 'accepted', false],
		[2, 'agenda-open', 'withdrawn', false],
		[2, 'agenda-open', 'declined', false],
		[2, 'agenda-open', 'deferred', false],
		[1, 'agenda-open', 'submitted', true],
		[4, 'agenda-open', 'accepted', true],
		[1, 'agenda-published', 'accepted', false],
		[4, 'agenda-published', 'accepted', false],
		[3, 'agenda-open', 'submitted', false]
	])('part %i, meeting %s, item %s → %s', (part, meetingStatus, status, editable) => {
		expect(isEditable({ part, meetingStatus, status })).toBe(editable);
	});
});
