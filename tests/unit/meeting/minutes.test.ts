import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionList } from '$lib/server/actions/action-list';
import { decideItem } from '$lib/server/agenda/agenda';
import { addAction } from '$lib/server/actions/actions';
import { addGuest, confirmConfidentiality, saveRegister } from '$lib/server/meeting/attendance';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import { csvCell, toCsv } from '$lib/server/http/csv';
import type { OpenDatabase } from '$lib/server/platform/db';
import { concludeMeeting, startMeeting } from '$lib/server/meeting/room';
import { advanceMeeting, scheduleMeetings } from '$lib/server/agenda/meetings';
import { meetingMinutes, type Minutes } from '$lib/server/meeting/minutes';
import { actionListDocument, minutesDocument } from '$lib/server/meeting/minutes-pdf';
import { createNewCaf, type NewCafInput } from '$lib/server/agenda/new-caf';
import { saveOutcome } from '$lib/server/meeting/outcomes';
import { renderPdf } from '$lib/server/http/pdf';
import { createSubmission } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, freshDatabase } from '../helpers';

const MEETING = '2027-03-09';
const NEXT_MEETING = '2027-04-20';

let database: OpenDatabase;
let communityId: number;
let meetingId: number;
let nextMeetingId: number;
const people = {} as Record<
	'chair' | 'confirmed' | 'unconfirmed' | 'apologies' | 'substituted' | 'submitter',
	{ id: number; ip: null }
>;
const items = {} as Record<'advice' | 'opened' | 'refused' | 'deferred' | 'issue', number>;
let openedReference: string;
let refusedReference: string;

function caf(child: string, parent: string): NewCafInput {
	return {
		members: [
			{
				row: 1,
				name: child,
				dateOfBirth: '2018-06-04',
				relationship: 'Child',
				setting: 'Fictional Primary School, Year 3',
				isChild: true
			},
			{
				row: 2,
				name: parent,
				dateOfBirth: '1990-01-01',
				relationship: 'Mother',
				setting: null,
				isChild: false
			}
		],
		needs: [
			{ memberRow: 1, description: `${child} attendance below 85%`, domain: 'development' },
			{ memberRow: 2, description: 'Support with morning routines', domain: 'parenting' }
		],
		cafDate: '2027-02-15',
		wayIn: 'New CAF',
		levelOfNeed: '2',
		consent: {
			givenBy: parent,
			youngPerson: 'not-of-age',
			signedOn: '2027-02-15',
			coversMag: true,
			sharedWith: 'School, health visiting',
			formLocation: 'Scanned to the case file'
		}
	};
}

async function needIds(submissionId: number) {
	const rows = await database.db
		.selectFrom('need')
		.innerJoin('new_caf', 'new_caf.case_id', 'need.case_id')
		.select('need.id')
		.where('new_caf.submission_id', '=', submissionId)
		.orderBy('need.id')
		.execute();
	return rows.map((row) => row.id);
}

