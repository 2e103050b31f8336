import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '$lib/server/audit/log';
import type { OpenDatabase } from '$lib/server/platform/db';
import { renderPdf } from '$lib/server/http/pdf';
import { mayExportCase } from '$lib/server/policy/administration';
import { exportCase, type CaseExport } from '$lib/server/records/subject-access';
import { subjectAccessDocument } from '$lib/server/records/subject-access-pdf';
import { ACTION_TEXT, OUTCOME_NOTE, PROGRESS, familiesWithHistory } from '../cases/case-history';
import { freshDatabase } from '../helpers';
import { CORRECTED_NOTE, correctTheFamilysNote } from './minutes-correction-fixture';
import { CHILD, NEED, type MeetingWithFamilies } from '../meeting-fixture';

let database: OpenDatabase;
let fixture: MeetingWithFamilies;
let officer: { id: number; ip: string; name: string; email: string };
let exported: CaseExport;

beforeAll(async () => {
	database = await freshDatabase();
	fixture = await familiesWithHistory(database);
	// Someone read this family, and someone else another family.
	await recordAudit(database.db, {
		actorId: fixture.people.chair,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: fixture.references.fine,
		ip: '192.0.2.7',
		detail: { why: 'chair preparing the agenda' }
	});
	await recordAudit(database.db, {
		actorId: fixture.people.chair,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: fixture.references.withdrawn,
		detail: { why: 'chair preparing the agenda' }
	});
	// The fixture's administrator is made the data protection officer.
	await database.db
		.updateTable('user')
		.set({ is_dpo: 1 })
		.where('id', '=', fixture.people.administrator)
		.execute();
	officer = {
		id: fixture.people.administrator,
		ip: '192.0.2.99',
		name: 'The administrator',
		email: 'administrator@council.example'
	};
	// Two drafts of new CAFs: one names this family's child, the other another family.
	const draft = (fields: Record<string, string>, label: string) =>
		database.db
			.insertInto('caf_draft')
			.values({
				author_id: fixture.people.chair,
				label,
				fields: JSON.stringify(fields),
				created_at: '2026-12-01T10:00:00.000Z',
				updated_at: '2026-12-01T10:00:00.000Z'
			})
			.execute();
	await draft({ 'member-1-name': CHILD.toUpperCase(), 'need-1': 'Sleep' }, 'This family');
	await draft({ 'member-1-name': 'Ottoline Marsh' }, 'Another family');
	await correctTheFamilysNote(database.db, {
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		submissionId: fixture.items.fine,
		chairId: fixture.people.chair
	});
	exported = (await exportCase(database.db, fixture.references.fine, officer, 'json'))!;
});
afterAll(async () => {
	await database.close();
});

