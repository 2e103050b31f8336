import type { OpenDatabase } from '$lib/server/platform/db';
import { meetingWithFamilies } from '../meeting-fixture';

export const OUTCOME_NOTE = 'Zebedee to start speech therapy; mum agreed';
export const PROGRESS = 'Zebedee seen twice by speech therapy';
export const ACTION_TEXT = 'Visit Zebedee at home with the health visitor';

/**
 * What a case gathers at a meeting, written straight in: the consent check, the outcome with its
 * note, progress on each need, and an action. The steps that make these have their own tests.
 */
export async function addMeetingHistory(
	database: OpenDatabase,
	options: { meetingId: number; communityId: number; submissionId: number; chairId: number }
) {
	const { db } = database;
	const now = new Date().toISOString();
	const item = await db
		.selectFrom('new_caf')
		.select(['case_id', 'consent_id'])
		.where('submission_id', '=', options.submissionId)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('gate_check')
		.values({
			meeting_id: options.meetingId,
			submission_id: options.submissionId,
			consent_id: item.consent_id,
			result: 'opened',
			reason: null,
			checked_by: options.chairId,
			checked_at: now
		})
		.execute();
	await db
		.insertInto('outcome')
		.values({
			submission_id: options.submissionId,
			meeting_id: options.meetingId,
			kind: 'agreed',
			note: OUTCOME_NOTE,
			agency: null,
			lead_professional_id: options.chairId,
			next_review_meeting_id: null,
			taken_as_advice: 0,
			recorded_by: options.chairId,
			recorded_at: now
		})
		.execute();
	const needs = await db
		.selectFrom('need')
		.select('id')
		.where('case_id', '=', item.case_id)
		.execute();
	for (const need of needs)
		await db
			.insertInto('need_update')
			.values({
				submission_id: options.submissionId,
				need_id: need.id,
				status: 'partly-met',
				progress: PROGRESS,
				support: 'Speech therapy'
			})
			.execute();
	await db
		.insertInto('action')
		.values({
			community_id: options.communityId,
			meeting_id: options.meetingId,
			submission_id: options.submissionId,
			case_id: item.case_id,
			description: ACTION_TEXT,
			owner_id: options.chairId,
			owner_name: 'The chair',
			owner_agency: 'Agency 1',
			due_date: '2027-06-01',
			created_by: options.chairId,
			created_at: now
		})
		.execute();
	return { caseId: item.case_id };
}

/** The meeting fixture in this database, with a meeting's history for its family whose consent is in order. */
export async function familiesWithHistory(database: OpenDatabase) {
	const fixture = await meetingWithFamilies(database);
	await addMeetingHistory(database, {
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		submissionId: fixture.items.fine,
		chairId: fixture.people.chair
	});
	return fixture;
}