async function agencyOf(userId: number): Promise<string> {
	const row = await database.db
		.selectFrom('user')
		.innerJoin('agency', 'agency.id', 'user.agency_id')
		.select('agency.name')
		.where('user.id', '=', userId)
		.executeTakeFirstOrThrow();
	return row.name;
}

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	for (const [key, name] of [
		['chair', 'Helen Chair'],
		['confirmed', 'Cara Confirmed'],
		['unconfirmed', 'Uma Unconfirmed'],
		['apologies', 'Abe Apologies'],
		['substituted', 'Sid Substituted'],
		['submitter', 'Sue Submitter']
	] as const)
		people[key] = { id: (await addUser(database, { name })).id, ip: null };
	communityId = await addCommunity(db, 'Kington and Weobley', 'North');
	for (const [key, person] of Object.entries(people))
		await db
			.insertInto('community_membership')
			.values({
				user_id: person.id,
				community_id: communityId,
				role: key === 'chair' ? 'chair' : 'member'
			})
			.execute();
	const chair = people.chair;
	[meetingId, nextMeetingId] = (await scheduleMeetings(
		db,
		{
			communityId,
			dates: [MEETING, NEXT_MEETING],
			startTime: '09:30',
			lengthMinutes: 120,
			venue: 'Kington Library',
			onlineLink: null,
			deadlineWorkingDays: 5
		},
		chair
	)) as [number, number];

	const submitter = people.submitter.id;
	const context = {
		meetingId,
		communityId,
		communityName: 'Kington and Weobley',
		submittedBy: submitter,
		agencyId: null,
		late: false,
		year: '2027'
	};
	items.advice = await createSubmission(
		db,
		{
			meetingId,
			submittedBy: submitter,
			agencyId: null,
			late: false,
			content: {
				part: 1,
				advice: {
					ageBand: '5 to 10',
					setting: 'primary school',
					worry: 'Often hungry at school',
					askedFor: 'Which agency could help'
				}
			}
		},
		null
	);
	const opened = await createNewCaf(
		db,
		context,
		caf('Jamie Example-Smith', 'Alex Example-Smith'),
		null
	);
	const refused = await createNewCaf(
		db,
		context,
		caf('Robin Refused-Case', 'Sam Refused-Case'),
		null
	);
	const deferred = await createNewCaf(db, context, caf('Dana Deferred', 'Pat Deferred'), null);
	items.opened = opened.submissionId;
	items.refused = refused.submissionId;
	items.deferred = deferred.submissionId;
	openedReference = opened.reference;
	refusedReference = refused.reference;
	// The family withdrew consent for one case, and the other's form does not cover this MAG.
	await db
		.updateTable('consent')
		.set({ covers_mag: 0 })
		.where(
			'case_id',
			'=',
			db.selectFrom('new_caf').select('case_id').where('submission_id', '=', items.refused)
		)
		.execute();
	await db
		.updateTable('consent')
		.set({ withdrawn_on: '2027-03-01' })
		.where(
			'case_id',
			'=',
			db.selectFrom('new_caf').select('case_id').where('submission_id', '=', items.deferred)
		)
		.execute();
	items.issue = await createSubmission(
		db,
		{
			meetingId,
			submittedBy: submitter,
			agencyId: null,
			late: false,
			content: {
				part: 4,
				issue: {
					title: 'Drinking by the river',
					place: 'Riverside walk',
					happening: 'Teenagers drinking on Friday nights',
					wanted: 'A joint response'
				}
			}
		},
		null
	);
	for (const id of Object.values(items))
		await decideItem(db, meetingId, id, { kind: 'accept', minutes: 10 }, chair);
	await advanceMeeting(db, meetingId, 'scheduled', chair);
	await advanceMeeting(db, meetingId, 'agenda-open', chair);
	const start = new Date('2027-03-09T09:30:00Z');
	expect(await startMeeting(db, meetingId, chair, start)).toBe(true);

	// The register: the chair and one member agree the statement (aloud, and on their own device);
	// one member is present but never confirms; one sends apologies; one sends a substitute.
	await saveRegister(
		db,
		meetingId,
		[
			{ userId: people.chair.id, status: 'present', substituteName: null, agreedAloud: true },
			{ userId: people.confirmed.id, status: 'present', substituteName: null, agreedAloud: false },
			{
				userId: people.unconfirmed.id,
				status: 'present',
				substituteName: null,
				agreedAloud: false
			},
			{
				userId: people.apologies.id,
				status: 'apologies',
				substituteName: null,
				agreedAloud: false
			},
			{
				userId: people.substituted.id,
				status: 'substitute',
				substituteName: 'Sam Stand-In',
				agreedAloud: true
			},
			{ userId: people.submitter.id, status: 'absent', substituteName: null, agreedAloud: false }
		],
		chair,
		start
	);
	await confirmConfidentiality(db, meetingId, people.confirmed, new Date('2027-03-09T09:32:00Z'));
	await addGuest(
		db,
		meetingId,
		{ name: 'Gill Guest', agency: 'Home-Start', agreedAloud: true },
		chair,
		start
	);

	const meeting = { id: meetingId, date: MEETING };
	expect(await checkConsentGate(db, meeting, items.opened, chair, MEETING)).toEqual({
		opened: true
	});
	expect((await checkConsentGate(db, meeting, items.refused, chair, MEETING)).opened).toBe(false);
	expect((await checkConsentGate(db, meeting, items.deferred, chair, MEETING)).opened).toBe(false);
	await decideItem(
		db,
		meetingId,
		items.deferred,
		{
			kind: 'defer',
			toMeetingId: nextMeetingId,
			toMeetingDate: '20 April 2027',
			reason: 'consent-not-confirmed'
		},
		chair
	);

	const item = (submissionId: number, caseId: number | null = null) => ({
		submissionId,
		meetingId,
		meetingDate: MEETING,
		communityId,
		caseId
	});
	const caseOf = async (submissionId: number) =>
		(
			await db
				.selectFrom('new_caf')
				.select('case_id')
				.where('submission_id', '=', submissionId)
				.executeTakeFirstOrThrow()
		).case_id;
	const [attendanceNeed, routinesNeed] = await needIds(items.opened);
	const saves = [
		await saveOutcome(
			db,
			item(items.advice),
			{
				kind: 'single-agency',
				note: 'School nurse to see the child',
				agency: 'School Nursing Service',
				offer: null,
				takenAsAdvice: false
			},
			0,
			chair
		),
		await saveOutcome(
			db,
			item(items.opened, await caseOf(items.opened)),
			{
				kind: 'agreed',
				part: 2,
				note: 'Alex Example-Smith welcomed the help',
				support: { [attendanceNeed!]: 'Breakfast club place', [routinesNeed!]: 'Parenting course' },
				leadProfessionalId: people.confirmed.id,
				nextReviewMeetingId: nextMeetingId
			},
			0,
			chair
		),
		await saveOutcome(
			db,
			item(items.refused, await caseOf(items.refused)),
			{
				kind: 'advice-given',
				note: 'Talk to the school nurse first',
				agency: null,
				offer: null,
				takenAsAdvice: true
			},
			0,
			chair
		),
		await saveOutcome(
			db,
			item(items.issue),
			{ kind: 'agreed', part: 4, note: 'Joint patrols on Fridays' },
			0,
			chair
		)
	];
	expect(saves.every((save) => save.saved)).toBe(true);
	await addAction(
		db,
		{ communityId, meetingId, submissionId: items.opened, caseId: await caseOf(items.opened) },
		{
			description: `Book a breakfast club place for ${openedReference}`,
			ownerId: null,
			ownerName: 'Priya Shah',
			ownerAgency: 'Leominster Primary School',
			dueDate: '2027-03-23'
		},
		chair
	);
	await addAction(
		db,
		{ communityId, meetingId, submissionId: items.issue, caseId: null },
		{
			description: 'Patrol the riverside on Friday nights',
			ownerId: null,
			ownerName: 'Mark Hughes',
			ownerAgency: 'West Mercia Police',
			dueDate: '2027-04-01'
		},
		chair
	);
	await addAction(
		db,
		{ communityId, meetingId, submissionId: items.advice, caseId: null },
		{
			description: 'See the child at the school drop-in',
			ownerId: null,
			ownerName: 'Aisha Begum',
			ownerAgency: 'School Nursing Service',
			dueDate: '2027-03-16'
		},
		chair
	);
	expect(await concludeMeeting(db, meetingId, chair, new Date('2027-03-09T11:20:00Z'))).toEqual({
		ok: true
	});
});
afterAll(() => database.close());

