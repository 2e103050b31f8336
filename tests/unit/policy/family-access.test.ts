import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The pages below open the app's own database: point it at a throwaway file before they load.
const databasePath = vi.hoisted(() => {
	const path = `test-results/family-access-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { isHttpError, isRedirect } from '@sveltejs/kit';
import { appDatabase, closeAppDatabase } from '$lib/server/platform/app-database';
import { admitToMeeting, askToJoin, confirmConfidentiality } from '$lib/server/meeting/attendance';
import { saveRegister } from '$lib/server/meeting/register';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import { startMeeting } from '$lib/server/meeting/room';
import { migrate } from '$lib/server/platform/migrator';
import { load as roomLoad } from '../../../src/routes/meetings/[id]/room/+page.server';
import { load as presentLoad } from '../../../src/routes/meetings/[id]/present/+page.server';
import { load as itemLoad } from '../../../src/routes/items/[id]/+page.server';
import { load as minutesLoad } from '../../../src/routes/meetings/[id]/minutes/+page.server';
import { GET as actionListCsv } from '../../../src/routes/meetings/[id]/actions/csv/+server';
import { load as actionLoad } from '../../../src/routes/actions/[id]/+page.server';
import { load as caseLoad } from '../../../src/routes/cases/[id]/+page.server';
import { load as homeLoad } from '../../../src/routes/+page.server';
import { load as myActionsLoad } from '../../../src/routes/actions/+page.server';
import { load as caseListLoad } from '../../../src/routes/cases/+page.server';
import { load as submissionsLoad } from '../../../src/routes/submissions/+page.server';
import { load as followUpLoad } from '../../../src/routes/communities/[id]/follow-up/+page.server';
import { load as agendaLoad } from '../../../src/routes/meetings/[id]/agenda/+page.server';
import { load as meetingLoad } from '../../../src/routes/meetings/[id]/+page.server';
import { load as registerLoad } from '../../../src/routes/meetings/[id]/register/+page.server';
import { insertUser } from '../helpers';
import { meetingWithFamilies, PEOPLE, TODAY, type Person } from '../meeting-fixture';
import { type MemberAttendance } from '$lib/domain/meeting';

/**
 * The README's "Who sees what", as one table: every page and data endpoint that can show a family,
 * for every role, gate state and place on the register. A family's names, needs, and what was said
 * about them (the note of the discussion, the support agreed) reach only those the rule allows.
 */
type GateCase = 'closed' | 'opened' | 'refused';
type Page =
	| 'room'
	| 'presentation'
	| 'item'
	| 'minutes'
	| 'action list CSV'
	| 'action'
	| "action's family"
	| 'case record';
type Fixture = Awaited<ReturnType<typeof meetingWithFamilies>>;

/** The people of the shared fixture, and more places on the register. */
type Extra =
	'coordinatorAgreed' | 'admittedLate' | 'sentSubstitute' | 'markedAbsent' | 'absentLetHimselfIn';
type Who = Person | Extra;
const EXTRA: Extra[] = [
	'coordinatorAgreed',
	'admittedLate',
	'sentSubstitute',
	'markedAbsent',
	'absentLetHimselfIn'
];
const EVERYONE: Who[] = [...PEOPLE, ...EXTRA];

let fixture: Fixture;
const ids = {} as Record<Who, number>;

const CHILD: Record<GateCase, string> = {
	opened: 'Zebedee Quill',
	refused: 'Ottoline Marsh',
	closed: 'Clementine Hart'
};
const NEED = 'Speech delay, waiting for therapy';
/** What was said about the opened family at the meeting. */
const NOTE = 'Grandmother now helps with the school run';
const SUPPORT = 'Speech therapy referral fast-tracked';
/** Each gate's item has an action owned by someone who agreed at the meeting, and one who did not. */
const actionIds = {} as Record<GateCase, { agreed: number; notAgreed: number }>;

/** Everyone recorded present who agreed the statement at the meeting. */
const IN_THE_ROOM: Who[] = ['chair', 'confirmedMember', 'coordinatorAgreed', 'admittedLate'];

beforeAll(async () => {
	fs.mkdirSync('test-results', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
	const database = appDatabase();
	await migrate(database.db);
	fixture = await meetingWithFamilies(database);
	const { db } = database;
	for (const person of PEOPLE) ids[person] = fixture.people[person];
	for (const extra of EXTRA) {
		const userId = await insertUser(db, {
			email: `${extra.toLowerCase()}@council.example`,
			name: `The ${extra}`,
			agencyId: null
		});
		ids[extra] = userId;
		await db
			.insertInto('community_membership')
			.values({
				user_id: userId,
				community_id: fixture.communityId,
				role: extra === 'coordinatorAgreed' ? 'coordinator' : 'member'
			})
			.execute();
	}
	const chair = { id: ids.chair, ip: null };
	await startMeeting(db, fixture.meetingId, chair);
	const entry = (who: Who, status: MemberAttendance) => ({
		userId: ids[who],
		status,
		substituteName: status === 'substitute' ? 'Sam Stand-In' : null,
		agreedAloud: false
	});
	await saveRegister(
		db,
		fixture.meetingId,
		[
			entry('confirmedMember', 'present'),
			entry('unconfirmedMember', 'present'),
			entry('absentMember', 'apologies'),
			entry('coordinatorAgreed', 'present'),
			entry('admittedLate', 'absent'),
			entry('sentSubstitute', 'substitute'),
			entry('markedAbsent', 'absent'),
			entry('absentLetHimselfIn', 'absent')
		],
		chair
	);
	// The chair, keeping the register, is in the room by agreeing; members the register has present
	// agree on their own devices. Someone marked absent who posts "I agree" changes nothing.
	await confirmConfidentiality(db, fixture.meetingId, { ...chair, organiser: true });
	for (const who of ['confirmedMember', 'coordinatorAgreed', 'absentLetHimselfIn'] as const)
		await confirmConfidentiality(db, fixture.meetingId, { id: ids[who], ip: null });
	// Arrives late: asks, the chair lets them in, then they agree.
	await askToJoin(db, fixture.meetingId, { id: ids.admittedLate, ip: null });
	await admitToMeeting(db, fixture.meetingId, ids.admittedLate, chair);
	await confirmConfidentiality(db, fixture.meetingId, { id: ids.admittedLate, ip: null });

	const meeting = { id: fixture.meetingId, date: '2027-05-11' };
	await checkConsentGate(db, meeting, fixture.items.fine, chair, TODAY);
	await checkConsentGate(db, meeting, fixture.items.withdrawn, chair, TODAY);
	// What the group said and agreed about the opened family.
	const opened = await caseOf(fixture.items.fine);
	await db
		.insertInto('outcome')
		.values({
			submission_id: fixture.items.fine,
			meeting_id: fixture.meetingId,
			kind: 'agreed',
			note: NOTE,
			agency: null,
			lead_professional_id: ids.leadProfessional,
			next_review_meeting_id: fixture.laterMeetingIds[1]!,
			taken_as_advice: 0,
			recorded_by: ids.chair,
			recorded_at: new Date().toISOString()
		})
		.execute();
	const need = await db
		.selectFrom('need')
		.select('id')
		.where('case_id', '=', opened)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('need_update')
		.values({
			submission_id: fixture.items.fine,
			need_id: need.id,
			status: null,
			progress: null,
			support: SUPPORT
		})
		.execute();
	// Each action carries its case (the worst case): the gate and the owner's agreement decide.
	for (const gate of ['closed', 'opened', 'refused'] as const) {
		const caseId = await caseOf(itemOf(gate));
		const add = async (owner: Who) =>
			(
				await db
					.insertInto('action')
					.values({
						community_id: fixture.communityId,
						meeting_id: fixture.meetingId,
						submission_id: itemOf(gate),
						case_id: caseId,
						description: 'Check in with the family',
						owner_id: ids[owner],
						owner_name: `The ${owner}`,
						owner_agency: 'Agency 6',
						due_date: '2027-06-01',
						created_by: ids.chair,
						created_at: new Date().toISOString(),
						completed_at: null
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		actionIds[gate] = {
			agreed: await add('confirmedMember'),
			notAgreed: await add('unconfirmedMember')
		};
	}
});

afterAll(async () => {
	await closeAppDatabase();
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databasePath + suffix, { force: true });
});

async function caseOf(submissionId: number): Promise<number> {
	const row = await appDatabase()
		.db.selectFrom('new_caf')
		.select('case_id')
		.where('submission_id', '=', submissionId)
		.executeTakeFirstOrThrow();
	return row.case_id;
}

function itemOf(gate: GateCase): number {
	return {
		opened: fixture.items.fine,
		refused: fixture.items.withdrawn,
		closed: fixture.items.unchecked
	}[gate];
}

function event(who: Who, params: Record<string, string>, search = '') {
	const user = {
		id: ids[who],
		name: `The ${who}`,
		email: `${who}@council.example`,
		agencyName: null,
		isAdministrator: who === 'administrator',
		isDataProtectionOfficer: false,
		isManager: false,
		isFrontDoor: false,
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

/** What a page or endpoint hands the browser for this person (its data as sent), or its refusal. */
async function render(page: Page, who: Who, gate: GateCase): Promise<string> {
	try {
		const meetingParams = { id: String(fixture.meetingId) };
		if (page === 'minutes') return JSON.stringify(await minutesLoad(event(who, meetingParams)));
		if (page === 'action list CSV')
			return await (await actionListCsv(event(who, meetingParams))).text();
		if (page === 'action' || page === "action's family") {
			const search = page === 'action' ? '' : '?family=show';
			// Each person asks for the action they would own, if any: the agreed owner's, else the other.
			const action = who === 'confirmedMember' ? actionIds[gate].agreed : actionIds[gate].notAgreed;
			return JSON.stringify(await actionLoad(event(who, { id: String(action) }, search)));
		}
		if (page === 'case record')
			return JSON.stringify(await caseLoad(event(who, { id: String(await caseOf(itemOf(gate))) })));
		if (page === 'room' || page === 'presentation') {
			await appDatabase()
				.db.updateTable('meeting')
				.set({ current_item_id: itemOf(gate) })
				.where('id', '=', fixture.meetingId)
				.execute();
			const load = page === 'room' ? roomLoad : presentLoad;
			return JSON.stringify(await load(event(who, meetingParams)));
		}
		return JSON.stringify(await itemLoad(event(who, { id: String(itemOf(gate)) })));
	} catch (thrown) {
		if (isHttpError(thrown)) return `refused ${thrown.status}`;
		if (isRedirect(thrown)) return `redirected ${thrown.location}`;
		throw thrown;
	}
}

/**
 * The rule (README, "Who sees what"; the consent gate in docs): in the meeting, a family is
 * identified only once the chair has opened the gate, and only to those the register has present
 * who agreed the confidentiality statement there. Outside it, the submitter, the lead professional
 * and the chair; an action's owner or a coordinator only if they agreed at the meeting where the
 * gate opened (or agree for the case), and only as members of the MAG.
 */
function allowed(page: Page, who: Who, gate: GateCase): boolean {
	// Action lists carry case references only, whoever reads them.
	if (page === 'action list CSV') return false;
	// An action's page never reads the family; asking for them is for its owner, through the gate.
	if (page === 'action') return false;
	if (page === "action's family") return who === 'confirmedMember' && gate === 'opened';
	if (page === 'room' || page === 'presentation' || page === 'minutes')
		return gate === 'opened' && IN_THE_ROOM.includes(who);
	if (page === 'case record') {
		if (who === 'submitter' || who === 'leadProfessional' || who === 'chair') return true;
		return who === 'coordinatorAgreed' && gate === 'opened';
	}
	return who === 'submitter' || who === 'leadProfessional' || who === 'chair';
}

/** Where the discussion (note, support agreed) is shown to those who may see the family. */
const SHOWS_DISCUSSION: Page[] = ['room', 'minutes', 'case record'];

const casesFor = (pages: Page[]) =>
	pages.flatMap((page) =>
		EVERYONE.flatMap((who) =>
			(['closed', 'opened', 'refused'] as const).map((gate) => [page, who, gate] as const)
		)
	);
const cases = casesFor([
	'room',
	'presentation',
	'item',
	'action',
	"action's family",
	'case record'
]);
const published = casesFor(['minutes', 'action list CSV']);

function expectShown(text: string, page: Page, who: Who, gate: GateCase) {
	const sees = allowed(page, who, gate);
	expect(text.includes(CHILD[gate]), text.slice(0, 300)).toBe(sees);
	// The minutes hold every item at once: the need and the discussion there are the opened family's.
	const seesOpened = page === 'minutes' ? allowed(page, who, 'opened') : sees;
	expect(text.includes(NEED)).toBe(seesOpened);
	// What was said about the family: never to someone who may not identify them.
	if (!seesOpened) {
		expect(text).not.toContain(NOTE);
		expect(text).not.toContain(SUPPORT);
	} else if ((gate === 'opened' || page === 'minutes') && SHOWS_DISCUSSION.includes(page)) {
		expect(text).toContain(NOTE);
		expect(text).toContain(SUPPORT);
	}
}

describe('who sees a family: every page × person × gate state × place on the register', () => {
	it.each(cases)('%s page, %s, gate %s', async (page, who, gate) => {
		const text = await render(page, who, gate);
		expectShown(text, page, who, gate);
		// The case reference is never a secret to those who may open the room at all.
		if (!text.startsWith('refused') && (page === 'room' || page === 'presentation'))
			expect(text).toContain('LED-2027-');
	});

	it('the room tells someone not recorded present to ask the chair, and lists them for the chair once they ask', async () => {
		const asJson = async (who: Who) => JSON.parse(await render('room', who, 'opened'));
		expect(await asJson('absentLetHimselfIn')).toMatchObject({
			notAdmitted: true,
			confirmed: false
		});
		expect(await asJson('sentSubstitute')).toMatchObject({ notAdmitted: true });
		expect(await asJson('unconfirmedMember')).toMatchObject({
			notAdmitted: false,
			confirmed: false
		});
		await askToJoin(appDatabase().db, fixture.meetingId, { id: ids.markedAbsent, ip: null });
		expect((await asJson('chair')).joinRequests).toEqual([
			expect.objectContaining({ userId: ids.markedAbsent, name: 'The markedAbsent' })
		]);
		expect((await asJson('confirmedMember')).joinRequests).toEqual([]);
		expect(await asJson('markedAbsent')).toMatchObject({ notAdmitted: true, askedToJoin: true });
	});

	it("an owner who did not agree at the meeting is asked to agree for the case before the family's details", async () => {
		const text = await render("action's family", 'unconfirmedMember', 'opened');
		expect(JSON.parse(text)).toMatchObject({ agreeFirst: true, family: null });
	});

	/** Lists and meeting pages: references and initials only, for everyone who may open them. */
	const LISTS = {
		home: (who: Who) => homeLoad(event(who, {})),
		'my actions': (who: Who) => myActionsLoad(event(who, {})),
		'case records': (who: Who) => caseListLoad(event(who, {})),
		'my submissions': (who: Who) => submissionsLoad(event(who, {})),
		'follow-up board': (who: Who) => followUpLoad(event(who, { id: String(fixture.communityId) })),
		agenda: (who: Who) => agendaLoad(event(who, { id: String(fixture.meetingId) })),
		meeting: (who: Who) => meetingLoad(event(who, { id: String(fixture.meetingId) })),
		register: (who: Who) => registerLoad(event(who, { id: String(fixture.meetingId) }))
	} as const;
	it.each(
		(Object.keys(LISTS) as (keyof typeof LISTS)[]).flatMap((page) =>
			EVERYONE.map((who) => [page, who] as const)
		)
	)('the %s page names no family to %s', async (page, who) => {
		let text: string;
		try {
			text = JSON.stringify(await (LISTS[page] as (who: Who) => Promise<unknown>)(who));
		} catch (thrown) {
			if (isHttpError(thrown) || isRedirect(thrown)) return;
			throw thrown;
		}
		for (const shown of [...Object.values(CHILD), 'Marigold Quill', NEED, NOTE, SUPPORT])
			expect(text).not.toContain(shown);
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
					case_id: await caseOf(fixture.items.fine),
					description: `Home visit for ${fixture.references.fine}`,
					owner_id: ids.confirmedMember,
					owner_name: 'The confirmedMember',
					owner_agency: 'Agency 5',
					due_date: '2027-06-01',
					created_by: ids.chair,
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

		it.each(published)('%s, %s, gate %s', async (page, who, gate) => {
			const text = await render(page, who, gate);
			expectShown(text, page, who, gate);
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
		const consentReads = cases.filter(([page, who]) => page === 'room' && who === 'chair');
		// The extra room loads of the "ask the chair" test: the chair and a confirmed member.
		const extraRoomReads = 2 + 1;
		const expected =
			[...cases, ...published].filter(([page, who, gate]) =>
				allowed(page, who, page === 'minutes' ? 'opened' : gate)
			).length +
			consentReads.length +
			extraRoomReads;
		expect(reads.length).toBe(expected);
		expect(reads.every((r) => r.ip === '192.0.2.7')).toBe(true);
	});
});
