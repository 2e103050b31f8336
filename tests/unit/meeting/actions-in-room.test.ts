import { describe, expect, it } from 'vitest';
import { addAction } from '$lib/server/actions/actions';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { TODAY, database, fixture, useMeetingFixture, chair } from '../meeting-fixture';
import { at, form } from './room-fixture';
import { readActionForm } from '$lib/server/actions/action-form';

/**
 * The room's action form as src/lib/server/actions/actions.ts reads and stores it (what
 * `addActionInRoom` calls). These belong with that module's tests, under tests/unit/actions/.
 */

useMeetingFixture();

describe('actions', () => {
	const context = () => ({
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		today: TODAY
	});
	const valid = () => ({
		'action-description': 'Visit the family',
		'action-owner': `member:${fixture.people.confirmedMember}`,
		'action-due-day': '12',
		'action-due-month': '5',
		'action-due-year': '2027'
	});

	it.each([
		[
			'no description',
			{ 'action-description': '' },
			'action-description',
			'Enter what needs to be done'
		],
		['no owner', { 'action-owner': '' }, 'action-owner', 'Choose who will do this'],
		[
			'an owner from outside the community',
			{ 'action-owner': 'member:NONMEMBER' },
			'action-owner',
			'Choose who will do this'
		],
		[
			'someone else without an agency',
			{ 'action-owner': 'other', 'action-ownerName': 'Ann Lee' },
			'action-ownerAgency',
			'Enter the agency of the person who will do this'
		],
		['due today', { 'action-due-day': '11' }, 'action-due', 'The due date must be in the future'],
		[
			'due in the past',
			{ 'action-due-year': '2026' },
			'action-due',
			'The due date must be in the future'
		],
		[
			'not a real date',
			{ 'action-due-day': '31', 'action-due-month': '2' },
			'action-due',
			expect.stringContaining('real date')
		]
	])('refuses %s with a message by the field', async (_, change, field, message) => {
		const fields: Record<string, string> = { ...valid(), ...change };
		if (fields['action-owner'] === 'member:NONMEMBER')
			fields['action-owner'] = `member:${fixture.people.nonMember}`;
		const read = await readActionForm(database.db, form(fields), context());
		expect(read.input).toBeNull();
		expect(read.errors[field]).toEqual(message);
		expect(read.values['action-description']).toBe(fields['action-description']);
	});

	it.each([
		[
			'a spaced phone number in what is to be done',
			{ 'action-description': 'Ring mum on 0 7 7 0 0 9 0 0 1 2 3' },
			'action-description',
			'Actions must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3).'
		],
		[
			'an NHS number written with a letter l for a one',
			{ 'action-description': 'GP to check 943 476 59l9' },
			'action-description',
			'Actions must be anonymous: remove the NHS number (943 476 59l9).'
		],
		[
			'a date of birth',
			{ 'action-description': 'Book the health check, DOB 12/03/2015' },
			'action-description',
			'Actions must be anonymous: remove the possible date of birth (12/03/2015). ' +
				'Give an age or a month and year instead, for example “aged 7” or “March 2015”.'
		],
		[
			'more than 300 characters',
			{ 'action-description': 'a'.repeat(301) },
			'action-description',
			'What needs to be done must be 300 characters or fewer'
		],
		[
			'someone outside the meeting whose name carries an email address',
			{
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee, ann.lee at foodbank dot org',
				'action-ownerAgency': 'Food bank'
			},
			'action-ownerName',
			'Actions must be anonymous: remove the email address (ann.lee at foodbank dot org).'
		],
		[
			'someone outside the meeting whose agency carries a phone number',
			{
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee',
				'action-ownerAgency': 'Food bank (01432) 260000'
			},
			'action-ownerAgency',
			'Actions must be anonymous: remove the phone number ((01432) 260000).'
		],
		[
			'a name of more than 120 characters',
			{
				'action-owner': 'other',
				'action-ownerName': 'a'.repeat(121),
				'action-ownerAgency': 'Food bank'
			},
			'action-ownerName',
			'Their name must be 120 characters or fewer'
		],
		[
			'an agency of more than 120 characters',
			{
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee',
				'action-ownerAgency': 'a'.repeat(121)
			},
			'action-ownerAgency',
			'Their agency must be 120 characters or fewer'
		]
	])('refuses %s, keeping every field as typed', async (_, change, field, message) => {
		const fields: Record<string, string> = { ...valid(), ...change };
		const read = await readActionForm(database.db, form(fields), context());
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({ [field]: message });
		for (const [name, value] of Object.entries(fields)) expect(read.values[name]).toBe(value);
	});

	it('takes the dates of the work itself, such as the meeting it is to be done by', async () => {
		const read = await readActionForm(
			database.db,
			form({ ...valid(), 'action-description': 'Book the TAC meeting for 12/06/2027' }),
			context()
		);
		expect(read.errors).toEqual({});
		expect(read.input?.description).toBe('Book the TAC meeting for 12/06/2027');
	});

	it('accepts a person outside the meeting named with their agency', async () => {
		const read = await readActionForm(
			database.db,
			form({
				...valid(),
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee',
				'action-ownerAgency': 'Food bank'
			}),
			context()
		);
		expect(read.input).toEqual({
			description: 'Visit the family',
			ownerId: null,
			ownerName: 'Ann Lee',
			ownerAgency: 'Food bank',
			dueDate: '2027-05-12'
		});
		await addAction(
			database.db,
			{
				communityId: fixture.communityId,
				meetingId: fixture.meetingId,
				submissionId: fixture.items.issue,
				caseId: null
			},
			read.input!,
			chair(),
			at
		);
		expect(await database.db.selectFrom('action').select('owner_name').execute()).toEqual([
			{ owner_name: 'Ann Lee' }
		]);
	});
});

