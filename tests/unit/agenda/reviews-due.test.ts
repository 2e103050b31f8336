import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideItem } from '$lib/server/agenda/agenda';
import { readReview } from '$lib/server/agenda/reviews';
import { reviewsDue, scheduleReview } from '$lib/server/agenda/reviews-due';
import {
	addCase,
	chair,
	count,
	database,
	lead,
	meetings,
	MEETINGS,
	NEEDS,
	otherCommunityId,
	setUpReviews
} from './review-fixture';

beforeAll(setUpReviews);
afterAll(() => database.close());

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
