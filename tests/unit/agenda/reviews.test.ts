import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgenda, decideItem, moveItem } from '$lib/server/agenda/agenda';
import type { OpenDatabase } from '$lib/server/platform/db';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import {
	casesLedBy,
	createReview,
	readReview,
	readReviewForm,
	reviewsDue,
	scheduleReview,
	updateReview
} from '$lib/server/agenda/reviews';
import type { ActionStatus, CaseStatus } from '$lib/server/platform/schema';
import { listMeetingSubmissions } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, form, freshDatabase } from '../helpers';

const MEETINGS = ['2027-01-12', '2027-02-23', '2027-04-06'];
const CHILD = 'Poppy Example-Jones';
const NEEDS = ['Attendance below 90 percent this term', 'Rent arrears putting the tenancy at risk'];

let database: OpenDatabase;
let lead: { id: number };
let otherLead: { id: number };
let chair: { id: number };
let communityId: number;
let otherCommunityId: number;
let meetings: number[];

let caseNumber = 0;

/** A case as a concluded part 2 would leave it: a family, needs, an LP and a review date. */
async function addCase(
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

const complete = {
	'need-1-status': 'partly-met',
	'need-1-progress': 'Attendance up to 88 percent',
	'need-2-status': 'met',
	'need-2-progress': 'Arrears cleared with a repayment plan'
};

async function count(table: 'submission' | 'review' | 'need_update' | 'audit_log' | 'notice') {
	const row = await database.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

beforeAll(async () => {
	database = await freshDatabase();
	lead = await addUser(database, { name: 'Lucy Lead' });
	otherLead = await addUser(database, { name: 'Olly Other' });
	chair = await addUser(database, { name: 'Carol Chair' });
	communityId = await addCommunity(
		database.db,
		'Kington and Weobley',
		'Kington and Weobley locality'
	);
	otherCommunityId = await addCommunity(database.db, 'Bromyard', 'Bromyard locality');
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
});
afterAll(() => database.close());

describe('choosing a case to review', () => {
	it('offers only the open cases in this MAG that the person leads', async () => {
		const mine = await addCase();
		await addCase({ leadId: otherLead.id });
		await addCase({ status: 'closed-needs-met' });
		await addCase({ community: otherCommunityId });
		await addCase({ leadId: null });
		const offered = await casesLedBy(database.db, lead.id, communityId);
		expect(offered.map((c) => c.reference)).toEqual([mine.reference]);
		expect(offered[0]!.waitingReview).toBeNull();
		expect(await casesLedBy(database.db, chair.id, communityId)).toEqual([]);
	});
});

describe('reading a review', () => {
	const needs = [{ id: 11 }, { id: 12 }];

	it('accepts a status and a line of progress for every need, and the stuck flag', () => {
		const result = readReviewForm(form({ ...complete, stuck: 'yes' }), needs);
		expect(result.errors).toEqual({});
		expect(result.input).toEqual({
			stuck: true,
			needs: [
				{ needId: 11, status: 'partly-met', progress: 'Attendance up to 88 percent' },
				{ needId: 12, status: 'met', progress: 'Arrears cleared with a repayment plan' }
			]
		});
		expect(readReviewForm(form(complete), needs).input?.stuck).toBe(false);
	});

	it.each([
		[
			{ 'need-2-status': '' },
			'need-2-status',
			'Choose whether need 2 is met, partly met or not met'
		],
		[
			{ 'need-1-status': 'unknown' },
			'need-1-status',
			'Choose whether need 1 is met, partly met or not met'
		],
		[
			{ 'need-1-status': 'toString' },
			'need-1-status',
			'Choose whether need 1 is met, partly met or not met'
		],
		[{ 'need-1-progress': '' }, 'need-1-progress', 'Enter a line of progress on need 1'],
		[{ 'need-2-progress': '   ' }, 'need-2-progress', 'Enter a line of progress on need 2'],
		[
			{ 'need-1-progress': 'x'.repeat(301) },
			'need-1-progress',
			'The progress on need 1 must be 300 characters or fewer'
		]
	])('%j → %s: %s', (overrides, field, message) => {
		const result = readReviewForm(form({ ...complete, ...overrides }), needs);
		expect(result.errors).toEqual({ [field]: message });
		expect(result.input).toBeNull();
	});

	it('keeps what was typed when it refuses', () => {
		const result = readReviewForm(
			form({ 'need-1-progress': 'Better mornings', stuck: 'yes' }),
			needs
		);
		expect(Object.keys(result.errors)).toEqual([
			'need-1-status',
			'need-2-status',
			'need-2-progress'
		]);
		expect(result.values).toMatchObject({ 'need-1-progress': 'Better mornings', stuck: 'yes' });
	});

	it('takes 300 characters of progress', () => {
		const result = readReviewForm(form({ ...complete, 'need-1-progress': 'x'.repeat(300) }), needs);
		expect(result.errors).toEqual({});
	});
});

describe('submitting a review', () => {
	it('saves the item, the review and every need’s status in one go, with no family details in the audit log', async () => {
		const familyCase = await addCase();
		const { input } = readReviewForm(
			form({ ...complete, stuck: 'yes' }),
			familyCase.needIds.map((id) => ({ id }))
		);
		const created = await createReview(
			database.db,
			{
				meetingId: meetings[0]!,
				caseId: familyCase.id,
				submittedBy: lead.id,
				agencyId: null,
				late: false
			},
			input!,
			'192.0.2.1'
		);
		expect(created.reference).toBe(familyCase.reference);
		const item = await database.db
			.selectFrom('submission')
			.innerJoin('review', 'review.submission_id', 'submission.id')
			.select(['submission.part', 'submission.submitted_by', 'review.case_id', 'review.stuck'])
			.where('submission.id', '=', created.submissionId)
			.executeTakeFirstOrThrow();
		expect(item).toEqual({ part: 3, submitted_by: lead.id, case_id: familyCase.id, stuck: 1 });
		const updates = await database.db
			.selectFrom('need_update')
			.select(['need_id', 'status', 'progress'])
			.where('submission_id', '=', created.submissionId)
			.orderBy('need_id')
			.execute();
		expect(updates.map((u) => u.status)).toEqual(['partly-met', 'met']);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('record_type', '=', 'submission')
			.where('record_id', '=', String(created.submissionId))
			.executeTakeFirstOrThrow();
		expect(audit.action).toBe('submission.created');
		for (const secret of [CHILD, 'Poppy', ...NEEDS, complete['need-1-progress']])
			expect(audit.detail).not.toContain(secret);
		expect(
			(await casesLedBy(database.db, lead.id, communityId)).find((c) => c.id === familyCase.id)
				?.waitingReview
		).toEqual({ itemId: created.submissionId, meetingDate: MEETINGS[0] });
	});

	it('saves nothing when part of the save fails', async () => {
		const familyCase = await addCase();
		const before = await Promise.all(
			(['submission', 'review', 'need_update', 'audit_log'] as const).map(count)
		);
		const broken = {
			stuck: false,
			needs: [
				{ needId: familyCase.needIds[0]!, status: 'met' as const, progress: 'Done' },
				{ needId: 999_999, status: 'met' as const, progress: 'No such need' }
			]
		};
		await expect(
			createReview(
				database.db,
				{
					meetingId: meetings[0]!,
					caseId: familyCase.id,
					submittedBy: lead.id,
					agencyId: null,
					late: false
				},
				broken,
				null
			)
		).rejects.toThrow();
		expect(
			await Promise.all((['submission', 'review', 'need_update', 'audit_log'] as const).map(count))
		).toEqual(before);
	});

	it('refuses a review from someone who does not lead the case', async () => {
		const familyCase = await addCase();
		await expect(
			createReview(
				database.db,
				{
					meetingId: meetings[0]!,
					caseId: familyCase.id,
					submittedBy: otherLead.id,
					agencyId: null,
					late: false
				},
				{ stuck: false, needs: [] },
				null
			)
		).rejects.toThrow('Only the lead professional');
	});
});

describe('changing a review', () => {
	async function needRows(submissionId: number) {
		return database.db
			.selectFrom('need_update')
			.select(['need_id', 'status', 'progress'])
			.where('submission_id', '=', submissionId)
			.orderBy('need_id')
			.execute();
	}

	it('refuses a second save from a page loaded before the first, keeping the first', async () => {
		const familyCase = await addCase();
		const needs = familyCase.needIds.map((id) => ({ id }));
		const created = await createReview(
			database.db,
			{
				meetingId: meetings[0]!,
				caseId: familyCase.id,
				submittedBy: lead.id,
				agencyId: null,
				late: false
			},
			readReviewForm(form(complete), needs).input!,
			null
		);
		const actor = { id: lead.id, ip: null };
		// The lead professional has the review open in two browsers, both at version 0.
		const first = readReviewForm(
			form({ ...complete, 'need-1-status': 'met', 'need-1-progress': 'Attendance 95%' }),
			needs
		).input!;
		expect(await updateReview(database.db, created.submissionId, first, 0, actor)).toEqual({
			saved: true,
			version: 1
		});
		const afterFirst = await needRows(created.submissionId);
		const second = readReviewForm(
			form({ ...complete, 'need-1-progress': 'Typed in the other window' }),
			needs
		).input!;

		expect(await updateReview(database.db, created.submissionId, second, 0, actor)).toEqual({
			saved: false,
			conflict: true
		});
		expect(await updateReview(database.db, created.submissionId, second, null, actor)).toEqual({
			saved: false,
			conflict: true
		});

		expect(await needRows(created.submissionId)).toEqual(afterFirst);
		expect(afterFirst[0]).toMatchObject({ status: 'met', progress: 'Attendance 95%' });
		const updates = await database.db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'submission.updated')
			.where('record_id', '=', String(created.submissionId))
			.execute();
		expect(updates).toHaveLength(1);
	});
});

describe('reviews due', () => {
	let due: Awaited<ReturnType<typeof addCase>>;
	let onTheDay: Awaited<ReturnType<typeof addCase>>;
	let later: Awaited<ReturnType<typeof addCase>>;
	let closed: Awaited<ReturnType<typeof addCase>>;
	let elsewhere: Awaited<ReturnType<typeof addCase>>;
	let scheduledHere: Awaited<ReturnType<typeof addCase>>;

	beforeAll(async () => {
		due = await addCase({ reviewAt: meetings[0]! });
		onTheDay = await addCase({ reviewAt: meetings[1]! });
		later = await addCase({ reviewAt: meetings[2]! });
		closed = await addCase({ reviewAt: meetings[0]!, status: 'stepped-up' });
		elsewhere = await addCase({ reviewAt: meetings[0]!, community: otherCommunityId });
		scheduledHere = await addCase({ reviewAt: meetings[0]! });
	});

	const references = async (meetingId: number) =>
		(await reviewsDue(database.db, meetingId)).map((c) => c.reference);

	it('suggests an open case whose review falls on or before this meeting, and no other', async () => {
		const suggested = await references(meetings[1]!);
		expect(suggested).toContain(due.reference);
		expect(suggested).toContain(onTheDay.reference);
		expect(suggested).not.toContain(later.reference);
		expect(suggested).not.toContain(closed.reference);
		expect(suggested).not.toContain(elsewhere.reference);
		expect(await references(meetings[0]!)).not.toContain(onTheDay.reference);
	});

	it('gives the reference, initials, lead professional and review date: no family details', async () => {
		const row = (await reviewsDue(database.db, meetings[1]!)).find(
			(c) => c.reference === due.reference
		);
		expect(row).toEqual({
			caseId: due.id,
			reference: due.reference,
			initials: 'P.E.J.',
			leadProfessionalName: 'Lucy Lead',
			reviewMeetingDate: MEETINGS[0]
		});
	});

	it('leaves out a case already on an agenda, until that review is done', async () => {
		const scheduled = await scheduleReview(database.db, meetings[0]!, scheduledHere.id, {
			id: chair.id,
			ip: null
		});
		expect(scheduled.ok).toBe(true);
		expect(await references(meetings[0]!)).not.toContain(scheduledHere.reference);
		expect(await references(meetings[1]!)).not.toContain(scheduledHere.reference);

		await database.db
			.updateTable('meeting')
			.set({ status: 'concluded' })
			.where('id', '=', meetings[0]!)
			.execute();
		expect(await references(meetings[1]!)).toContain(scheduledHere.reference);
		await database.db
			.updateTable('meeting')
			.set({ status: 'scheduled' })
			.where('id', '=', meetings[0]!)
			.execute();
	});

	it('suggests a case again once its review is declined', async () => {
		const declined = await addCase({ reviewAt: meetings[0]! });
		const scheduled = await scheduleReview(database.db, meetings[0]!, declined.id, {
			id: chair.id,
			ip: null
		});
		if (!scheduled.ok) throw new Error(scheduled.reason);
		await decideItem(
			database.db,
			meetings[0]!,
			scheduled.submissionId,
			{ kind: 'decline', reason: 'Reviewed at the step-down panel instead' },
			{ id: chair.id, ip: null }
		);
		expect(await references(meetings[0]!)).toContain(declined.reference);
	});
});

describe('the chair schedules a review', () => {
	it('puts the item on the agenda for the lead professional, needs to fill in, and tells them by reference', async () => {
		const familyCase = await addCase();
		const notices = await count('notice');
		const result = await scheduleReview(database.db, meetings[1]!, familyCase.id, {
			id: chair.id,
			ip: '192.0.2.7'
		});
		if (!result.ok) throw new Error(result.reason);
		expect(result).toMatchObject({
			reference: familyCase.reference,
			leadProfessionalName: 'Lucy Lead'
		});
		const item = await database.db
			.selectFrom('submission')
			.select(['part', 'submitted_by', 'status', 'meeting_id'])
			.where('id', '=', result.submissionId)
			.executeTakeFirstOrThrow();
		expect(item).toEqual({
			part: 3,
			submitted_by: lead.id,
			status: 'submitted',
			meeting_id: meetings[1]
		});
		const updates = await database.db
			.selectFrom('need_update')
			.select(['need_id', 'status', 'progress'])
			.where('submission_id', '=', result.submissionId)
			.orderBy('need_id')
			.execute();
		expect(updates).toEqual(
			familyCase.needIds.map((id) => ({ need_id: id, status: null, progress: null }))
		);
		expect(await count('notice')).toBe(notices + 1);
		const notice = await database.db
			.selectFrom('notice')
			.select(['user_id', 'message', 'link'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(notice.user_id).toBe(lead.id);
		expect(notice.link).toBe(`/items/${result.submissionId}`);
		expect(notice.message).toContain(familyCase.reference);
		expect(notice.message).toContain('Tuesday 23 February 2027');
		expect(notice.message).not.toContain('Poppy');

		const review = await readReview(database.db, result.submissionId, {
			id: lead.id,
			ip: null,
			why: 'test'
		});
		expect(review?.complete).toBe(false);
		expect(review?.needs.map((n) => n.description)).toEqual(NEEDS);
	});

	it.each([
		['a case with no lead professional', () => ({ leadId: null })],
		['a closed case', () => ({ status: 'withdrawn' as const })],
		['a case from another MAG', () => ({ community: otherCommunityId })]
	])('refuses %s', async (_, options) => {
		const familyCase = await addCase(options());
		const before = await count('submission');
		const result = await scheduleReview(database.db, meetings[1]!, familyCase.id, {
			id: chair.id,
			ip: null
		});
		expect(result.ok).toBe(false);
		expect(await count('submission')).toBe(before);
	});

	it('refuses a second review of a case already waiting for a meeting', async () => {
		const familyCase = await addCase();
		const actor = { id: chair.id, ip: null };
		expect((await scheduleReview(database.db, meetings[1]!, familyCase.id, actor)).ok).toBe(true);
		expect(await scheduleReview(database.db, meetings[2]!, familyCase.id, actor)).toEqual({
			ok: false,
			reason: `A review of ${familyCase.reference} is already waiting`
		});
	});
});

describe('open actions follow the case into its review', () => {
	it('lists the actions still open or in progress, soonest due first, and no others', async () => {
		const familyCase = await addCase();
		const action = (description: string, status: ActionStatus, dueDate: string) => ({
			community_id: communityId,
			meeting_id: meetings[0]!,
			case_id: familyCase.id,
			description,
			owner_id: null,
			owner_name: 'Dana Owner',
			owner_agency: 'Youth Service',
			due_date: dueDate,
			status,
			created_by: chair.id,
			created_at: '2027-01-12T11:00:00.000Z',
			completed_at: null
		});
		await database.db
			.insertInto('action')
			.values([
				action('Weekly home visit', 'open', '2027-02-20'),
				action('Referral to speech therapy', 'in-progress', '2027-02-01'),
				action('Check the school transport', 'done', '2027-01-30'),
				action('Find a nursery place', 'cannot-be-done', '2027-01-30'),
				action('Letter to the family', 'closed', '2027-01-30')
			])
			.execute();
		const scheduled = await scheduleReview(database.db, meetings[1]!, familyCase.id, {
			id: chair.id,
			ip: null
		});
		if (!scheduled.ok) throw new Error(scheduled.reason);
		const review = await readReview(database.db, scheduled.submissionId, {
			id: chair.id,
			ip: null,
			why: 'chair preparing the agenda'
		});
		expect(review?.openActions.map((a) => [a.description, a.status])).toEqual([
			['Referral to speech therapy', 'in-progress'],
			['Weekly home visit', 'open']
		]);
	});
});

describe('reviews on the agenda', () => {
	let meetingId: number;
	beforeAll(async () => {
		[meetingId] = (await scheduleMeetings(
			database.db,
			{
				communityId,
				dates: ['2027-05-18'],
				startTime: '09:30',
				lengthMinutes: 120,
				venue: 'x',
				onlineLink: null,
				deadlineWorkingDays: 5
			},
			{ id: chair.id, ip: null }
		)) as [number];
	});

	async function review(stuck: boolean) {
		const familyCase = await addCase();
		const { input } = readReviewForm(
			form({ ...complete, ...(stuck ? { stuck: 'yes' } : {}) }),
			familyCase.needIds.map((id) => ({ id }))
		);
		const created = await createReview(
			database.db,
			{ meetingId, caseId: familyCase.id, submittedBy: lead.id, agencyId: null, late: false },
			input!,
			null
		);
		return { ...created, caseId: familyCase.id };
	}

	it('names a review by its case reference and initials only, never a name or a need', async () => {
		const plain = await review(false);
		const stuck = await review(true);
		const items = await listMeetingSubmissions(database.db, meetingId);
		expect(items.map((i) => i.label)).toEqual([
			`${plain.reference} (P.E.J.), review`,
			`${stuck.reference} (P.E.J.), review, stuck`
		]);
		const listed = JSON.stringify(items);
		for (const secret of [CHILD, 'Poppy', 'Fictional Primary', '2018-06-04', ...NEEDS])
			expect(listed).not.toContain(secret);
		expect(listed).not.toContain(complete['need-1-progress']);
	});

	it('takes stuck reviews first in part 3, and the chair orders each group', async () => {
		const [plain, stuck] = await listMeetingSubmissions(database.db, meetingId);
		const third = await review(false);
		const actor = { id: chair.id, ip: null };
		for (const id of [plain!.id, third.submissionId, stuck!.id])
			await decideItem(database.db, meetingId, id, { kind: 'accept', minutes: 8 }, actor);
		const order = async () =>
			(await buildAgenda(database.db, meetingId, 120)).accepted.map((i) => i.id);
		expect(await order()).toEqual([stuck!.id, plain!.id, third.submissionId]);

		// Moving a review up past a stuck one would be undone by the order: it is refused.
		await moveItem(database.db, meetingId, plain!.id, 'up');
		expect(await order()).toEqual([stuck!.id, plain!.id, third.submissionId]);
		await moveItem(database.db, meetingId, third.submissionId, 'up');
		expect(await order()).toEqual([stuck!.id, third.submissionId, plain!.id]);
	});
});
