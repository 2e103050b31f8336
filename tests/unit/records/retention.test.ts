import { subMonths } from 'date-fns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit, verifyAuditChain } from '$lib/server/audit/log';
import { openDatabase, type OpenDatabase } from '$lib/server/platform/db';
import { migrate } from '$lib/server/platform/migrator';
import {
	REMOVED,
	REMOVED_INITIALS,
	retentionSettings,
	runRetention,
	type RetentionSettings
} from '$lib/server/records/retention';
import { ACTION_TEXT, OUTCOME_NOTE, PROGRESS, familiesWithHistory } from '../cases/case-history';
import { migrations } from '../../../db/migrations/index';
import { freshDatabase } from '../helpers';
import { CORRECTED_NOTE, correctTheFamilysNote } from './minutes-correction-fixture';
import { CHILD, NEED, type MeetingWithFamilies } from '../meeting-fixture';

let database: OpenDatabase;
afterEach(async () => {
	await database.close();
});

const settings: RetentionSettings = {
	closedCaseMonths: 24,
	auditMonths: 24,
	draftDays: 30,
	contactMonths: 24
};
const now = new Date();
const monthsAgo = (months: number) => subMonths(now, months).toISOString();

describe('retention of closed cases', () => {
	let fixture: MeetingWithFamilies;
	let caseIds: Record<'fine' | 'withdrawn' | 'unchecked', number>;

	beforeEach(async () => {
		database = await freshDatabase();
		fixture = await familiesWithHistory(database);
		const ids = await database.db.selectFrom('family_case').select(['id', 'reference']).execute();
		const idOf = (reference: string) => ids.find((row) => row.reference === reference)!.id;
		caseIds = {
			fine: idOf(fixture.references.fine),
			withdrawn: idOf(fixture.references.withdrawn),
			unchecked: idOf(fixture.references.unchecked)
		};
		// Closed 25 months ago, closed last month, still open.
		await database.db
			.updateTable('family_case')
			.set({ status: 'closed-needs-met', closed_at: monthsAgo(25) })
			.where('id', '=', caseIds.fine)
			.execute();
		await database.db
			.updateTable('family_case')
			.set({ status: 'stepped-up', closed_at: monthsAgo(1) })
			.where('id', '=', caseIds.withdrawn)
			.execute();
	});

	async function caseRecord(caseId: number) {
		const { db } = database;
		return {
			case: await db
				.selectFrom('family_case')
				.selectAll()
				.where('id', '=', caseId)
				.executeTakeFirstOrThrow(),
			members: await db
				.selectFrom('family_member')
				.selectAll()
				.where('case_id', '=', caseId)
				.orderBy('id')
				.execute(),
			needs: await db.selectFrom('need').selectAll().where('case_id', '=', caseId).execute(),
			consents: await db.selectFrom('consent').selectAll().where('case_id', '=', caseId).execute(),
			needUpdates: await db
				.selectFrom('need_update')
				.innerJoin('need', 'need.id', 'need_update.need_id')
				.selectAll('need_update')
				.where('need.case_id', '=', caseId)
				.execute(),
			outcomes: await db
				.selectFrom('outcome')
				.innerJoin('new_caf', 'new_caf.submission_id', 'outcome.submission_id')
				.selectAll('outcome')
				.where('new_caf.case_id', '=', caseId)
				.execute(),
			newCafs: await db.selectFrom('new_caf').selectAll().where('case_id', '=', caseId).execute(),
			actions: await db.selectFrom('action').selectAll().where('case_id', '=', caseId).execute()
		};
	}

	it('removes the identities of a case closed longer ago than the limit, and keeps its statistics', async () => {
		const before = await caseRecord(caseIds.fine);
		const report = await runRetention(database.db, now, settings, 'command');
		expect(report.casesAnonymised).toEqual([fixture.references.fine]);
		const after = await caseRecord(caseIds.fine);

		expect(after.case.initials).toBe(REMOVED_INITIALS);
		expect(after.case.anonymised_at).toBe(now.toISOString());
		expect(after.members.map((m) => m.name)).toEqual([REMOVED, REMOVED]);
		expect(after.members.map((m) => m.date_of_birth)).toEqual(['2019-07-01', '1990-07-01']);
		expect(after.members.every((m) => m.setting === null)).toBe(true);
		expect(after.needs.map((n) => n.description)).toEqual([REMOVED]);
		expect(after.consents.map((c) => [c.given_by, c.form_location])).toEqual([[REMOVED, REMOVED]]);
		expect(after.needUpdates.map((u) => [u.progress, u.support])).toEqual([[REMOVED, REMOVED]]);
		expect(after.outcomes.map((o) => o.note)).toEqual([REMOVED]);
		expect(after.actions.map((a) => a.description)).toEqual([REMOVED]);
		const everything = JSON.stringify(after);
		for (const identifying of [CHILD, 'Marigold Quill', NEED, OUTCOME_NOTE, PROGRESS, ACTION_TEXT])
			expect(everything).not.toContain(identifying);

		// What the statistics are made of stays as it was.
		expect(after.case.reference).toBe(before.case.reference);
		expect(after.case.status).toBe('closed-needs-met');
		expect(after.case.community_id).toBe(before.case.community_id);
		expect(after.members.map((m) => [m.relationship, m.is_child])).toEqual(
			before.members.map((m) => [m.relationship, m.is_child])
		);
		expect(after.needs.map((n) => n.domain)).toEqual(before.needs.map((n) => n.domain));
		expect(after.needUpdates.map((u) => u.status)).toEqual(before.needUpdates.map((u) => u.status));
		expect(after.outcomes.map((o) => [o.kind, o.meeting_id, o.lead_professional_id])).toEqual(
			before.outcomes.map((o) => [o.kind, o.meeting_id, o.lead_professional_id])
		);
		expect(after.newCafs).toEqual(before.newCafs);
		expect(after.consents.map((c) => [c.signed_on, c.covers_mag, c.shared_with])).toEqual(
			before.consents.map((c) => [c.signed_on, c.covers_mag, c.shared_with])
		);
		expect(after.actions.map((a) => [a.owner_id, a.owner_agency, a.due_date, a.status])).toEqual(
			before.actions.map((a) => [a.owner_id, a.owner_agency, a.due_date, a.status])
		);
	});

	it('removes every version of the family’s note the minutes’ corrections kept', async () => {
		await correctTheFamilysNote(database.db, {
			meetingId: fixture.meetingId,
			communityId: fixture.communityId,
			submissionId: fixture.items.fine,
			chairId: fixture.people.chair
		});
		await runRetention(database.db, now, settings, 'command');
		const changes = await database.db
			.selectFrom('minutes_correction_change')
			.select(['before', 'after'])
			.execute();
		expect(changes).toEqual([{ before: REMOVED, after: REMOVED }]);
		expect(JSON.stringify(changes)).not.toContain(CORRECTED_NOTE);
		expect((await caseRecord(caseIds.fine)).outcomes.map((o) => o.note)).toEqual([REMOVED]);
	});

	it('leaves a recently closed case and an open case as they were', async () => {
		const recent = await caseRecord(caseIds.withdrawn);
		const open = await caseRecord(caseIds.unchecked);
		await runRetention(database.db, now, settings, 'command');
		expect(await caseRecord(caseIds.withdrawn)).toEqual(recent);
		expect(await caseRecord(caseIds.unchecked)).toEqual(open);
	});

	it('follows the configured period', async () => {
		const report = await runRetention(
			database.db,
			now,
			{ ...settings, closedCaseMonths: 26 },
			'command'
		);
		expect(report.casesAnonymised).toEqual([]);
	});

	it('changes nothing more when run again', async () => {
		await runRetention(database.db, now, settings, 'command');
		const once = await caseRecord(caseIds.fine);
		const again = await runRetention(
			database.db,
			new Date(now.getTime() + 60_000),
			settings,
			'schedule'
		);
		expect(again.casesAnonymised).toEqual([]);
		expect(await caseRecord(caseIds.fine)).toEqual(once);
	});

	it('audits each case it anonymises, by reference, and logs the run', async () => {
		await runRetention(database.db, now, settings, 'schedule');
		const entries = await database.db
			.selectFrom('audit_log')
			.select(['action', 'record_type', 'record_id'])
			.where('action', 'in', ['case.anonymised', 'retention.ran'])
			.orderBy('id')
			.execute();
		expect(entries).toEqual([
			{ action: 'case.anonymised', record_type: 'family_case', record_id: fixture.references.fine },
			{ action: 'retention.ran', record_type: null, record_id: null }
		]);
		const runs = await database.db.selectFrom('retention_run').selectAll().execute();
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({
			ran_at: now.toISOString(),
			cases_anonymised: 1,
			audit_entries_removed: 0,
			by: 'schedule'
		});
		expect(JSON.parse(runs[0]!.detail!).references).toEqual([fixture.references.fine]);
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
	});

	it('starts the clock when a case leaves open, and stops it when the case reopens', async () => {
		const { db } = database;
		const closedAt = () =>
			db
				.selectFrom('family_case')
				.select('closed_at')
				.where('id', '=', caseIds.unchecked)
				.executeTakeFirstOrThrow()
				.then((row) => row.closed_at);
		expect(await closedAt()).toBeNull();
		await db
			.updateTable('family_case')
			.set({ status: 'stepped-down' })
			.where('id', '=', caseIds.unchecked)
			.execute();
		const closed = await closedAt();
		expect(closed).not.toBeNull();
		expect(Math.abs(new Date(closed!).getTime() - Date.now())).toBeLessThan(60_000);
		await db
			.updateTable('family_case')
			.set({ status: 'open' })
			.where('id', '=', caseIds.unchecked)
			.execute();
		expect(await closedAt()).toBeNull();
	});
});

