import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgenda, decideItem } from '$lib/server/agenda/agenda';
import { moveItem } from '$lib/server/agenda/reorder';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import { casesLedBy, createReview, readReview, updateReview } from '$lib/server/agenda/reviews';
import { readReviewForm } from '$lib/server/agenda/review-form';
import { scheduleReview } from '$lib/server/agenda/reviews-due';
import { listMeetingSubmissions } from '$lib/server/agenda/item-lists';
import type { ActionStatus } from '$lib/server/platform/schema';
import {
	addCase,
	chair,
	CHILD,
	communityId,
	complete,
	count,
	database,
	lead,
	meetings,
	MEETINGS,
	NEEDS,
	otherCommunityId,
	otherLead,
	reviewForm,
	reviewItem,
	setUpReviews
} from './review-fixture';

beforeAll(setUpReviews);
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

describe('submitting a review', () => {
	it('saves the item, the review and every need’s status in one go, with no family details in the audit log', async () => {
		const familyCase = await addCase();
		const { input } = readReviewForm(
			reviewForm({ ...complete, stuck: 'yes' }),
			familyCase.needIds.map((id) => ({ id }))
		);
		const created = await createReview(database.db, reviewItem(familyCase.id), input!, '192.0.2.1');
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
			createReview(database.db, reviewItem(familyCase.id), broken, null)
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
				reviewItem(familyCase.id, meetings[0]!, otherLead.id),
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
			reviewItem(familyCase.id),
			readReviewForm(reviewForm(complete), needs).input!,
			null
		);
		const actor = { id: lead.id, ip: null };
		// The lead professional has the review open in two browsers, both at version 0.
		const first = readReviewForm(
			reviewForm({ ...complete, 'need-1-status': 'met', 'need-1-progress': 'Attendance 95%' }),
			needs
		).input!;
		expect(await updateReview(database.db, created.submissionId, first, 0, actor)).toEqual({
			saved: true,
			version: 1
		});
		const afterFirst = await needRows(created.submissionId);
		const second = readReviewForm(
			reviewForm({ ...complete, 'need-1-progress': 'Typed in the other window' }),
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
			reviewForm({ ...complete, ...(stuck ? { stuck: 'yes' } : {}) }),
			familyCase.needIds.map((id) => ({ id }))
		);
		const created = await createReview(
			database.db,
			reviewItem(familyCase.id, meetingId),
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
		await moveItem(database.db, meetingId, plain!.id, 'up', actor);
		expect(await order()).toEqual([stuck!.id, plain!.id, third.submissionId]);
		await moveItem(database.db, meetingId, third.submissionId, 'up', actor);
		expect(await order()).toEqual([stuck!.id, third.submissionId, plain!.id]);
	});
});
