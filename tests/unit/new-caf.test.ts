import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentForMeeting } from '$lib/server/consent';
import type { OpenDatabase } from '$lib/server/db';
import { scheduleMeetings } from '$lib/server/meetings';
import {
	communityCode,
	createNewCaf,
	initialsOf,
	readNewCaf,
	readNewCafForm
} from '$lib/server/new-caf';
import { listMeetingSubmissions } from '$lib/server/submissions';
import { addUser, freshDatabase } from './helpers';

const MEETING = '2027-03-09';
const TODAY = '2027-03-01';

describe('the consent check at submission', () => {
	it.each([
		[{ signedOn: '2027-02-20', coversMag: true }, { valid: true }],
		[{ signedOn: '2026-03-09', coversMag: true }, { valid: true }],
		[
			{ signedOn: '2026-03-08', coversMag: true },
			{ valid: false, reason: 'the consent was signed more than 12 months before the meeting' }
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
		const locality = await database.db
			.insertInto('locality')
			.values({ name: 'North' })
			.returning('id')
			.executeTakeFirstOrThrow();
		communityId = (
			await database.db
				.insertInto('community')
				.values({ name: 'Bromyard', locality_id: locality.id })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		[meetingId] = (await scheduleMeetings(
			database.db,
			{
				communityId,
				dates: [MEETING],
				startTime: '09:30',
				lengthMinutes: 120,
				venue: 'x',
				onlineLink: null,
				deadlineWorkingDays: 5
			},
			{ id: submitter.id, ip: null }
		)) as [number];
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
