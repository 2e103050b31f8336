import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '$lib/server/audit/log';
import {
	actionInWords,
	caseHistory,
	auditKinds,
	searchAudit,
	startOfUkDay,
	ukDayBounds,
	type AuditFilters
} from '$lib/server/audit/search';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import type { OpenDatabase } from '$lib/server/platform/db';
import { readNewCaf } from '$lib/server/agenda/new-caf';
import { addUser, freshDatabase } from '../helpers';
import { CHILD, meetingWithFamilies, TODAY } from '../meeting-fixture';

describe('UK dates as UTC bounds', () => {
	it.each([
		['a winter day', '2026-01-05', '2026-01-05T00:00:00.000Z'],
		['the day the clocks go forward (starts in GMT)', '2026-03-29', '2026-03-29T00:00:00.000Z'],
		['the first whole day of summer time', '2026-03-30', '2026-03-29T23:00:00.000Z'],
		['the day the clocks go back (starts in BST)', '2026-10-25', '2026-10-24T23:00:00.000Z'],
		['the first whole day of winter time', '2026-10-26', '2026-10-26T00:00:00.000Z']
	])('%s: %s begins at %s', (_, date, instant) => {
		expect(startOfUkDay(date)).toBe(instant);
	});

	it.each([
		[
			'the 23-hour day',
			'2026-03-29',
			'2026-03-29',
			'2026-03-29T00:00:00.000Z',
			'2026-03-29T23:00:00.000Z'
		],
		[
			'the 25-hour day',
			'2026-10-25',
			'2026-10-25',
			'2026-10-24T23:00:00.000Z',
			'2026-10-26T00:00:00.000Z'
		],
		[
			'a summer week',
			'2026-07-06',
			'2026-07-12',
			'2026-07-05T23:00:00.000Z',
			'2026-07-12T23:00:00.000Z'
		]
	])('%s: %s to %s covers [%s, %s)', (_, fromDate, toDate, from, until) => {
		expect(ukDayBounds(fromDate, toDate)).toEqual({ from, until });
	});

	it('leaves out a bound that was not given', () => {
		expect(ukDayBounds(undefined, '2026-07-12')).toEqual({ until: '2026-07-12T23:00:00.000Z' });
		expect(ukDayBounds()).toEqual({});
	});
});

describe('searching the audit log', () => {
	let database: OpenDatabase;
	let sarah: number;
	let pat: number;

	async function entry(
		at: string,
		actorId: number | null,
		action: string,
		extra: { recordType?: string; recordId?: string; detail?: Record<string, unknown> } = {}
	) {
		await recordAudit(database.db, { actorId, action, ip: '192.0.2.5', ...extra }, new Date(at));
	}

	async function search(filters: AuditFilters, page = {}) {
		const { rows } = await searchAudit(database.db, filters, page);
		return rows.map((row) => `${row.action} ${row.recordId ?? ''}`.trim());
	}

	beforeAll(async () => {
		database = await freshDatabase();
		sarah = (
			await addUser(database, { name: 'Sarah Williams', email: 'health.visitor@mag.example' })
		).id;
		pat = (await addUser(database, { name: 'Pat Hughes', email: 'pc.hughes@mag.example' })).id;
		const caseOne = { recordType: 'family_case', recordId: 'LB-2026-001' };
		const caseTen = { recordType: 'family_case', recordId: 'LB-2026-0010' };
		// 28 March, 23:30 GMT
		await entry('2026-03-28T23:30:00Z', sarah, 'family.viewed', caseOne);
		// 29 March, 00:30 GMT (the clocks go forward at 01:00)
		await entry('2026-03-29T00:30:00Z', pat, 'family.viewed', caseTen);
		// 30 March, 00:30 BST
		await entry('2026-03-29T23:30:00Z', sarah, 'submission.created', {
			recordType: 'submission',
			recordId: '7',
			detail: { part: 2, reference: 'LB-2026-001' }
		});
		// 25 October, 00:30 BST (the clocks go back at 02:00 BST)
		await entry('2026-10-24T23:30:00Z', pat, 'consent-gate.opened', caseOne);
		// 25 October, 23:30 GMT
		await entry('2026-10-25T23:30:00Z', null, 'sign-in.failed', {
			detail: { email: 'health.visitor@mag.example' }
		});
		// 26 October, 00:30 GMT
		await entry('2026-10-26T00:30:00Z', sarah, 'sign-in.succeeded');
	});
	afterAll(async () => {
		await database.close();
	});

	it('finds everything, newest first, when nothing is asked', async () => {
		expect(await search({})).toEqual([
			'sign-in.succeeded',
			'sign-in.failed',
			'consent-gate.opened LB-2026-001',
			'submission.created 7',
			'family.viewed LB-2026-0010',
			'family.viewed LB-2026-001'
		]);
	});

	it.each([
		[
			'part of a name, any case',
			'sarah',
			['sign-in.succeeded', 'sign-in.failed', 'submission.created 7', 'family.viewed LB-2026-001']
		],
		[
			'an email address',
			'pc.hughes@mag.example',
			['consent-gate.opened LB-2026-001', 'family.viewed LB-2026-0010']
		],
		['someone who has done nothing', 'Nobody', []],
		['a wildcard, taken literally', '%', []],
		['an underscore, taken literally', '_', []]
	])('by person: %s', async (_, person, expected) => {
		expect(await search({ person })).toEqual(expected);
	});

	it('by case reference: recorded against the case or naming it, and no other case', async () => {
		expect(await search({ caseReference: ' lb-2026-001 ' })).toEqual([
			'consent-gate.opened LB-2026-001',
			'submission.created 7',
			'family.viewed LB-2026-001'
		]);
		expect(await search({ caseReference: 'LB-2026-0010' })).toEqual(['family.viewed LB-2026-0010']);
		expect(await search({ caseReference: 'LB-2026' })).toEqual([]);
	});

	it('by action', async () => {
		expect(await search({ action: 'family.viewed' })).toEqual([
			'family.viewed LB-2026-0010',
			'family.viewed LB-2026-001'
		]);
	});

	it.each([
		['the day the clocks go forward', '2026-03-29', '2026-03-29', ['family.viewed LB-2026-0010']],
		['the day after', '2026-03-30', '2026-03-30', ['submission.created 7']],
		[
			'the day the clocks go back',
			'2026-10-25',
			'2026-10-25',
			['sign-in.failed', 'consent-gate.opened LB-2026-001']
		],
		['from a day onwards', '2026-10-26', undefined, ['sign-in.succeeded']],
		['up to a day', undefined, '2026-03-28', ['family.viewed LB-2026-001']]
	])('by UK date: %s', async (_, fromDate, toDate, expected) => {
		expect(await search(ukDayBounds(fromDate, toDate))).toEqual(expected);
	});

	it('combines what it is asked', async () => {
		expect(
			await search({ person: 'Sarah', caseReference: 'LB-2026-001', ...ukDayBounds('2026-03-30') })
		).toEqual(['submission.created 7']);
	});

	it('by kind of action: every action that starts the same', async () => {
		expect(await search({ action: 'sign-in.*' })).toEqual(['sign-in.succeeded', 'sign-in.failed']);
		expect(auditKinds(['family.viewed', 'sign-in.failed', 'sign-in.succeeded'])).toEqual([
			'sign-in'
		]);
	});

	it('pages newest first with how many match in all', async () => {
		const first = await searchAudit(database.db, {}, { limit: 4 });
		expect(first).toMatchObject({ total: 6, page: 1, pageCount: 2, from: 1, to: 4 });
		const second = await searchAudit(database.db, {}, { limit: 4, page: 2 });
		expect(second).toMatchObject({ from: 5, to: 6 });
		expect(second.rows.map((row) => row.action)).toEqual(['family.viewed', 'family.viewed']);
	});

	it('still reads an older address that paged by the last entry seen', async () => {
		const first = await searchAudit(database.db, {}, { limit: 4 });
		const older = await searchAudit(database.db, {}, { beforeId: first.rows.at(-1)!.id });
		expect(older.rows.map((row) => row.action)).toEqual(['family.viewed', 'family.viewed']);
	});
});

