import { afterAll, beforeAll } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { createNewCaf } from '$lib/server/agenda/new-caf';
import { readNewCafForm } from '$lib/server/agenda/new-caf-form';
import { findSubmission, type SubmissionDetail } from '$lib/server/agenda/submissions';
import { addUser, freshDatabase } from '../helpers';
import { bromyard, cafForm, MEETING, TODAY } from './new-caf-fixture';
import { newCafContext } from '../builders';

/**
 * What the tests of an item's pages share: a database with the Bromyard MAG and two meetings (the
 * second to be published), its submitter and someone else, and forms filled in.
 */

export let database: OpenDatabase;
export let submitter: { id: number };
export let someoneElse: { id: number };
export let communityId: number;
export let openMeetingId: number;
export let laterMeetingId: number;

/** One set of items for the whole test file, made before its tests; the database closed after. */
export function useItemFixture() {
	beforeAll(setUpItems);
	afterAll(() => database.close());
}

export async function setUpItems() {
	database = await freshDatabase();
	submitter = await addUser(database);
	someoneElse = await addUser(database);
	const meetings = await bromyard(database.db, [MEETING, '2027-04-20'], submitter);
	communityId = meetings.communityId;
	[openMeetingId, laterMeetingId] = meetings.meetingIds as [number, number];
}

/** A form with these fields set. */
export { form as formOf } from '../helpers';

export const ADVICE = {
	ageBand: '5 to 10',
	setting: 'primary school',
	worry: 'Not sleeping, attendance 82% since September',
	askedFor: 'Which agency could help'
};

export const ISSUE = {
	title: 'Drinking in the park',
	place: 'Grange Park',
	happening: 'Groups of year 9s drinking on Friday nights',
	wanted: 'A joint response'
};

export async function itemNumbered(id: number): Promise<SubmissionDetail> {
	return (await findSubmission(database.db, id))!;
}

/** A new CAF brought by the submitter; its case is then led by `leadId`, as once concluded. */
export async function caseLedBy(leadId: number, meetingId = openMeetingId) {
	const created = await createNewCaf(
		database.db,
		newCafContext(meetingId, communityId, 'Bromyard', submitter.id),
		readNewCafForm(cafForm(), MEETING, TODAY).input!,
		null
	);
	const familyCase = await database.db
		.updateTable('family_case')
		.set({ lead_professional_id: leadId })
		.where('reference', '=', created.reference)
		.returning(['id', 'reference'])
		.executeTakeFirstOrThrow();
	return { ...familyCase, submissionId: created.submissionId };
}

/** Moves a meeting on to this status. */
export async function setMeetingStatus(
	meetingId: number,
	status: 'agenda-open' | 'agenda-published'
) {
	await database.db.updateTable('meeting').set({ status }).where('id', '=', meetingId).execute();
}
