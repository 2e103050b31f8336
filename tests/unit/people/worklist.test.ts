import { describe, expect, it } from 'vitest';
import { createSubmission } from '$lib/server/agenda/submissions';
import {
	dueSoonUntil,
	meetingsComing,
	myActionsDue,
	myItemsAwaitingDecision,
	reviewsILead,
	WORKLIST_FIRST
} from '$lib/server/people/worklist';
import {
	agendasToPublish,
	itemsWaitingForDecision,
	overdueByCommunity
} from '$lib/server/people/worklist-organiser';
import { requireWorklistReader } from '$lib/server/policy/worklist';
import type { SessionUser } from '$lib/server/auth/session';
import { CHILD } from '../meeting-fixture';
import { caseOfItem } from '../helpers';
import {
	addAction,
	database,
	fixture,
	otherCommunityMeeting,
	useActionsFixture
} from '../actions/fixture';

useActionsFixture();

/** Today for these tests: after the fixture's first meeting (11 May), before the next (22 June). */
const TODAY = '2027-06-01';
const later = () => fixture.laterMeetingIds[0]!;
const after = () => fixture.laterMeetingIds[1]!;

/** A community issue sent in to the next meeting by the submitter, not yet decided. */
async function waitingItem(title = 'Litter by the bus station') {
	return createSubmission(
		database.db,
		{
			meetingId: later(),
			submittedBy: fixture.people.submitter,
			agencyId: null,
			late: false,
			content: {
				part: 4,
				issue: { title, place: 'Bus station', happening: 'Litter', wanted: 'A response' }
			}
		},
		null
	);
}

describe('my actions on the home page', () => {
	it('counts the open actions overdue and due from today to 14 days on, and lists the first few soonest due', async () => {
		expect(dueSoonUntil(TODAY)).toBe('2027-06-15');
		for (let day = 10; day < 18; day += 1)
			await addAction({ description: `Overdue ${day}`, due: `2027-05-${day}` });
		await addAction({ description: 'Today', due: TODAY, status: 'in-progress' });
		await addAction({ description: 'Last day', due: '2027-06-15' });
		await addAction({ description: 'Too late for the fortnight', due: '2027-06-16' });
		await addAction({ description: 'Done', due: '2027-05-20', status: 'done' });
		await addAction({ description: 'Closed', due: '2027-06-02', status: 'closed' });
		await addAction({ description: 'Not mine', owner: 'submitter', due: '2027-05-20' });

		const { overdue, soon } = await myActionsDue(
			database.db,
			fixture.people.confirmedMember,
			TODAY
		);
		expect(overdue.count).toBe(8);
		expect(overdue.first).toHaveLength(WORKLIST_FIRST);
		expect(overdue.first.map((a) => a.description)).toEqual([
			'Overdue 10',
			'Overdue 11',
			'Overdue 12',
			'Overdue 13',
			'Overdue 14'
		]);
		expect(soon.count).toBe(2);
		expect(soon.first.map((a) => a.description)).toEqual(['Today', 'Last day']);
	});

	it('names an action by its reference, never by the family', async () => {
		const caseId = (
			await database.db
				.selectFrom('new_caf')
				.select('case_id')
				.where('submission_id', '=', fixture.items.fine)
				.executeTakeFirstOrThrow()
		).case_id;
		await addAction({ submissionId: fixture.items.fine, caseId, due: '2027-05-20' });
		const { overdue } = await myActionsDue(database.db, fixture.people.confirmedMember, TODAY);
		expect(overdue.first[0]).toMatchObject({ reference: fixture.references.fine });
		expect(JSON.stringify(overdue)).not.toContain(CHILD);
	});
});