describe("who has looked at this family's record", () => {
	let database: OpenDatabase;
	let fixture: Awaited<ReturnType<typeof meetingWithFamilies>>;

	beforeAll(async () => {
		database = await freshDatabase();
		fixture = await meetingWithFamilies(database);
		const { db } = database;
		const { people, items } = fixture;
		await readNewCaf(db, items.fine, {
			id: people.submitter,
			ip: '192.0.2.10',
			why: 'submitter reading their own item'
		});
		await readNewCaf(db, items.fine, {
			id: people.chair,
			ip: '192.0.2.11',
			why: 'chair preparing the agenda'
		});
		// Another family's read must not appear in this one's history.
		await readNewCaf(db, items.unchecked, {
			id: people.chair,
			ip: '192.0.2.11',
			why: 'chair preparing the agenda'
		});
		const meeting = { id: fixture.meetingId, date: '2027-05-11' };
		await checkConsentGate(db, meeting, items.fine, { id: people.chair, ip: '192.0.2.11' }, TODAY);
		await checkConsentGate(
			db,
			meeting,
			items.withdrawn,
			{ id: people.chair, ip: '192.0.2.11' },
			TODAY
		);
	});
	afterAll(async () => {
		await database.close();
	});

	it('lists every read and consent check of that family: who, what, why and from where', async () => {
		const history = await caseHistory(database.db, fixture.references.fine.toLowerCase());
		expect(
			history.map((entry) => [entry.actorName, entry.actorAgency, entry.what, entry.why, entry.ip])
		).toEqual([
			['The chair', 'Agency 1', 'Checked consent: the gate opened', null, '192.0.2.11'],
			[
				'The chair',
				'Agency 1',
				'Read the family’s details',
				'chair preparing the agenda',
				'192.0.2.11'
			],
			[
				'The submitter',
				'Agency 3',
				'Read the family’s details',
				'submitter reading their own item',
				'192.0.2.10'
			],
			['The submitter', 'Agency 3', 'Brought the case to a meeting', null, null]
		]);
	});

	it('says why a consent check kept the gate shut', async () => {
		const history = await caseHistory(database.db, fixture.references.withdrawn);
		expect(history[0]).toMatchObject({
			what: 'Checked consent: the gate stayed shut',
			why: 'the family has withdrawn consent'
		});
	});

	it('holds references and reasons, never a family member’s name', async () => {
		const rows = await database.db.selectFrom('audit_log').selectAll().execute();
		const text = JSON.stringify(rows);
		expect(text).toContain(fixture.references.fine);
		for (const name of [CHILD, 'Marigold Quill', 'Ottoline Marsh', 'Clementine Hart', 'Quill'])
			expect(text).not.toContain(name);
	});
});

describe('audit actions in words', () => {
	it.each([
		['caf-draft.saved', 'Saved a draft CAF for a new case'],
		['caf-draft.submitted', 'Brought a draft CAF to a meeting'],
		['caf-draft.removed', 'Removed old draft CAFs (retention)'],
		['family.viewed', 'Read the family’s details']
	])('%s reads “%s”', (action, words) => {
		expect(actionInWords(action)).toBe(words);
	});

	it('falls back to the action’s name when it has no wording', () => {
		expect(actionInWords('something.new')).toBe('something.new');
	});
});