describe('an action posted twice', () => {
	const context = () => ({
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		today: TODAY
	});
	const onTheIssue = () => ({
		communityId: fixture.communityId,
		meetingId: fixture.meetingId,
		submissionId: fixture.items.issue,
		caseId: null
	});
	/** The room's form as the browser sends it, the page's key in its hidden field. */
	const post = (key: string) =>
		form({
			item: String(fixture.items.issue),
			formKey: key,
			'action-description': 'Write to the council about the bus stop',
			'action-owner': `member:${fixture.people.confirmedMember}`,
			'action-due-day': '12',
			'action-due-month': '5',
			'action-due-year': '2027'
		});
	async function send(body: FormData) {
		const read = await readActionForm(database.db, body, context());
		return addAction(database.db, onTheIssue(), read.input!, chair(), at, formKeyField(body));
	}
	const stored = () =>
		database.db.selectFrom('action').select(['id', 'description']).orderBy('id').execute();
	const audited = async () =>
		(
			await database.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', '=', 'action.created')
				.execute()
		).length;

	it('with the same key (a retry, a double click) is added once, and answers with the first action', async () => {
		const key = newFormKey();
		const first = await send(post(key));

		expect(await send(post(key))).toBe(first);

		expect(await stored()).toEqual([
			{ id: first, description: 'Write to the council about the bus stop' }
		]);
		expect(await audited()).toBe(1);
	});

	it('with a new key each time (the form as the page draws it again) is added twice', async () => {
		const first = await send(post(newFormKey()));
		const second = await send(post(newFormKey()));

		expect(second).not.toBe(first);
		expect((await stored()).map((a) => a.id)).toEqual([first, second]);
		expect(await audited()).toBe(2);
	});

	it('with the same key but saying something else (a page not yet given a new key) is a new action', async () => {
		const key = newFormKey();
		const first = await send(post(key));
		const other = post(key);
		other.set('action-description', 'Ask the school nurse to visit');
		const second = await send(other);

		expect(second).not.toBe(first);
		expect((await stored()).map((a) => a.description)).toEqual([
			'Write to the council about the bus stop',
			'Ask the school nurse to visit'
		]);
		expect(await audited()).toBe(2);
	});

	it('with the same key on another item is another action', async () => {
		const key = newFormKey();
		await send(post(key));
		const read = await readActionForm(database.db, post(key), context());
		await addAction(
			database.db,
			{ ...onTheIssue(), submissionId: fixture.items.advice },
			read.input!,
			chair(),
			at,
			key
		);
		expect(await stored()).toHaveLength(2);
	});

	it('without a key, or with one the server did not make, is added each time as before', async () => {
		for (const key of ['', 'not-a-key', '<script>'.repeat(3)]) await send(post(key));
		expect(await stored()).toHaveLength(3);
		expect(await database.db.selectFrom('form_submission').selectAll().execute()).toEqual([]);
	});
});