describe('a subject access export', () => {
	it("holds every table's rows for the case", async () => {
		const { db } = database;
		const caseRow = await db
			.selectFrom('family_case')
			.selectAll()
			.where('reference', '=', fixture.references.fine)
			.executeTakeFirstOrThrow();
		expect(exported.case).toMatchObject({ ...caseRow, community: 'Ledbury' });
		expect(exported.familyMembers.map((m) => m.name)).toEqual([CHILD, 'Marigold Quill']);
		expect(exported.needs.map((n) => n.description)).toEqual([NEED]);
		expect(exported.consents.map((c) => c.given_by)).toEqual(['Marigold Quill']);
		expect(exported.submissions.map((s) => s.id)).toEqual([fixture.items.fine]);
		expect(exported.newCafs.map((n) => n.case_id)).toEqual([caseRow.id]);
		expect(exported.needUpdates.map((u) => u.progress)).toEqual([PROGRESS]);
		expect(exported.meetings.map((m) => m.id)).toEqual([fixture.meetingId]);
		expect(exported.gateChecks.map((g) => g.result)).toEqual(['opened']);
		// The minutes were corrected: the outcome holds the corrected note (the first is kept below).
		expect(exported.outcomes.map((o) => o.note)).toEqual([CORRECTED_NOTE]);
		expect(exported.actions.map((a) => a.description)).toEqual([ACTION_TEXT]);
		expect(exported.staff.map((s) => s.id)).toContain(fixture.people.chair);
	});

	it('holds each correction of the minutes’ note about the family, before and after, and why', () => {
		expect(exported.minutesCorrections).toEqual([
			expect.objectContaining({
				submission_id: fixture.items.fine,
				version: 1,
				before: OUTCOME_NOTE,
				after: CORRECTED_NOTE,
				reason: 'The start date was missed',
				corrected_by: fixture.people.chair
			})
		]);
		expect(exported.staff.map((s) => s.id)).toContain(fixture.people.chair);
	});

	it('holds the drafts of new CAFs that name a member of the family, and no other', () => {
		expect(exported.cafDrafts.map((d) => d.label)).toEqual(['This family']);
	});

	it('holds the audit entries about the case: who read it, its item, and this export', () => {
		const entries = exported.auditEntries;
		expect(entries).toContainEqual(
			expect.objectContaining({
				action: 'family.viewed',
				actor_name: 'The chair',
				ip: '192.0.2.7',
				detail: { why: 'chair preparing the agenda' }
			})
		);
		expect(entries).toContainEqual(
			expect.objectContaining({
				action: 'submission.created',
				record_id: String(fixture.items.fine)
			})
		);
		expect(entries.at(-1)).toMatchObject({
			action: 'case.exported',
			actor_id: officer.id,
			record_id: fixture.references.fine,
			ip: officer.ip
		});
	});

	it('holds nothing about another case', () => {
		const text = JSON.stringify(exported);
		for (const other of [
			'Ottoline Marsh',
			'Clementine Hart',
			fixture.references.withdrawn,
			fixture.references.unchecked
		])
			expect(text).not.toContain(other);
		expect(exported.auditEntries.map((e) => e.record_id)).not.toContain(
			String(fixture.items.withdrawn)
		);
	});

	it('is audited each time, by reference and format', async () => {
		await exportCase(database.db, fixture.references.fine, officer, 'pdf');
		const entries = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'record_type', 'record_id', 'detail'])
			.where('action', '=', 'case.exported')
			.orderBy('id')
			.execute();
		expect(entries.map((e) => [e.actor_id, e.record_type, e.record_id])).toEqual([
			[officer.id, 'family_case', fixture.references.fine],
			[officer.id, 'family_case', fixture.references.fine]
		]);
		expect(entries.map((e) => JSON.parse(e.detail!).format)).toEqual(['json', 'pdf']);
	});

	it('finds no case for an unknown reference, and audits nothing', async () => {
		const count = async () =>
			(await database.db.selectFrom('audit_log').select('id').execute()).length;
		const before = await count();
		expect(await exportCase(database.db, 'NOPE-2027-001', officer, 'json')).toBeUndefined();
		expect(await count()).toBe(before);
	});

	it("puts the family's record in the PDF, but not staff's network addresses", () => {
		const text = JSON.stringify(subjectAccessDocument(exported).content);
		for (const held of [CHILD, NEED, OUTCOME_NOTE, ACTION_TEXT, 'The chair'])
			expect(text).toContain(held);
		expect(text).toContain('New CAFs started but not yet sent');
		expect(text).toContain(`${CHILD.toUpperCase()}; Sleep`);
		expect(text).not.toContain('192.0.2.7');
	});

	it('renders the same record as a PDF', async () => {
		const pdf = await renderPdf(subjectAccessDocument(exported));
		expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(2000);
	});
});

describe('who may export a case', () => {
	it.each([
		[
			'the data protection officer',
			{ isDataProtectionOfficer: true, isAdministrator: false },
			true
		],
		[
			'an administrator who is also the data protection officer',
			{ isDataProtectionOfficer: true, isAdministrator: true },
			true
		],
		['an administrator', { isDataProtectionOfficer: false, isAdministrator: true }, false],
		[
			'a chair, coordinator or member',
			{ isDataProtectionOfficer: false, isAdministrator: false },
			false
		]
	])('%s: %s', (_who, user, allowed) => {
		expect(mayExportCase(user)).toBe(allowed);
	});
});
