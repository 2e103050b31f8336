import { beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { OpenDatabase } from '$lib/server/platform/db';
import { listContacts, recordContact, viewContact } from '$lib/server/front-door/contacts';
import type { ContactInput } from '$lib/server/front-door/contact-form';
import { bringAsAdvice, nextOpenMeetings, startCafFromContact } from '$lib/server/front-door/bring';
import { readBringForm } from '$lib/server/front-door/bring-form';
import { monthlyReport } from '$lib/server/front-door/report';
import { anonymiseOldContacts } from '$lib/server/front-door/contact-retention';
import { requireFrontDoor, requireFrontDoorReport } from '$lib/server/policy/front-door';
import { navigationFor } from '$lib/server/policy/navigation';
import type { SessionUser } from '$lib/server/auth/session';
import { addCommunity, addUser, form, freshDatabase, sessionUser } from '../helpers';

let database: OpenDatabase;
let worker: { id: number; ip: string };
let communityId: number;
let meetingId: number;
const TODAY = '2026-12-03';
const now = new Date('2026-12-03T15:00:00Z');

function contact(overrides: Partial<ContactInput> = {}): ContactInput {
	return {
		receivedAt: '2026-11-20T10:00:00.000Z',
		callerKind: 'practitioner',
		callerName: 'Claire Benton',
		callerAgency: 'Leominster Primary School',
		callerRelationship: null,
		communityId,
		people: [{ name: 'Mason Clarke', dateOfBirth: '2016-04-11' }],
		asked: 'Mason has missed school since the summer; what support is there?',
		outcome: 'advice',
		liaisonWorker: null,
		notes: null,
		familyConsented: false,
		...overrides
	};
}

async function addMeeting(status: 'agenda-open' | 'agenda-published', deadline: string) {
	const { id } = await database.db
		.insertInto('meeting')
		.values({
			community_id: communityId,
			date: '2026-12-17',
			start_time: '09:30',
			length_minutes: 120,
			submission_deadline: deadline,
			status,
			created_by: worker.id,
			created_at: now.toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

const audits = (action: string) =>
	database.db
		.selectFrom('audit_log')
		.select(['record_id', 'detail'])
		.where('action', '=', action)
		.execute();

beforeAll(async () => {
	database = await freshDatabase();
	worker = { id: (await addUser(database)).id, ip: '192.0.2.9' };
	communityId = await addCommunity(database.db, 'Bromyard', 'North');
	meetingId = await addMeeting('agenda-open', '2026-12-10');
});

describe('the contact log', () => {
	it('records a contact with its audit entry, which says nothing the contact says', async () => {
		const id = await recordContact(database.db, worker, contact(), now);
		const [entry] = (await audits('contact.recorded')).filter((a) => a.record_id === String(id));
		expect(entry).toBeDefined();
		expect(entry!.detail).not.toContain('Mason');
		expect(entry!.detail).not.toContain('Claire');
	});

	it('lists 50 a page, by month and outcome, naming the family by initials only', async () => {
		for (let i = 0; i < 54; i++)
			await recordContact(
				database.db,
				worker,
				contact({
					receivedAt: `2026-10-${String((i % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
					outcome: i % 2 ? 'liaison' : 'referred',
					liaisonWorker: i % 2 ? 'Karen Doyle' : null
				}),
				now
			);
		const october = await listContacts(database.db, { month: '2026-10', outcome: null }, 2);
		expect([october.total, october.page, october.pageCount, october.rows.length]).toEqual([
			54, 2, 2, 4
		]);
		const liaison = await listContacts(database.db, { month: '2026-10', outcome: 'liaison' }, 1);
		expect(liaison.total).toBe(27);
		const november = await listContacts(database.db, { month: '2026-11', outcome: null }, 1);
		expect(november.total).toBe(1);
		expect(november.rows[0]!.about).toBe('M.C.');
		expect(JSON.stringify(november.rows)).not.toContain('Mason');
		expect(JSON.stringify(november.rows)).not.toContain('Claire');
	});

	it('audits every read of a contact’s details as contact.viewed', async () => {
		const id = await recordContact(database.db, worker, contact(), now);
		const read = await viewContact(database.db, id, worker, 'contact-page', now);
		expect(read!.people).toEqual([{ name: 'Mason Clarke', dateOfBirth: '2016-04-11' }]);
		expect((await audits('contact.viewed')).map((a) => a.record_id)).toContain(String(id));
	});
});

describe('bringing a contact to a MAG', () => {
	it('offers each community’s next meeting still taking items', async () => {
		await addMeeting('agenda-published', '2026-12-01');
		expect((await nextOpenMeetings(database.db, TODAY)).map((m) => m.meetingId)).toEqual([
			meetingId
		]);
		expect(await nextOpenMeetings(database.db, '2026-12-11')).toEqual([]);
	});

	it('refuses a request for advice that still names the family', () => {
		const read = readBringForm(
			form({
				meetingId: String(meetingId),
				part: 'advice',
				ageBand: '5 to 10',
				setting: 'A primary school',
				worry: 'Mason has missed school',
				askedFor: 'Ideas for support'
			}),
			{
				meetings: [{ meetingId, date: '2026-12-17', communityId, communityName: 'Bromyard' }],
				memberOf: new Set(),
				familyConsented: false,
				names: ['Mason Clarke']
			}
		);
		expect(read.choice).toBeNull();
		expect(read.errors.worry).toBe(
			'Advice requests must be anonymous: remove the family’s name (Mason)'
		);
		expect(read.values.worry).toBe('Mason has missed school');
	});

	it('refuses a new CAF without the family’s agreement, or at a MAG the worker is not in', () => {
		const context = {
			meetings: [{ meetingId, date: '2026-12-17', communityId, communityName: 'Bromyard' }],
			memberOf: new Set<number>(),
			familyConsented: false,
			names: []
		};
		const posted = form({ meetingId: String(meetingId), part: 'new-caf' });
		expect(readBringForm(posted, context).errors.part).toMatch(/needs the family’s agreement/);
		expect(readBringForm(posted, { ...context, familyConsented: true }).errors.part).toMatch(
			/only at a MAG you are a member of/
		);
		expect(
			readBringForm(posted, { ...context, familyConsented: true, memberOf: new Set([communityId]) })
				.choice
		).toMatchObject({ part: 2 });
	});

	it('creates the advice item, links the contact and audits both in one transaction, once', async () => {
		const id = await recordContact(database.db, worker, contact(), now);
		const advice = {
			ageBand: '5 to 10',
			setting: 'A primary school',
			worry: 'M. has missed school',
			askedFor: 'Ideas'
		};
		const answer = await bringAsAdvice(database.db, worker, id, meetingId, advice, TODAY, now);
		expect(answer.ok).toBe(true);
		if (!answer.ok) return;
		const item = await database.db
			.selectFrom('submission')
			.innerJoin('advice_request', 'advice_request.submission_id', 'submission.id')
			.select([
				'submission.part',
				'submission.meeting_id',
				'submission.status',
				'advice_request.worry'
			])
			.where('submission.id', '=', answer.submissionId)
			.executeTakeFirstOrThrow();
		expect(item).toEqual({
			part: 1,
			meeting_id: meetingId,
			status: 'submitted',
			worry: 'M. has missed school'
		});
		const linked = await database.db
			.selectFrom('front_door_contact')
			.select(['outcome', 'brought_submission_id', 'brought_part'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(linked).toEqual({
			outcome: 'brought-to-mag',
			brought_submission_id: answer.submissionId,
			brought_part: 1
		});
		const again = await bringAsAdvice(database.db, worker, id, meetingId, advice, TODAY, now);
		expect(again).toEqual({ ok: false, reason: 'already-brought' });
		const count = await database.db
			.selectFrom('submission')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(1);
	});

	it('adds nothing to a meeting no longer taking items', async () => {
		const id = await recordContact(database.db, worker, contact(), now);
		const advice = {
			ageBand: '5 to 10',
			setting: 'School',
			worry: 'Attendance',
			askedFor: 'Ideas'
		};
		expect(
			await bringAsAdvice(database.db, worker, id, meetingId, advice, '2026-12-11', now)
		).toEqual({
			ok: false,
			reason: 'meeting-closed'
		});
		const row = await database.db
			.selectFrom('front_door_contact')
			.select('brought_at')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row.brought_at).toBeNull();
	});

	it('with consent, starts a new CAF draft for the worker with the family’s names and dates of birth', async () => {
		const id = await recordContact(database.db, worker, contact({ familyConsented: true }), now);
		const read = await viewContact(database.db, id, worker, 'bring-to-a-mag', now);
		const started = await startCafFromContact(database.db, worker, read!, meetingId, TODAY, now);
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		const draft = await database.db
			.selectFrom('caf_draft')
			.select(['author_id', 'label', 'fields'])
			.where('id', '=', started.draftId)
			.executeTakeFirstOrThrow();
		expect(draft.author_id).toBe(worker.id);
		expect(JSON.parse(draft.fields)).toMatchObject({
			'member-1-name': 'Mason Clarke',
			'member-1-dob-day': '11',
			'member-1-dob-month': '4',
			'member-1-dob-year': '2016'
		});
	});
});

describe('the monthly report and retention', () => {
	it('counts a month’s contacts, each outcome’s share and the practitioners supported', async () => {
		const report = await monthlyReport(database.db, '2026-10');
		expect(report.total).toBe(54);
		expect(report.shares.map((s) => [s.outcome, s.count, s.percent])).toEqual([
			['advice', 0, 0],
			['liaison', 27, 50],
			['referred', 27, 50],
			['brought-to-mag', 0, 0]
		]);
		expect(report.practitionersSupported).toBe(1);
	});

	it('anonymises contacts received before the cut-off, keeping what the report counts', async () => {
		const count = await anonymiseOldContacts(
			database.db,
			'2026-11-01T00:00:00.000Z',
			'Removed',
			now
		);
		expect(count).toBe(54);
		const people = await database.db
			.selectFrom('front_door_contact_person')
			.innerJoin(
				'front_door_contact',
				'front_door_contact.id',
				'front_door_contact_person.contact_id'
			)
			.select(['name', 'date_of_birth', 'asked', 'caller_name', 'outcome'])
			.where('front_door_contact.received_at', '<', '2026-11-01')
			.execute();
		expect(
			new Set(people.map((p) => `${p.name}|${p.date_of_birth}|${p.asked}|${p.caller_name}`))
		).toEqual(new Set(['Removed|2016-07-01|Removed|Removed']));
		expect((await monthlyReport(database.db, '2026-10')).total).toBe(54);
		expect(
			await anonymiseOldContacts(database.db, '2026-11-01T00:00:00.000Z', 'Removed', now)
		).toBe(0);
	});
});

describe('who may use the front door', () => {
	const person = (overrides: Partial<SessionUser>) =>
		({
			user: sessionUser(overrides),
			session: { twoFactorVerified: true }
		}) as unknown as App.Locals;
	const status = (run: () => unknown) => {
		try {
			run();
			return 200;
		} catch (error) {
			return isHttpError(error) ? error.status : 500;
		}
	};

	it.each([
		['the front-door team', { isFrontDoor: true }, 200, 200],
		['a chair of a MAG', { communityRoles: ['chair'] as const }, 403, 403],
		['a member of a MAG', { communityRoles: ['member'] as const }, 403, 403],
		['an administrator', { isAdministrator: true }, 403, 403],
		['an early help manager', { isManager: true }, 403, 200]
	])('%s: the log %i, the report %i', (_, overrides, log, report) => {
		const locals = person(overrides as Partial<SessionUser>);
		expect(status(() => requireFrontDoor(locals))).toBe(log);
		expect(status(() => requireFrontDoorReport(locals))).toBe(report);
		expect(navigationFor(locals.user!).some((item) => item.href === '/front-door')).toBe(
			log === 200
		);
	});
});
