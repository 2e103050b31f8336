import { beforeEach } from 'vitest';
import { decideItem } from '$lib/server/agenda/agenda';
import type { OpenDatabase } from '$lib/server/platform/db';
import { createNewCaf, type NewCafInput } from '$lib/server/agenda/new-caf';
import type { CommunityRole } from '$lib/server/platform/schema';
import { addCommunity, freshDatabase, insertUser } from './helpers';
import { newCafContext, primaryAdvice, scheduleAt, submitItem } from './builders';

export const MEETING_DATE = '2027-05-11';
export const TODAY = '2027-05-11';
export const CHILD = 'Zebedee Quill';
export const NEED = 'Speech delay, waiting for therapy';

export type Person =
	| 'chair'
	| 'coordinator'
	| 'submitter'
	| 'leadProfessional'
	| 'confirmedMember'
	| 'unconfirmedMember'
	| 'absentMember'
	| 'nonMember'
	| 'administrator';

/** The people of the fixture who hold a role in its community. */
export const MEMBERS = [
	'chair',
	'coordinator',
	'submitter',
	'leadProfessional',
	'confirmedMember',
	'unconfirmedMember',
	'absentMember'
] as const satisfies Person[];

export const PEOPLE: Person[] = [...MEMBERS, 'nonMember', 'administrator'];

const ROLES: Partial<Record<Person, CommunityRole>> = {
	chair: 'chair',
	coordinator: 'coordinator',
	submitter: 'member',
	leadProfessional: 'member',
	confirmedMember: 'member',
	unconfirmedMember: 'member',
	absentMember: 'member'
};

function cafInput(child: string, signedOn: string): NewCafInput {
	return {
		members: [
			{
				row: 1,
				name: child,
				dateOfBirth: '2019-05-04',
				relationship: 'Child',
				setting: 'Ledbury Primary School',
				isChild: true
			},
			{
				row: 2,
				name: 'Marigold Quill',
				dateOfBirth: '1990-02-11',
				relationship: 'Mother',
				setting: null,
				isChild: false
			}
		],
		needs: [{ memberRow: 1, description: NEED, domain: 'development' }],
		cafDate: '2027-04-01',
		wayIn: 'New CAF',
		levelOfNeed: '2',
		consent: {
			givenBy: 'Marigold Quill',
			youngPerson: 'not-of-age',
			signedOn,
			coversMag: true,
			sharing: { agencies: 'all', partnerChecks: false },
			formLocation: 'CAF team file'
		}
	};
}

/**
 * A community with one person in each position, a published meeting and a later one, a part 1
 * and a part 4 item, and new CAFs: one whose consent is in order and one whose consent the family
 * has since withdrawn. Everything accepted onto the agenda.
 */
export async function meetingWithFamilies(database: OpenDatabase) {
	const { db } = database;
	const communityId = await addCommunity(db, 'Ledbury', 'South');
	const people = {} as Record<Person, number>;
	for (const [index, person] of PEOPLE.entries()) {
		const agency = await db
			.insertInto('agency')
			.values({ name: `Agency ${index + 1}`, sector: 'Health' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const userId = await insertUser(db, {
			email: `${person.toLowerCase()}@council.example`,
			name: `The ${person}`,
			agencyId: agency.id,
			administrator: person === 'administrator'
		});
		people[person] = userId;
		const role = ROLES[person];
		if (role)
			await db
				.insertInto('community_membership')
				.values({ user_id: userId, community_id: communityId, role })
				.execute();
	}
	const chair = { id: people.chair, ip: null };
	const [meetingId, laterId, afterId] = await scheduleAt(
		db,
		communityId,
		[MEETING_DATE, '2027-06-22', '2027-08-03'],
		'Ledbury',
		chair
	);
	const context = newCafContext(meetingId, communityId, 'Ledbury', people.submitter);
	const fine = await createNewCaf(db, context, cafInput(CHILD, '2027-03-01'), null);
	const withdrawn = await createNewCaf(db, context, cafInput('Ottoline Marsh', '2027-03-01'), null);
	const unchecked = await createNewCaf(
		db,
		context,
		cafInput('Clementine Hart', '2027-03-01'),
		null
	);
	await db
		.updateTable('consent')
		.set({ withdrawn_on: '2027-05-01' })
		.where('case_id', '=', (qb) =>
			qb.selectFrom('new_caf').select('case_id').where('submission_id', '=', withdrawn.submissionId)
		)
		.execute();
	const advice = await submitItem(
		db,
		meetingId,
		people.submitter,
		primaryAdvice('Hungry', 'Ideas')
	);
	const issue = await submitItem(db, meetingId, people.submitter, {
		part: 4,
		issue: { title: 'Vaping', place: 'School gates', happening: 'Vaping', wanted: 'Response' }
	});
	for (const id of [
		advice,
		fine.submissionId,
		withdrawn.submissionId,
		unchecked.submissionId,
		issue
	])
		await decideItem(db, meetingId, id, { kind: 'accept', minutes: 10 }, chair);
	await db
		.updateTable('meeting')
		.set({ status: 'agenda-published' })
		.where('id', '=', meetingId)
		.execute();
	// The lead professional already holds the cases (as after an earlier meeting).
	await db
		.updateTable('family_case')
		.set({ lead_professional_id: people.leadProfessional })
		.execute();
	return {
		communityId,
		meetingId: meetingId,
		laterMeetingIds: [laterId!, afterId!],
		people,
		items: {
			advice,
			fine: fine.submissionId,
			withdrawn: withdrawn.submissionId,
			unchecked: unchecked.submissionId,
			issue
		},
		references: {
			fine: fine.reference,
			withdrawn: withdrawn.reference,
			unchecked: unchecked.reference
		}
	};
}

export type MeetingWithFamilies = Awaited<ReturnType<typeof meetingWithFamilies>>;

/** The current test's database and fixture, once a test file calls useMeetingFixture(). */
export let database: OpenDatabase;
export let fixture: MeetingWithFamilies;

/** A fresh database with the meeting fixture for every test in the file. */
export function useMeetingFixture() {
	beforeEach(async () => {
		database = await freshDatabase();
		fixture = await meetingWithFamilies(database);
	});
}

/** The chair, signed in from the meeting room's laptop. */
export const chair = () => ({ id: fixture.people.chair, ip: '192.0.2.1' });