const minutesFor = async (who: keyof typeof people) =>
	(await meetingMinutes(database.db, meetingId, people[who]))!;
const itemIn = (minutes: Minutes, id: number) => minutes.items.find((item) => item.id === id)!;

describe('the minutes of a concluded meeting', () => {
	it('lists each item in agenda order with its outcome in words, withholding a family item’s from a reader who may not identify the family', async () => {
		const minutes = await minutesFor('unconfirmed');
		expect(minutes.meeting).toMatchObject({
			communityName: 'Kington and Weobley',
			date: MEETING,
			venue: 'Kington Library'
		});
		expect(minutes.items.map((item) => [item.part, item.outcome])).toEqual([
			[1, 'Single-agency response agreed'],
			[2, null],
			[2, 'Advice given'],
			[4, 'Response agreed']
		]);
		expect(itemIn(minutes, items.advice)).toMatchObject({
			responseAgency: 'School Nursing Service',
			note: 'School nurse to see the child',
			content: { part: 1, advice: { worry: 'Often hungry at school' } }
		});
		expect(itemIn(minutes, items.opened)).toMatchObject({
			leadProfessional: 'Cara Confirmed',
			nextReviewDate: NEXT_MEETING
		});
		expect(itemIn(minutes, items.issue).actions.map((a) => a.description)).toEqual([
			'Patrol the riverside on Friday nights'
		]);
	});

	it('names the family of a gate-passed item to someone who confirmed confidentiality at this meeting, and logs the read', async () => {
		const minutes = await minutesFor('confirmed');
		const opened = itemIn(minutes, items.opened);
		expect(opened.family?.members).toEqual([
			{ name: 'Jamie Example-Smith', age: 8, relationship: 'Child' },
			{ name: 'Alex Example-Smith', age: 37, relationship: 'Mother' }
		]);
		expect(opened.family?.needs.map((n) => [n.forName, n.support])).toEqual([
			['Jamie Example-Smith', 'Breakfast club place'],
			['Alex Example-Smith', 'Parenting course']
		]);
		expect(opened.note).toBe('Alex Example-Smith welcomed the help');
		expect(opened.outcome).toBe('Support agreed');
		const reads = await database.db
			.selectFrom('audit_log')
			.select(['record_id', 'detail'])
			.where('action', '=', 'family.viewed')
			.where('actor_id', '=', people.confirmed.id)
			.execute();
		expect(reads).toEqual([
			{ record_id: openedReference, detail: expect.stringContaining('"why":"minutes"') }
		]);
	});

	it.each(['unconfirmed', 'apologies', 'substituted', 'submitter'] as const)(
		'shows %s only the reference and initials, withholds the note, and logs no read',
		async (who) => {
			const minutes = await minutesFor(who);
			const opened = itemIn(minutes, items.opened);
			expect(opened.label).toContain(openedReference);
			expect(opened.family).toBeNull();
			expect(opened.note).toBeNull();
			expect(opened.discussionWithheld).toBe(true);
			expect(opened.outcome).toBeNull();
			const text = JSON.stringify(minutes);
			for (const identifying of [
				'Jamie',
				'Example-Smith',
				'attendance below',
				'Breakfast club place'
			])
				expect(text).not.toContain(identifying);
			const reads = await database.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', '=', 'family.viewed')
				.where('actor_id', '=', people[who].id)
				.execute();
			expect(reads).toEqual([]);
		}
	);

	it.each(['chair', 'confirmed', 'unconfirmed'] as const)(
		'shows %s a refused-gate item by reference and initials only, taken anonymously as advice',
		async (who) => {
			const minutes = await minutesFor(who);
			const refused = itemIn(minutes, items.refused);
			expect(refused.label).toMatch(new RegExp(`^${refusedReference} \\(R\\.R\\.C\\.\\)`));
			expect(refused).toMatchObject({
				takenAsAdvice: true,
				family: null,
				note: 'Talk to the school nurse first'
			});
			expect(JSON.stringify(minutes)).not.toMatch(/Robin|Refused-Case/);
		}
	);

	it('lists the item deferred at the consent gate, by reference and initials, with why it was deferred', async () => {
		const minutes = await minutesFor('chair');
		expect(minutes.notTaken).toEqual([
			{
				id: items.deferred,
				part: 2,
				label: expect.stringMatching(/^KWE-2027-003 \(D\.D\.\)$/),
				what: 'Deferred to the meeting on 20 April 2027: Consent could not be confirmed'
			}
		]);
		expect(JSON.stringify(minutes)).not.toContain('Dana');
	});

	it('records who was there, a substitute as "X for Y", and who agreed the confidentiality statement and how', async () => {
		const { attendance } = await minutesFor('chair');
		const group = (heading: string) => attendance.find((g) => g.heading === heading)?.people;
		expect(attendance.map((g) => g.heading)).toEqual([
			'Present',
			'Substitutes',
			'Guests',
			'Apologies',
			'Absent'
		]);
		expect(group('Present')?.map((p) => [p.name, p.confidentiality])).toEqual(
			expect.arrayContaining([
				['Helen Chair', 'Agreed aloud, recorded by the chair at 9:30am'],
				['Cara Confirmed', 'Confirmed on their own device at 9:32am'],
				['Uma Unconfirmed', 'Not confirmed']
			])
		);
		expect(group('Substitutes')).toEqual([
			{
				name: 'Sam Stand-In for Sid Substituted',
				agency: await agencyOf(people.substituted.id),
				confidentiality: 'Agreed aloud, recorded by the chair at 9:30am'
			}
		]);
		expect(group('Guests')).toEqual([
			{
				name: 'Gill Guest',
				agency: 'Home-Start',
				confidentiality: 'Agreed aloud, recorded by the chair at 9:30am'
			}
		]);
		expect(group('Apologies')).toEqual([
			{ name: 'Abe Apologies', agency: await agencyOf(people.apologies.id), confidentiality: null }
		]);
	});
});

