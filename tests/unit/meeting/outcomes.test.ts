import { describe, expect, it } from 'vitest';
import { familyOfItem } from '$lib/server/meeting/consent-gate';
import { readOutcomeForm } from '$lib/server/meeting/outcome-form';
import type { OutcomeInput } from '$lib/server/meeting/outcome-rules';
import { findOutcome, latestLevelOfNeed, saveOutcome } from '$lib/server/meeting/outcomes';
import { MEETING_DATE, chair, database, fixture } from '../meeting-fixture';
import { SHARE_OUTCOME } from '$lib/domain/outcomes';
import { at, form, outcomeContext, useRoomFixture } from './room-fixture';
import { scheduleReview } from '$lib/server/agenda/reviews-due';

useRoomFixture();

describe('saving an outcome', () => {
	const partTwo = (leadProfessionalId: number): OutcomeInput => ({
		kind: 'agreed',
		part: 2,
		note: '',
		support: {},
		leadProfessionalId,
		nextReviewMeetingId: fixture.laterMeetingIds[1]!
	});
	const item = () => ({
		submissionId: fixture.items.fine,
		meetingId: fixture.meetingId,
		meetingDate: MEETING_DATE,
		communityId: fixture.communityId,
		caseId: 1
	});

	it('agreeing the lead professional sets the case and gives them one "share the outcome" action due in 5 working days', async () => {
		const { db } = database;
		const first = await saveOutcome(
			db,
			item(),
			partTwo(fixture.people.confirmedMember),
			0,
			chair(),
			at
		);
		expect(first).toEqual({ saved: true, version: 1 });
		// Changing the lead professional moves the action rather than adding a second one.
		await saveOutcome(db, item(), partTwo(fixture.people.leadProfessional), 1, chair(), at);
		const actions = await db
			.selectFrom('action')
			.select(['owner_id', 'due_date', 'case_id'])
			.where('description', '=', SHARE_OUTCOME)
			.execute();
		// Tuesday 11 May 2027 + 5 working days = Tuesday 18 May 2027.
		expect(actions).toEqual([
			{ owner_id: fixture.people.leadProfessional, due_date: '2027-05-18', case_id: 1 }
		]);
		const familyCase = await db
			.selectFrom('family_case')
			.selectAll()
			.where('id', '=', 1)
			.executeTakeFirstOrThrow();
		expect(familyCase).toMatchObject({
			lead_professional_id: fixture.people.leadProfessional,
			next_review_meeting_id: fixture.laterMeetingIds[1]
		});
	});

	it('refuses a save made from an older version, writing nothing', async () => {
		const { db } = database;
		await saveOutcome(db, item(), partTwo(fixture.people.confirmedMember), 0, chair(), at);
		const second = await saveOutcome(
			db,
			item(),
			partTwo(fixture.people.leadProfessional),
			0,
			chair(),
			at
		);
		expect(second).toEqual({ saved: false, conflict: true });
		const saved = await db
			.selectFrom('outcome')
			.select(['lead_professional_id', 'version'])
			.executeTakeFirstOrThrow();
		expect(saved).toEqual({ lead_professional_id: fixture.people.confirmedMember, version: 1 });
	});

	it('a failure part-way through leaves nothing behind', async () => {
		const { db } = database;
		await expect(saveOutcome(db, item(), partTwo(9999), 0, chair(), at)).rejects.toThrow();
		expect(await db.selectFrom('outcome').selectAll().execute()).toEqual([]);
		expect(await db.selectFrom('action').selectAll().execute()).toEqual([]);
	});

	it('a review starts from the level at the new CAF, then from the level agreed at the latest review', async () => {
		const { db } = database;
		const caseId = (await familyOfItem(db, fixture.items.fine))!.caseId;
		expect(await latestLevelOfNeed(db, caseId)).toBe('2');
		await db.updateTable('family_case').set({ status: 'open' }).where('id', '=', caseId).execute();
		const [later, after] = fixture.laterMeetingIds as [number, number];
		const reviewAt = async (meetingId: number) => {
			const scheduled = await scheduleReview(db, meetingId, caseId, chair(), at);
			if (!scheduled.ok) throw new Error(scheduled.reason);
			return scheduled.submissionId;
		};
		const review = (submissionId: number, meetingId: number) => ({
			submissionId,
			meetingId,
			meetingDate: MEETING_DATE,
			communityId: fixture.communityId,
			caseId
		});
		const decision = (levelOfNeed: string): OutcomeInput => ({
			kind: 'continue',
			part: 3,
			note: '',
			needStatuses: {},
			nextReviewMeetingId: after,
			levelOfNeed
		});
		// The later review is recorded first: the meeting's date decides which level is latest.
		const atAfter = await reviewAt(after);
		await saveOutcome(db, review(atAfter, after), decision('3b'), 0, chair(), at);
		await db.updateTable('meeting').set({ status: 'concluded' }).where('id', '=', after).execute();
		const atLater = await reviewAt(later);
		await saveOutcome(
			db,
			review(atLater, later),
			decision('3a'),
			0,
			chair(),
			new Date('2027-07-01T09:00:00Z')
		);
		expect((await findOutcome(db, atLater))?.levelOfNeed).toBe('3a');
		expect(await latestLevelOfNeed(db, caseId)).toBe('3b');
	});

	it('a CAF to be offered becomes an action for the named person, with no case attached', async () => {
		const { db } = database;
		const read = await readOutcomeForm(
			db,
			form({
				kind: 'caf-offered',
				'offer-owner': `member:${fixture.people.confirmedMember}`,
				'offer-due-day': '1',
				'offer-due-month': '6',
				'offer-due-year': '2027'
			}),
			outcomeContext()
		);
		expect(read.errors).toEqual({});
		await saveOutcome(
			db,
			{ ...item(), submissionId: fixture.items.advice, caseId: null },
			read.input!,
			0,
			chair(),
			at
		);
		const action = await db.selectFrom('action').selectAll().executeTakeFirstOrThrow();
		expect(action).toMatchObject({
			description: 'Offer the family a CAF',
			owner_id: fixture.people.confirmedMember,
			owner_name: 'The confirmedMember',
			due_date: '2027-06-01',
			case_id: null
		});
	});
});
