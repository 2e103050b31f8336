import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The pages below open the app's own database: point it at a throwaway file before they load.
const databasePath = vi.hoisted(() => {
	const path = `test-results/family-access-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { isHttpError, isRedirect } from '@sveltejs/kit';
import { appDatabase, closeAppDatabase } from '$lib/server/app-database';
import { confirmConfidentiality, saveRegister } from '$lib/server/attendance';
import { checkConsentGate } from '$lib/server/consent-gate';
import { startMeeting } from '$lib/server/meeting-room';
import { migrate } from '$lib/server/migrator';
import { load as roomLoad } from '../../src/routes/meetings/[id]/room/+page.server';
import { load as itemLoad } from '../../src/routes/items/[id]/+page.server';
import { load as minutesLoad } from '../../src/routes/meetings/[id]/minutes/+page.server';
import { GET as actionListCsv } from '../../src/routes/meetings/[id]/actions/csv/+server';
import { load as actionLoad } from '../../src/routes/actions/[id]/+page.server';
import { meetingWithFamilies, PEOPLE, TODAY, type Person } from './meeting-fixture';

type GateCase = 'closed' | 'opened' | 'refused';
type Page = 'room' | 'item' | 'minutes' | 'action list CSV' | 'action' | "action's family";
type Fixture = Awaited<ReturnType<typeof meetingWithFamilies>>;
let fixture: Fixture;

const CHILD: Record<GateCase, string> = {
	opened: 'Zebedee Quill',
	refused: 'Ottoline Marsh',
	closed: 'Clementine Hart'
};
const NEED = 'Speech delay, waiting for therapy';
/** An action on each item's case, owned by someone who is neither submitter, lead nor chair. */
const ACTION_OWNER: Person = 'unconfirmedMember';
const actionIds = {} as Record<GateCase, number>;

beforeAll(async () => {
	fs.mkdirSync('test-results', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
	const database = appDatabase();
	await migrate(database.db);
	fixture = await meetingWithFamilies(database);
	const { db } = database;
	const chair = { id: fixture.people.chair, ip: null };
	await startMeeting(db, fixture.meetingId, chair);
	// In the room: the chair and one member confirmed; another present but not yet confirmed.
	await confirmConfidentiality(db, fixture.meetingId, chair);
	await confirmConfidentiality(db, fixture.meetingId, {
		id: fixture.people.confirmedMember,
		ip: null
	});
	await saveRegister(
		db,
		fixture.meetingId,
		[
			{
				userId: fixture.people.unconfirmedMember,
				status: 'present',
				substituteName: null,
				agreedAloud: false
			},
			{
				userId: fixture.people.absentMember,
				status: 'apologies',
				substituteName: null,
				agreedAloud: false
			}
		],
		chair
	);
	const meeting = { id: fixture.meetingId, date: '2027-05-11' };
	await checkConsentGate(db, meeting, fixture.items.fine, chair, TODAY);
	await checkConsentGate(db, meeting, fixture.items.withdrawn, chair, TODAY);
	// Each action carries its case (the worst case): the gate alone decides what its owner sees.
	for (const gate of ['closed', 'opened', 'refused'] as const) {
		const { case_id } = await db
			.selectFrom('new_caf')
			.select('case_id')
			.where('submission_id', '=', itemOf(gate))
			.executeTakeFirstOrThrow();
		const row = await db
			.insertInto('action')
			.values({
				community_id: fixture.communityId,
				meeting_id: fixture.meetingId,
				submission_id: itemOf(gate),
				case_id,
				description: 'Check in with the family',
				owner_id: fixture.people[ACTION_OWNER],
				owner_name: `The ${ACTION_OWNER}`,
				owner_agency: 'Agency 6',
				due_date: '2027-06-01',
				created_by: fixture.people.chair,
				created_at: new Date().toISOString(),
				completed_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		actionIds[gate] = row.id;
	}
});

afterAll(async () => {
	await closeAppDatabase();
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
});

function itemOf(gate: GateCase): number {
	return {
		opened: fixture.items.fine,
		refused: fixture.items.withdrawn,
		closed: fixture.items.unchecked
	}[gate];
}

function event(person: Person, params: Record<string, string>, search = '') {
	const user = {
		id: fixture.people[person],
		name: `The ${person}`,
		email: `${person}@council.example`,
		agencyName: null,
		isAdministrator: person === 'administrator',
		hasTwoFactor: false,
		communityRoles: []
	};
	const session = { id: 's', createdAt: '', expiresAt: '', twoFactorVerified: true };
	return {
		locals: { user, session },
		params,
		url: new URL(`http://localhost/${search}`),
		getClientAddress: () => '192.0.2.7'
	} as never;
}