describe('the action list', () => {
	it('gives every action a reference that names no one: the case, "Advice" or the community issue', async () => {
		const { actions, agencies } = await actionList(database.db, meetingId);
		expect(actions.map((a) => [a.reference, a.ownerName, a.ownerAgency, a.dueDate])).toEqual([
			['Advice', 'Aisha Begum', 'School Nursing Service', '2027-03-16'],
			[openedReference, 'Cara Confirmed', await agencyOf(people.confirmed.id), '2027-03-16'],
			[openedReference, 'Priya Shah', 'Leominster Primary School', '2027-03-23'],
			['Drinking by the river', 'Mark Hughes', 'West Mercia Police', '2027-04-01']
		]);
		expect(agencies).toEqual(
			[
				await agencyOf(people.confirmed.id),
				'Leominster Primary School',
				'School Nursing Service',
				'West Mercia Police'
			].sort()
		);
	});

	it.each(['West Mercia Police', 'School Nursing Service', 'Leominster Primary School'])(
		'an extract for %s holds only its own actions',
		async (agency) => {
			const { actions } = await actionList(database.db, meetingId, agency);
			expect(actions.length).toBe(1);
			expect(actions.every((a) => a.ownerAgency === agency)).toBe(true);
		}
	);
});

describe('CSV for spreadsheets', () => {
	it.each([
		['plain text', 'plain text'],
		['with, comma', '"with, comma"'],
		['say "hello"', '"say ""hello"""'],
		['two\nlines', '"two\nlines"'],
		['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
		['+44 1234', "'+44 1234"],
		['-1+1', "'-1+1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tTabbed', "'\tTabbed"],
		['\rReturn', '"\'\rReturn"'],
		['a = b', 'a = b'],
		['', '']
	])('%j → %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});

	it('ends every row with CRLF', () => {
		expect(
			toCsv([
				['a', 'b'],
				['c', 'd']
			])
		).toBe('a,b\r\nc,d\r\n');
	});
});

describe('PDF downloads', () => {
	it('makes a PDF of the minutes holding the family only for a reader who may see it', async () => {
		const named = minutesDocument(await minutesFor('confirmed'));
		const anonymous = minutesDocument(await minutesFor('unconfirmed'));
		expect(JSON.stringify(named.content)).toContain('Jamie Example-Smith');
		expect(JSON.stringify(anonymous.content)).not.toContain('Jamie');
		expect(JSON.stringify(anonymous.content)).toContain(openedReference);
		const pdf = Buffer.from(await renderPdf(anonymous));
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(1000);
		expect(pdf.subarray(-6).toString()).toContain('%%EOF');
	});

	it('makes a PDF of one agency’s actions', async () => {
		const { actions } = await actionList(database.db, meetingId, 'West Mercia Police');
		const document = actionListDocument(
			{ communityName: 'Kington and Weobley', date: MEETING },
			actions,
			'West Mercia Police'
		);
		expect(JSON.stringify(document.content)).toContain('Patrol the riverside');
		expect(JSON.stringify(document.content)).not.toContain('breakfast club');
		const pdf = Buffer.from(await renderPdf(document));
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	});
});
