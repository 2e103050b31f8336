import type { OpenDatabase } from '$lib/server/platform/db';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import type { CaseStatus } from '$lib/server/platform/schema';
import { addCommunity as addCommunityIn, addUser, countRows, freshDatabase } from '../helpers';

/**
 * What the part 3 tests share: a database with the Kington and Weobley MAG and its meetings, its
 * lead professionals and chair, and cases as a concluded part 2 would leave them.
 */

export const MEETINGS = ['2027-01-12', '2027-02-23', '2027-04-06'];
export const CHILD = 'Poppy Example-Jones';
export const NEEDS = [
	'Attendance below 90 percent this term',
	'Rent arrears putting the tenancy at risk'
];

export let database: OpenDatabase;
export let lead: { id: number };
export let otherLead: { id: number };
export let chair: { id: number };
export let communityId: number;
export let otherCommunityId: number;
export let meetings: number[];

const addCommunity = (name: string) => addCommunityIn(database.db, name, `${name} locality`);

let caseNumber = 0;

/** A case as a concluded part 2 would leave it: a family, needs, an LP and a review date. */
export async function addCase(
	options: {
		leadId?: number | null;
		community?: number;
		status?: CaseStatus;
		reviewAt?: number | null;
	} = {}
) {
	caseNumber += 1;
	const { db } = database;
	const reference = `KWE-2027-${String(caseNumber).padStart(3, '0')}`;
	const familyCase = await db
		.insertInto('family_case')
		.values({
			reference,
			community_id: options.community ?? communityId,
			initials: 'P.E.J.',
			created_by: chair.id,
			created_at: '2026-11-01T10:00:00.000Z',
			lead_professional_id: options.leadId === undefined ? lead.id : options.leadId,
			status: options.status ?? 'open',
			next_review_meeting_id: options.reviewAt === undefined ? meetings[0]! : options.reviewAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const member = await db
		.insertInto('family_member')
		.values({
			case_id: familyCase.id,
			name: CHILD,
			date_of_birth: '2018-06-04',
			relationship: 'Child',
			setting: 'Fictional Primary School',
			is_child: 1
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const needIds: number[] = [];
	for (const description of NEEDS) {
		const need = await db
			.insertInto('need')
			.values({
				case_id: familyCase.id,
				family_member_id: member.id,
				description,
				domain: 'development'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		needIds.push(need.id);
	}
	return { id: familyCase.id, reference, needIds };
}

export function reviewForm(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.set(name, value);
	return form;
}

export const complete = {
	'need-1-status': 'partly-met',
	'need-1-progress': 'Attendance up to 88 percent',
	'need-2-status': 'met',
	'need-2-progress': 'Arrears cleared with a repayment plan'
};

/** A review's item for a case, brought on time with no agency (by the lead, to the first meeting). */
export const reviewItem = (caseId: number, meetingId = meetings[0]!, submittedBy = lead.id) => ({
	meetingId,
	caseId,
	submittedBy,
	agencyId: null,
	late: false
});

export const count = (table: 'submission' | 'review' | 'need_update' | 'audit_log' | 'notice') =>
	countRows(database.db, table);

/** A fresh database with two MAGs, three leads and chairs, and three meetings of the first. */
export async function setUpReviews() {
	database = await freshDatabase();
	lead = await addUser(database, { name: 'Lucy Lead' });
	otherLead = await addUser(database, { name: 'Olly Other' });
	chair = await addUser(database, { name: 'Carol Chair' });
	communityId = await addCommunity('Kington and Weobley');
	otherCommunityId = await addCommunity('Bromyard');
	meetings = await scheduleMeetings(
		database.db,
		{
			communityId,
			dates: MEETINGS,
			startTime: '09:30',
			lengthMinutes: 120,
			venue: 'Kington Children’s Centre',
			onlineLink: null,
			deadlineWorkingDays: 5
		},
		{ id: chair.id, ip: null }
	);
}

/** The lead professional's review of this case for the first meeting, on time. */
export function reviewContext(caseId: number) {
	return { meetingId: meetings[0]!, caseId, submittedBy: lead.id, agencyId: null, late: false };
}
