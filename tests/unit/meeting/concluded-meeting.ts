import { afterAll, beforeAll, expect } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { decideItem } from '$lib/server/agenda/agenda';
import { addAction } from '$lib/server/actions/actions';
import { confirmConfidentiality } from '$lib/server/meeting/attendance';
import { addGuest, saveRegister } from '$lib/server/meeting/register';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import { concludeMeeting, startMeeting } from '$lib/server/meeting/room';
import { advanceMeeting } from '$lib/server/agenda/meetings';
import { createNewCaf, type NewCafInput } from '$lib/server/agenda/new-caf';
import { saveOutcome } from '$lib/server/meeting/outcomes';
import { addCommunity, addUser, caseOfItem, freshDatabase } from '../helpers';
import { newCafContext, primaryAdvice, scheduleAt, submitItem } from '../builders';

export const MEETING = '2027-03-09';
export const NEXT_MEETING = '2027-04-20';

type Reader = 'chair' | 'confirmed' | 'unconfirmed' | 'apologies' | 'substituted' | 'submitter';
type Item = 'advice' | 'opened' | 'refused' | 'deferred' | 'issue';

/** A family with a child and a parent, consent in order, for each new CAF. */
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
			sharing: { agencies: 'all', partnerChecks: false },
			formLocation: 'Scanned to the case file'
		}
	};
}

/**
 * A concluded meeting of Kington and Weobley's MAG, for the minutes and their downloads: a register
 * with each way of being there (and of agreeing the statement), an advice item, a new CAF whose
 * gate opened, one whose gate was refused (taken as advice), one deferred at the gate, and a
 * community issue, with outcomes and actions.
 */
export async function concludedMeeting() {
	const people = {} as Record<Reader, { id: number; ip: null }>;
	const items = {} as Record<Item, number>;
	const database = await freshDatabase();

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
	const communityId = await addCommunity(db, 'Kington and Weobley', 'North');
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
	const [meetingId, nextMeetingId] = (await scheduleAt(
		db,
		communityId,
		[MEETING, NEXT_MEETING],
		'Kington Library',
		chair
	)) as [number, number];

	const submitter = people.submitter.id;
	const context = newCafContext(meetingId, communityId, 'Kington and Weobley', submitter);
	items.advice = await submitItem(
		db,
		meetingId,
		submitter,
		primaryAdvice('Often hungry at school', 'Which agency could help')
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
	const openedReference = opened.reference;
	const refusedReference = refused.reference;
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
	items.issue = await submitItem(db, meetingId, submitter, {
		part: 4,
		issue: {
			title: 'Drinking by the river',
			place: 'Riverside walk',
			happening: 'Teenagers drinking on Friday nights',
			wanted: 'A joint response'
		}
	});
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
	const caseOf = (submissionId: number) => caseOfItem(db, submissionId);
	const [attendanceNeed, routinesNeed] = (
		await db
			.selectFrom('need')
			.select('id')
			.where('case_id', '=', await caseOf(items.opened))
			.orderBy('id')
			.execute()
	).map((need) => need.id);
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

	return {
		database,
		communityId,
		meetingId,
		nextMeetingId,
		people,
		items,
		openedReference,
		refusedReference
	};
}

export type ConcludedMeeting = Awaited<ReturnType<typeof concludedMeeting>>;

/** The current test file's concluded meeting and its database, once it calls useConcludedMeeting(). */
export let fixture: ConcludedMeeting;
export let database: OpenDatabase;

/** One concluded meeting for the whole test file, made before its tests and closed after them. */
export function useConcludedMeeting() {
	beforeAll(async () => {
		fixture = await concludedMeeting();
		database = fixture.database;
	});
	afterAll(() => database.close());
}
