import type { ActionStatus } from '$lib/server/platform/schema';
import { addCommunity, countRows } from '../helpers';
import {
	database,
	fixture,
	MEETING_DATE,
	useMeetingFixture,
	type Person
} from '../meeting-fixture';

/**
 * What the tests of actions share: a fresh database with the meeting fixture for every test
 * (useActionsFixture), actions written straight in as the room would leave them, and a second
 * community. `database` and `fixture` are the current test's.
 */

export { database, fixture, useMeetingFixture as useActionsFixture };

/** The next meeting (fixture.laterMeetingIds[0]) is on 22 June 2027: the actions review day. */
export const REVIEW_DATE = '2027-06-22';
export const reviewDay = new Date('2027-06-22T09:00:00Z');

export const person = (who: Person) => ({ id: fixture.people[who], ip: '192.0.2.7' });
export const chair = () => person('chair');
export const reviewMeeting = () => ({
	id: fixture.laterMeetingIds[0]!,
	communityId: fixture.communityId,
	date: REVIEW_DATE
});

/** What the actions review at the review meeting works from: the meeting, its community, the day. */
export const reviewContext = () => ({
	meetingId: reviewMeeting().id,
	communityId: fixture.communityId,
	today: REVIEW_DATE
});

export { form } from '../helpers';

/** An action agreed at the fixture's first meeting (11 May 2027), as the room would leave it. */
export async function addAction(fields: {
	description?: string;
	owner?: Person | null;
	ownerName?: string;
	agency?: string;
	due?: string;
	status?: ActionStatus;
	submissionId?: number | null;
	caseId?: number | null;
	communityId?: number;
	meetingId?: number;
}): Promise<number> {
	const owner = fields.owner === undefined ? 'confirmedMember' : fields.owner;
	const row = await database.db
		.insertInto('action')
		.values({
			community_id: fields.communityId ?? fixture.communityId,
			meeting_id: fields.meetingId ?? fixture.meetingId,
			submission_id: fields.submissionId ?? null,
			case_id: fields.caseId ?? null,
			description: fields.description ?? 'Visit the family',
			owner_id: owner ? fixture.people[owner] : null,
			owner_name: fields.ownerName ?? (owner ? `The ${owner}` : 'Ann Lee'),
			owner_agency: fields.agency ?? 'Agency 5',
			due_date: fields.due ?? '2027-06-01',
			status: fields.status ?? 'open',
			created_by: fixture.people.chair,
			created_at: '2027-05-11T10:00:00.000Z',
			completed_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export const count = (table: 'action_update' | 'audit_log' | 'notice' | 'mail_outbox') =>
	countRows(database.db, table);

/** A second community with a meeting, whose actions never count in the first one's figures. */
export async function otherCommunityMeeting() {
	const { db } = database;
	const communityId = await addCommunity(db, 'Bromyard', 'Elsewhere');
	const meeting = await db
		.insertInto('meeting')
		.values({
			community_id: communityId,
			date: MEETING_DATE,
			start_time: '09:30',
			length_minutes: 120,
			venue: null,
			online_link: null,
			submission_deadline: '2027-05-04',
			status: 'concluded',
			created_by: fixture.people.chair,
			created_at: '2027-01-01T00:00:00.000Z',
			started_at: null,
			concluded_at: null,
			current_item_id: null,
			current_item_started_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { communityId, meetingId: meeting.id };
}

/** The keys of the posts saved (form-keys.ts). */
export const postedKeys = async () =>
	database.db.selectFrom('form_submission').select(['user_id', 'form']).execute();
