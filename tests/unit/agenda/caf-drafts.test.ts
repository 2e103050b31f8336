import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { readCafDraftForm } from '$lib/server/agenda/caf-draft-form';
import { listCafDrafts, openCafDraft, saveCafDraft } from '$lib/server/agenda/caf-drafts';
import { createNewCaf } from '$lib/server/agenda/new-caf';
import { readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { runRetention } from '$lib/server/records/retention';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
import { addUser, freshDatabase } from '../helpers';
import { bromyard, cafForm, MEETING, TODAY } from './new-caf-fixture';

const half = () =>
	(() => {
		const form = new FormData();
		form.set('member-1-name', 'Jamie Example-Smith');
		form.set('need-1-description', 'Attendance below 85%');
		form.set('wayIn', 'New CAF');
		return form;
	})();

describe('reading a draft CAF', () => {
	it('asks only for a family member’s name, to find it by', () => {
		const read = readCafDraftForm(half());
		expect(read.errors).toEqual({});
		expect(read.input?.label).toBe('Jamie Example-Smith');
		expect(read.input?.fields['wayIn']).toBe('New CAF');
		const empty = readCafDraftForm(new FormData());
		expect(empty.errors['member-1-name']).toBe(
			'Enter the name of a family member, so that you can find the draft again'
		);
	});

	it('keeps every length limit, with the message by the field and the text kept', () => {
		const form = half();
		form.set('need-1-description', 'x'.repeat(TEXT_LIMITS.need + 1));
		const read = readCafDraftForm(form);
		expect(read.input).toBeNull();
		expect(read.errors['need-1-description']).toBe(
			`A need must be ${TEXT_LIMITS.need} characters or fewer`
		);
		expect(read.values['need-1-description']).toHaveLength(TEXT_LIMITS.need + 1);
	});

	it('keeps only the CAF’s own fields', () => {
		const form = half();
		form.set('somethingElse', 'not kept');
		expect(readCafDraftForm(form).input?.fields).not.toHaveProperty('somethingElse');
	});
});

describe('the draft store', () => {
	let database: OpenDatabase;
	let author: { id: number };
	let other: { id: number };
	let meetingId: number;
	let communityId: number;
	beforeAll(async () => {
		database = await freshDatabase();
		author = await addUser(database);
		other = await addUser(database);
		({
			communityId,
			meetingIds: [meetingId]
		} = await bromyard(database.db, [MEETING], author));
	});
	afterAll(() => database.close());

	it('is its author’s alone, and saving again keeps one draft', async () => {
		const input = readCafDraftForm(half()).input!;
		const id = await saveCafDraft(database.db, { id: author.id, ip: null }, null, input);
		expect(await saveCafDraft(database.db, { id: author.id, ip: null }, id, input)).toBe(id);
		expect((await listCafDrafts(database.db, author.id)).map((d) => d.id)).toEqual([id]);
		expect(await listCafDrafts(database.db, other.id)).toEqual([]);
		expect(await openCafDraft(database.db, other.id, id)).toBeUndefined();
		expect((await openCafDraft(database.db, author.id, id))?.fields['member-1-name']).toBe(
			'Jamie Example-Smith'
		);
		// Someone else's draft id saves a draft of their own, leaving the author's alone.
		const theirs = await saveCafDraft(database.db, { id: other.id, ip: null }, id, input);
		expect(theirs).not.toBe(id);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('action', '=', 'caf-draft.saved')
			.execute();
		expect(audit).toHaveLength(3);
		expect(JSON.stringify(audit)).not.toContain('Jamie');
	});

	it('is deleted when the CAF is submitted, in the same transaction', async () => {
		const draftId = await saveCafDraft(
			database.db,
			{ id: author.id, ip: null },
			null,
			readCafDraftForm(half()).input!
		);
		await createNewCaf(
			database.db,
			{
				meetingId,
				communityId,
				communityName: 'Bromyard',
				submittedBy: author.id,
				agencyId: null,
				late: false,
				year: '2027',
				draftId
			},
			readNewCafForm(cafForm(), MEETING, TODAY).input!,
			null
		);
		expect(await openCafDraft(database.db, author.id, draftId)).toBeUndefined();
	});

	it('is removed by retention once left untouched longer than the period', async () => {
		const input = readCafDraftForm(half()).input!;
		const savedOn = (day: string) =>
			saveCafDraft(database.db, { id: author.id, ip: null }, null, input, new Date(day));
		const old = await savedOn('2027-01-01T10:00:00Z');
		const recent = await savedOn('2027-02-20T10:00:00Z');
		const report = await runRetention(
			database.db,
			new Date('2027-03-01T10:00:00Z'),
			{ closedCaseMonths: 24, auditMonths: 24, draftDays: 30, contactMonths: 24 },
			'command'
		);
		expect(report.draftsRemoved).toBeGreaterThanOrEqual(1);
		expect(await openCafDraft(database.db, author.id, old)).toBeUndefined();
		expect(await openCafDraft(database.db, author.id, recent)).toBeDefined();
	});
});