describe('retention of the audit log', () => {
	const ranAt = new Date('2027-03-01T09:00:00Z');

	beforeEach(async () => {
		database = await freshDatabase();
		// Five entries from three years ago, then three from last month.
		for (let i = 0; i < 8; i += 1)
			await recordAudit(
				database.db,
				{ actorId: null, action: `event.${i}` },
				i < 5 ? subMonths(ranAt, 36 - i) : subMonths(ranAt, 1)
			);
	});

	async function actions() {
		const rows = await database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
		return rows.map((row) => row.action);
	}

	it('removes entries older than the limit and the chain still verifies', async () => {
		const report = await runRetention(database.db, ranAt, settings, 'command');
		expect(report.auditEntriesRemoved).toBe(5);
		expect(await actions()).toEqual([
			'event.5',
			'event.6',
			'event.7',
			'audit.pruned',
			'retention.ran'
		]);
		expect(await verifyAuditChain(database.db)).toEqual({ ok: true, entries: 5 });
		const runs = await database.db.selectFrom('retention_run').selectAll().execute();
		expect(runs.map((run) => run.audit_entries_removed)).toEqual([5]);
	});

	it('removes nothing more when run again, and still verifies', async () => {
		await runRetention(database.db, ranAt, settings, 'command');
		const again = await runRetention(database.db, ranAt, settings, 'command');
		expect(again.auditEntriesRemoved).toBe(0);
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
	});

	it('still refuses to delete any entry the retention period has not reached', async () => {
		await runRetention(database.db, ranAt, settings, 'command');
		expect(() => database.sqlite.exec("delete from audit_log where action = 'event.6'")).toThrow(
			/append-only/
		);
		expect(() => database.sqlite.exec('delete from audit_checkpoint')).toThrow(/append-only/);
	});

	it('still reports the first kept entry removed behind its back', async () => {
		await runRetention(database.db, ranAt, settings, 'command');
		database.sqlite.exec('drop trigger audit_log_append_only_delete');
		database.sqlite.exec("delete from audit_log where action = 'event.5'");
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false });
	});

	it('keeps entries within the configured period', async () => {
		const report = await runRetention(
			database.db,
			ranAt,
			{ ...settings, auditMonths: 48 },
			'command'
		);
		expect(report.auditEntriesRemoved).toBe(0);
		expect((await actions()).slice(0, 8)).toEqual(
			[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `event.${i}`)
		);
	});
});

