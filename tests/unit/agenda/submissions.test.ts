import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { newFormKey } from '$lib/server/http/form-keys';
import { versionField } from '$lib/server/http/forms';
import { readItemForm } from '$lib/server/agenda/item-form';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import { createSubmission, findSubmission, updateSubmission } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, form, freshDatabase } from '../helpers';

let database: OpenDatabase;
let submitter: { id: number };
let meetingId: number;

beforeAll(async () => {
	database = await freshDatabase();
	submitter = await addUser(database);
	const communityId = await addCommunity(database.db, 'Ross-on-Wye', 'South');
	[meetingId] = (await scheduleMeetings(
		database.db,
		{
			communityId,
			dates: ['2027-03-09'],
			startTime: '09:30',
			lengthMinutes: 120,
			venue: 'Ross Library',
			onlineLink: null,
			deadlineWorkingDays: 5
		},
		{ id: submitter.id, ip: null }
	)) as [number];
});
afterAll(() => database.close());

function issueForm(fields: Record<string, string>) {
	const issue = form({
		title: 'Young people drinking in the park',
		place: 'Caroline Symonds Gardens',
		happening: 'Groups of year 9s drinking on Friday nights',
		wanted: 'A joint response',
		...fields
	});
	return readItemForm(issue, 4).content;
}

async function newIssue() {
	const id = await createSubmission(
		database.db,
		{
			meetingId,
			submittedBy: submitter.id,
			agencyId: null,
			late: false,
			content: issueForm({})
		},
		null
	);
	return (await findSubmission(database.db, id))!;
}

describe('changing an advice request or community issue', () => {
	it('starts at version 0 and raises it with each save', async () => {
		const item = await newIssue();
		expect(item.version).toBe(0);
		const change = issueForm({ title: 'Drinking in the gardens' });
		expect(await updateSubmission(database.db, item, change, 0, submitter.id, null)).toEqual({
			saved: true,
			version: 1
		});
		expect(await updateSubmission(database.db, item, change, 1, submitter.id, null)).toEqual({
			saved: true,
			version: 2
		});
		expect((await findSubmission(database.db, item.id))!.version).toBe(2);
	});

	it('refuses a second save from a page loaded before the first, keeping the first', async () => {
		const item = await newIssue();
		// The submitter has the item open in two browsers, both at version 0.
		const first = issueForm({ happening: 'Drinking and shouting on Friday nights' });
		const second = issueForm({ happening: 'Typed in the other window' });
		const at = new Date('2027-03-01T10:00:00Z');
		expect(await updateSubmission(database.db, item, first, 0, submitter.id, null, at)).toEqual({
			saved: true,
			version: 1
		});

		expect(
			await updateSubmission(
				database.db,
				item,
				second,
				0,
				submitter.id,
				null,
				new Date('2027-03-01T10:05:00Z')
			)
		).toEqual({ saved: false, conflict: true });

		const stored = (await findSubmission(database.db, item.id))!;
		expect(stored.content).toEqual(first);
		expect(stored.version).toBe(1);
		const row = await database.db
			.selectFrom('submission')
			.select('updated_at')
			.where('id', '=', item.id)
			.executeTakeFirstOrThrow();
		expect(row.updated_at).toBe(at.toISOString());
		const updates = await database.db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'submission.updated')
			.where('record_id', '=', String(item.id))
			.execute();
		expect(updates).toHaveLength(1);
	});

	it('refuses a save that brings no version rather than let it overwrite', async () => {
		const item = await newIssue();
		const change = issueForm({ title: 'Sent without a version' });

		expect(await updateSubmission(database.db, item, change, null, submitter.id, null)).toEqual({
			saved: false,
			conflict: true
		});

		expect((await findSubmission(database.db, item.id))!.content).toEqual(issueForm({}));
	});
});

describe('an item submitted twice (a double click, a browser sending it again)', () => {
	const submit = (formKey: string) =>
		createSubmission(
			database.db,
			{ meetingId, submittedBy: submitter.id, agencyId: null, late: false, content: issueForm({}) },
			null,
			new Date(),
			formKey
		);
	const items = async () =>
		(
			await database.db
				.selectFrom('submission')
				.select('id')
				.where('submitted_by', '=', submitter.id)
				.execute()
		).length;

	it('with the same key is one item, and answers with it', async () => {
		const before = await items();
		const key = newFormKey();
		const first = await submit(key);
		expect(await submit(key)).toBe(first);
		expect(await items()).toBe(before + 1);
	});

	it('with different keys is two items', async () => {
		const before = await items();
		const first = await submit(newFormKey());
		const second = await submit(newFormKey());
		expect(second).not.toBe(first);
		expect(await items()).toBe(before + 2);
	});
});

describe('the version a change form sends back', () => {
	it.each([
		[{ version: '0' }, 0],
		[{ version: ' 12 ' }, 12],
		[{}, null],
		[{ version: '' }, null],
		[{ version: 'abc' }, null],
		[{ version: '1.5' }, null],
		[{ version: '-1' }, null]
	])('%j reads as %j: anything but a whole number is no version at all', (fields, expected) => {
		expect(versionField(form(fields))).toBe(expected);
	});
});