/** What a page hands the browser for this person, or its refusal. */
async function render(page: Page, person: Person, gate: GateCase): Promise<string> {
	try {
		const meetingParams = { id: String(fixture.meetingId) };
		if (page === 'minutes') return JSON.stringify(await minutesLoad(event(person, meetingParams)));
		if (page === 'action list CSV')
			return await (await actionListCsv(event(person, meetingParams))).text();
		if (page === 'action' || page === "action's family") {
			const search = page === 'action' ? '' : '?family=show';
			return JSON.stringify(
				await actionLoad(event(person, { id: String(actionIds[gate]) }, search))
			);
		}
		if (page === 'room') {
			await appDatabase()
				.db.updateTable('meeting')
				.set({ current_item_id: itemOf(gate) })
				.where('id', '=', fixture.meetingId)
				.execute();
			return JSON.stringify(await roomLoad(event(person, { id: String(fixture.meetingId) })));
		}
		return JSON.stringify(await itemLoad(event(person, { id: String(itemOf(gate)) })));
	} catch (thrown) {
		if (isHttpError(thrown)) return `refused ${thrown.status}`;
		if (isRedirect(thrown)) return `redirected ${thrown.location}`;
		throw thrown;
	}
}

/**
 * The rule (DOMAIN.md, "The consent gate"): in the meeting, a family is identified only once the
 * chair has opened the gate, and only to those present who confirmed confidentiality. Outside it,
 * only the submitter, the lead professional and the chair see the family.
 */
function allowed(page: Page, person: Person, gate: GateCase): boolean {
	// Action lists carry case references only, whoever reads them.
	if (page === 'action list CSV') return false;
	// An action's page never reads the family; asking for them is for its owner, through the gate.
	if (page === 'action') return false;
	if (page === "action's family") return person === ACTION_OWNER && gate === 'opened';
	if (page === 'room' || page === 'minutes')
		return gate === 'opened' && (person === 'chair' || person === 'confirmedMember');
	return person === 'submitter' || person === 'leadProfessional' || person === 'chair';
}

const casesFor = (pages: Page[]) =>
	pages.flatMap((page) =>
		PEOPLE.flatMap((person) =>
			(['closed', 'opened', 'refused'] as const).map((gate) => [page, person, gate] as const)
		)
	);
const cases = casesFor(['room', 'item', 'action', "action's family"]);
const published = casesFor(['minutes', 'action list CSV']);

describe('who sees a family: every page × person × gate state', () => {
	it.each(cases)('%s page, %s, gate %s', async (page, person, gate) => {
		const html = await render(page, person, gate);
		const sees = allowed(page, person, gate);
		expect(html.includes(CHILD[gate]), html.slice(0, 200)).toBe(sees);
		expect(html.includes(NEED)).toBe(sees);
		// The case reference is never a secret to those who may open the page at all.
		if (!html.startsWith('refused') && page === 'room') expect(html).toContain('LED-2027-');
	});

	describe('once the meeting has concluded', () => {
		beforeAll(async () => {
			const { db } = appDatabase();
			await db
				.insertInto('action')
				.values({
					community_id: fixture.communityId,
					meeting_id: fixture.meetingId,
					submission_id: fixture.items.fine,
					case_id: 1,
					description: `Home visit for ${fixture.references.fine}`,
					owner_id: fixture.people.confirmedMember,
					owner_name: 'The confirmedMember',
					owner_agency: 'Agency 5',
					due_date: '2027-06-01',
					created_by: fixture.people.chair,
					created_at: new Date().toISOString(),
					completed_at: null
				})
				.execute();
			await db
				.updateTable('meeting')
				.set({ status: 'concluded', concluded_at: new Date().toISOString() })
				.where('id', '=', fixture.meetingId)
				.execute();
		});

		it.each(published)('%s, %s, gate %s', async (page, person, gate) => {
			const text = await render(page, person, gate);
			expect(text.includes(CHILD[gate]), text.slice(0, 200)).toBe(allowed(page, person, gate));
			if (page === 'action list CSV' && !text.startsWith('refused'))
				expect(text).toContain(`Home visit for ${fixture.references.fine}`);
		});
	});

	it('logs every read of a family it returned', async () => {
		const { db } = appDatabase();
		const reads = await db
			.selectFrom('audit_log')
			.select(['actor_id', 'ip'])
			.where('action', '=', 'family.viewed')
			.execute();
		// The minutes name every opened family at once, so each load of them reads that family.
		// In the room the chair also reads the consent on file (it names the parents), each time.
		const consentReads = cases.filter(([page, person]) => page === 'room' && person === 'chair');
		const expected =
			[...cases, ...published].filter(([page, person, gate]) =>
				allowed(page, person, page === 'minutes' ? 'opened' : gate)
			).length + consentReads.length;
		expect(reads.length).toBe(expected);
		expect(reads.every((r) => r.ip === '192.0.2.7')).toBe(true);
	});
});