describe('the migration that added retention', () => {
	it('dates the closing of cases closed before it: the last outcome, else when the case opened', async () => {
		database = openDatabase(':memory:');
		await migrate(
			database.db,
			Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '20261124_1500'))
		);
		// Rows written in SQL as the schema stood then: today's code writes columns added since.
		database.sqlite.pragma('foreign_keys = off');
		const opened = '2024-05-01T09:00:00.000Z';
		const earlier = '2024-11-01T10:00:00.000Z';
		const decided = '2025-01-02T10:00:00.000Z';
		const run = (statement: string) => database.sqlite.prepare(statement).run();
		run(`insert into family_case (id, reference, community_id, initials, status, created_by, created_at)
			values (1, 'MET', 1, 'A B', 'closed-needs-met', 1, '${opened}'),
				(2, 'NO-OUTCOME', 1, 'C D', 'closed-needs-met', 1, '${opened}'),
				(3, 'OPEN', 1, 'E F', 'open', 1, '${opened}')`);
		run(`insert into submission (id, meeting_id, part, submitted_by, status, created_at, updated_at)
			values (1, 1, 2, 1, 'accepted', '${opened}', '${opened}'),
				(2, 2, 3, 1, 'accepted', '${opened}', '${opened}'),
				(3, 1, 2, 1, 'accepted', '${opened}', '${opened}')`);
		run(`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need)
			values (1, 1, 1, '2024-05-01', 'caf', 'early-help'), (3, 3, 2, '2024-05-01', 'caf', 'early-help')`);
		run(`insert into review (submission_id, case_id) values (2, 1)`);
		run(`insert into outcome (submission_id, meeting_id, kind, recorded_by, recorded_at)
			values (1, 1, 'agreed', 1, '${earlier}'), (2, 2, 'agreed', 1, '${decided}'),
				(3, 1, 'agreed', 1, '${decided}')`);

		expect(await migrate(database.db)).toContain('20261124_1500_retention');
		const closedAt = (reference: string) =>
			database.sqlite
				.prepare('select closed_at, anonymised_at from family_case where reference = ?')
				.get(reference) as { closed_at: string | null; anonymised_at: string | null };
		expect(closedAt('MET')).toEqual({ closed_at: decided, anonymised_at: null });
		expect(closedAt('NO-OUTCOME').closed_at).toBe(opened);
		expect(closedAt('OPEN').closed_at).toBeNull();
	});
});

describe('retention settings', () => {
	it.each([
		[{}, { closedCaseMonths: 24, auditMonths: 24, draftDays: 30, contactMonths: 24 }],
		[
			{ RETENTION_CLOSED_CASE_MONTHS: '36', AUDIT_RETENTION_MONTHS: '12' },
			{ closedCaseMonths: 36, auditMonths: 12, draftDays: 30, contactMonths: 24 }
		]
	])('reads %j as %j', (env, expected) => {
		expect(retentionSettings(env)).toEqual(expected);
	});

	it.each(['0', '-1', '1.5', 'two'])('refuses %s months', (value) => {
		expect(() => retentionSettings({ AUDIT_RETENTION_MONTHS: value })).toThrow(/whole number/);
	});
});