describe('reviews I lead at the next meeting', () => {
	it('lists the open cases whose review falls at their community’s next meeting, and whether it is on the agenda', async () => {
		const { db } = database;
		const caseOf = (submissionId: number) => caseOfItem(db, submissionId);
		const fine = await caseOf(fixture.items.fine);
		const unchecked = await caseOf(fixture.items.unchecked);
		const withdrawn = await caseOf(fixture.items.withdrawn);
		await db
			.updateTable('family_case')
			.set({ next_review_meeting_id: later() })
			.where('id', '=', fine)
			.execute();
		// The meeting after next is not the next one: not yet.
		await db
			.updateTable('family_case')
			.set({ next_review_meeting_id: after() })
			.where('id', '=', unchecked)
			.execute();
		// Someone else leads this one.
		await db
			.updateTable('family_case')
			.set({ next_review_meeting_id: later(), lead_professional_id: fixture.people.submitter })
			.where('id', '=', withdrawn)
			.execute();

		const before = await reviewsILead(db, fixture.people.leadProfessional, TODAY);
		expect(before.count).toBe(1);
		expect(before.first).toEqual([
			expect.objectContaining({
				caseId: fine,
				reference: fixture.references.fine,
				initials: 'Z.Q.',
				meetingId: later(),
				communityName: 'Ledbury',
				onAgenda: false
			})
		]);
		expect(JSON.stringify(before)).not.toContain(CHILD);

		const submission = await db
			.insertInto('submission')
			.values({
				meeting_id: later(),
				part: 3,
				submitted_by: fixture.people.leadProfessional,
				agency_id: null,
				status: 'submitted',
				late: 0,
				position: null,
				minutes: null,
				decline_reason: null,
				created_at: '2027-05-20T09:00:00.000Z',
				updated_at: '2027-05-20T09:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('review')
			.values({ submission_id: submission.id, case_id: fine, stuck: 0 })
			.execute();
		expect(
			(await reviewsILead(db, fixture.people.leadProfessional, TODAY)).first[0]?.onAgenda
		).toBe(true);

		// Once the next meeting is cancelled, the one after it is the next.
		await db
			.updateTable('meeting')
			.set({ status: 'cancelled' })
			.where('id', '=', later())
			.execute();
		const moved = await reviewsILead(db, fixture.people.leadProfessional, TODAY);
		expect(moved.first.map((r) => r.caseId)).toEqual([unchecked]);
	});
});

describe('items waiting for the chair', () => {
	it('shows the submitter their own undecided items, by label', async () => {
		const id = await waitingItem();
		const mine = await myItemsAwaitingDecision(database.db, fixture.people.submitter);
		// The items accepted onto the published agenda are decided: only the new one waits.
		expect(mine.count).toBe(1);
		expect(mine.first).toEqual([
			expect.objectContaining({ id, label: 'Litter by the bus station', meetingId: later() })
		]);
		expect((await myItemsAwaitingDecision(database.db, fixture.people.confirmedMember)).count).toBe(
			0
		);
	});

	it('shows the organisers of the community every undecided item, and nothing for no communities', async () => {
		await waitingItem('One');
		await waitingItem('Two');
		const waiting = await itemsWaitingForDecision(database.db, [fixture.communityId]);
		expect(waiting.count).toBe(2);
		expect(waiting.first.map((item) => item.label)).toEqual(['One', 'Two']);
		expect(await itemsWaitingForDecision(database.db, [])).toEqual({ count: 0, first: [] });
	});

	it('stops counting an item once its agenda is published', async () => {
		await waitingItem();
		await database.db
			.updateTable('meeting')
			.set({ status: 'agenda-published' })
			.where('id', '=', later())
			.execute();
		expect((await itemsWaitingForDecision(database.db, [fixture.communityId])).count).toBe(0);
		expect((await myItemsAwaitingDecision(database.db, fixture.people.submitter)).count).toBe(0);
	});
});

describe('meetings and agendas', () => {
	it('lists the meetings still to come in a member’s communities with their deadlines', async () => {
		const coming = await meetingsComing(database.db, fixture.people.confirmedMember, TODAY);
		expect(coming.count).toBe(2);
		expect(coming.first.map((m) => m.id)).toEqual([later(), after()]);
		expect(coming.first[0]).toMatchObject({ communityName: 'Ledbury', takingItems: false });
		expect((await meetingsComing(database.db, fixture.people.nonMember, TODAY)).count).toBe(0);
	});

	it('lists the open agendas still to publish, with what waits on each, and says when items can go in', async () => {
		await database.db
			.updateTable('meeting')
			.set({ status: 'agenda-open' })
			.where('id', '=', later())
			.execute();
		await waitingItem();
		const agendas = await agendasToPublish(database.db, [fixture.communityId], TODAY);
		expect(agendas.count).toBe(1);
		expect(agendas.first[0]).toMatchObject({ id: later(), waiting: 1, deadlinePassed: false });
		const coming = await meetingsComing(database.db, fixture.people.confirmedMember, TODAY);
		expect(coming.first[0]).toMatchObject({ id: later(), takingItems: true });
		const afterDeadline = await agendasToPublish(database.db, [fixture.communityId], '2027-06-20');
		expect(afterDeadline.first[0]?.deadlinePassed).toBe(true);
	});
});

describe('overdue actions in the communities a chair runs', () => {
	it('counts the open overdue actions of each community, and of no other', async () => {
		await addAction({ due: '2027-05-20' });
		await addAction({ due: '2027-05-21', owner: 'submitter', status: 'in-progress' });
		await addAction({ due: '2027-05-21', status: 'done' });
		await addAction({ due: '2027-06-10' });
		const other = await otherCommunityMeeting();
		await addAction({
			due: '2027-05-20',
			communityId: other.communityId,
			meetingId: other.meetingId
		});

		const overdue = await overdueByCommunity(database.db, [fixture.communityId], TODAY);
		expect(overdue).toEqual({
			count: 2,
			communities: [{ id: fixture.communityId, name: 'Ledbury', overdue: 2 }]
		});
	});
});

describe('who sees which part of the worklist', () => {
	const locals = (userId: number, isAdministrator = false) =>
		({
			user: {
				id: userId,
				name: 'Someone',
				email: 'someone@council.example',
				agencyName: null,
				isAdministrator,
				isDataProtectionOfficer: false,
				isManager: false,
				isFrontDoor: false,
				hasTwoFactor: false,
				communityRoles: []
			} satisfies SessionUser,
			session: { twoFactorVerified: true }
		}) as unknown as App.Locals;

	it.each([
		['chair', [true], false],
		['coordinator', [true], false],
		['confirmedMember', [], false],
		['nonMember', [], false],
		['administrator', [], true]
	] as const)(
		'the %s runs %j of the communities and sees set-up gaps: %s',
		async (who, runs, gaps) => {
			const reader = await requireWorklistReader(
				database.db,
				locals(fixture.people[who], who === 'administrator')
			);
			expect(reader.organised).toEqual(runs.map(() => fixture.communityId));
			expect(reader.maySeeSetUpGaps).toBe(gaps);
		}
	);
});
