import { beforeEach, describe, expect, it } from 'vitest';
import {
	actionHistory,
	familySummaryForOwner,
	findAction,
	latestUpdates,
	myActions,
	readOwnerUpdateForm,
	recordOwnerUpdate,
	type OwnerUpdate
} from '$lib/server/actions/updates';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import { familyOpenToOwner, ownerFamilyReading } from '$lib/server/policy/actions';
import type { OpenDatabase } from '$lib/server/platform/db';
import { newFormKey } from '$lib/server/http/form-keys';
import {
	actionsForReview,
	agencyFigures,
	openActionsByAgency,
	readReviewForm,
	recordReviewDecision,
	remindOwner,
	reviewedAtMeeting,
	type ReviewDecision
} from '$lib/server/actions/follow-up';
import type { ActionStatus } from '$lib/server/platform/schema';
import { addCommunity, form, freshDatabase } from '../helpers';
import { CHILD, meetingWithFamilies, MEETING_DATE, NEED, type Person } from '../meeting-fixture';

let database: OpenDatabase;
let fixture: Awaited<ReturnType<typeof meetingWithFamilies>>;

/** The next meeting (fixture.laterMeetingIds[0]) is on 22 June 2027: the actions review day. */
const REVIEW_DATE = '2027-06-22';
const reviewDay = new Date('2027-06-22T09:00:00Z');

beforeEach(async () => {
	database = await freshDatabase();
	fixture = await meetingWithFamilies(database);
});

const person = (who: Person) => ({ id: fixture.people[who], ip: '192.0.2.7' });
const chair = () => person('chair');
const reviewMeeting = () => ({
	id: fixture.laterMeetingIds[0]!,
	communityId: fixture.communityId,
	date: REVIEW_DATE
});

/** An action agreed at the fixture's first meeting (11 May 2027), as the room would leave it. */
async function addAction(fields: {
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

const count = async (table: 'action_update' | 'audit_log' | 'notice' | 'mail_outbox') =>
	Number(
		(
			await database.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

describe('My actions', () => {
	it('groups what a person owns as overdue, due in the next 14 days, later and done, with the due date in words', async () => {
		const today = new Date('2027-06-01T09:00:00Z');
		const ids = {
			overdue: await addAction({ description: 'Overdue', due: '2027-05-28' }),
			today: await addAction({ description: 'Today', due: '2027-06-01', status: 'in-progress' }),
			fortnight: await addAction({ description: 'Fortnight', due: '2027-06-15' }),
			later: await addAction({ description: 'Later', due: '2027-06-16' }),
			done: await addAction({ description: 'Done', due: '2027-05-20', status: 'done' }),
			cannot: await addAction({
				description: 'Cannot',
				due: '2027-07-20',
				status: 'cannot-be-done'
			}),
			closed: await addAction({ description: 'Closed', due: '2027-05-20', status: 'closed' })
		};
		// Someone else's action is not on my list.
		await addAction({ description: 'Not mine', owner: 'submitter' });

		const groups = await myActions(database.db, fixture.people.confirmedMember, {}, today);
		const described = (group: keyof typeof groups) =>
			groups[group].map((a) => [a.description, a.due]);
		expect(described('overdue')).toEqual([['Overdue', '4 days overdue']]);
		expect(described('soon')).toEqual([
			['Today', 'due today'],
			['Fortnight', 'due in 2 weeks']
		]);
		expect(described('later')).toEqual([['Later', 'due in 2 weeks']]);
		expect(groups.done.map((a) => a.id).sort()).toEqual([ids.done, ids.cannot, ids.closed].sort());
		expect(groups.overdue[0]).toMatchObject({
			communityName: 'Ledbury',
			meetingDate: MEETING_DATE,
			// Not tied to an item: the action is for the meeting as a whole.
			reference: 'General'
		});
	});

	it('filters by community and status', async () => {
		const elsewhere = await otherCommunityMeeting();
		await addAction({ description: 'Here, open' });
		await addAction({ description: 'Here, done', status: 'done' });
		await addAction({
			description: 'Elsewhere, open',
			communityId: elsewhere.communityId,
			meetingId: elsewhere.meetingId
		});
		const mine = async (filter: Parameters<typeof myActions>[2]) => {
			const groups = await myActions(database.db, fixture.people.confirmedMember, filter);
			return Object.values(groups)
				.flat()
				.map((a) => a.description)
				.sort();
		};
		expect(await mine({})).toEqual(['Elsewhere, open', 'Here, done', 'Here, open']);
		expect(await mine({ communityId: fixture.communityId })).toEqual(['Here, done', 'Here, open']);
		expect(await mine({ status: 'open' })).toEqual(['Elsewhere, open', 'Here, open']);
		expect(await mine({ communityId: elsewhere.communityId, status: 'done' })).toEqual([]);
	});

	it('says what an action is about by reference: the case, the community issue, or "Advice"', async () => {
		await addAction({ description: 'Case', submissionId: fixture.items.fine, caseId: 1 });
		await addAction({ description: 'Issue', submissionId: fixture.items.issue });
		await addAction({ description: 'Advice', submissionId: fixture.items.advice });
		const groups = await myActions(database.db, fixture.people.confirmedMember, {}, reviewDay);
		expect(groups.overdue.map((a) => [a.description, a.reference])).toEqual([
			['Case', fixture.references.fine],
			['Issue', 'Vaping'],
			['Advice', 'Advice']
		]);
	});
});

describe("the owner's updates", () => {
	it.each([
		[
			'nothing chosen',
			{},
			{ kind: expect.stringContaining('Choose whether'), note: 'Enter a note' }
		],
		[
			'in progress without a note',
			{ kind: 'progress' },
			{ note: 'Enter the progress made so far' }
		],
		['done without a note', { kind: 'done' }, { note: 'Enter what was done' }],
		[
			'cannot be done without a reason',
			{ kind: 'cannot-be-done', note: 'The family moved to Wales' },
			{ reason: expect.stringContaining('Choose why it cannot be done') }
		],
		[
			'cannot be done with a reason but no why',
			{ kind: 'cannot-be-done', reason: 'agency-could-not-act' },
			{ note: 'Enter why it cannot be done' }
		],
		[
			'cannot be done with a made-up reason',
			{ kind: 'cannot-be-done', reason: 'toString', note: 'No' },
			{ reason: expect.stringContaining('Choose why it cannot be done') }
		],
		[
			'a note with a phone number in it',
			{ kind: 'progress', note: 'Called mum on 07700 900123' },
			{ note: expect.stringContaining('Notes on actions must be anonymous') }
		]
	])('refuses %s, keeping what was typed', (_, fields, errors) => {
		const read = readOwnerUpdateForm(form(fields));
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(errors);
		expect(read.values.note).toBe((fields as { note?: string }).note ?? '');
	});

	it.each([
		[
			'a phone number a digit at a time',
			{ kind: 'progress', note: 'Rang mum on 0 7 7 0 0 9 0 0 1 2 3' },
			'Notes on actions must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3).'
		],
		[
			'an email address in words',
			{ kind: 'done', note: 'Sent to jo dot bloggs at gmail dot com' },
			'Notes on actions must be anonymous: remove the email address (jo dot bloggs at gmail dot com).'
		],
		[
			'a postcode spaced out',
			{ kind: 'cannot-be-done', reason: 'circumstances-changed', note: 'Moved to H R 4 9 A B' },
			'Notes on actions must be anonymous: remove the postcode (H R 4 9 A B). ' +
				'Describe the area instead, for example “north Leominster”.'
		],
		[
			'a date of birth',
			{ kind: 'progress', note: 'Baby registered, born 3/6/27' },
			'Notes on actions must be anonymous: remove the possible date of birth (3/6/27). ' +
				'Give an age or a month and year instead, for example “aged 7” or “March 2015”.'
		],
		[
			'more than 1000 characters',
			{ kind: 'progress', note: 'a'.repeat(1001) },
			'The note must be 1000 characters or fewer'
		]
	])('refuses a note with %s, keeping what was typed', (_, fields, message) => {
		const read = readOwnerUpdateForm(form(fields), REVIEW_DATE);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({ note: message });
		expect(read.values.note).toBe(fields.note);
	});

	it('takes the dates of the work in a note', () => {
		const note = 'Home visit on 14/06/2027; next one 28 June 2027';
		expect(readOwnerUpdateForm(form({ kind: 'progress', note }), REVIEW_DATE).input).toEqual({
			kind: 'progress',
			note
		});
	});

	it.each([
		[
			{ kind: 'progress', note: 'Referral made' },
			{ kind: 'progress', note: 'Referral made' }
		],
		[
			{ kind: 'done', note: 'Seen at home' },
			{ kind: 'done', note: 'Seen at home' }
		],
		[
			{ kind: 'cannot-be-done', reason: 'circumstances-changed', note: 'Moved away' },
			{ kind: 'cannot-be-done', reason: 'circumstances-changed', note: 'Moved away' }
		]
	])('reads %j', (fields, input) => {
		expect(readOwnerUpdateForm(form(fields)).input).toEqual(input);
	});

	it('keeps each update as history (who, when, what) and moves the status on', async () => {
		const id = await addAction({});
		const owner = person('confirmedMember');
		const first = new Date('2027-05-20T10:00:00Z');
		const second = new Date('2027-05-27T15:30:00Z');
		expect(
			await recordOwnerUpdate(
				database.db,
				id,
				{ kind: 'progress', note: 'Referral made' },
				owner,
				first
			)
		).toBe('recorded');
		expect(await findAction(database.db, id)).toMatchObject({
			status: 'in-progress',
			completedAt: null
		});
		expect(
			await recordOwnerUpdate(
				database.db,
				id,
				{ kind: 'cannot-be-done', reason: 'agency-could-not-act', note: 'Waiting list closed' },
				owner,
				second
			)
		).toBe('recorded');
		expect(await findAction(database.db, id)).toMatchObject({
			status: 'cannot-be-done',
			completedAt: second.toISOString()
		});
		expect(await actionHistory(database.db, id)).toEqual([
			expect.objectContaining({
				kind: 'cannot-be-done',
				reason: 'agency-could-not-act',
				note: 'Waiting list closed',
				recordedByName: 'The confirmedMember',
				recordedAt: second.toISOString()
			}),
			expect.objectContaining({
				kind: 'progress',
				reason: null,
				note: 'Referral made',
				recordedByName: 'The confirmedMember',
				recordedAt: first.toISOString()
			})
		]);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'record_id', 'detail'])
			.where('action', 'like', 'action.%')
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{
				action: 'action.progress',
				actor_id: owner.id,
				record_id: String(id),
				detail: JSON.stringify({ onBehalfOfOwner: false })
			},
			{
				action: 'action.cannot-be-done',
				actor_id: owner.id,
				record_id: String(id),
				detail: JSON.stringify({ onBehalfOfOwner: false, reason: 'agency-could-not-act' })
			}
		]);
		// Finished: no more updates.
		expect(
			await recordOwnerUpdate(database.db, id, { kind: 'done', note: 'Done after all' }, owner)
		).toBe('finished');
	});

	it.each<[Person, 'recorded' | 'not-allowed']>([
		['confirmedMember', 'recorded'],
		['chair', 'recorded'],
		['coordinator', 'recorded'],
		['submitter', 'not-allowed'],
		['leadProfessional', 'not-allowed'],
		['nonMember', 'not-allowed'],
		['administrator', 'not-allowed']
	])('the %s: %s', async (who, result) => {
		const id = await addAction({ owner: 'confirmedMember' });
		const update: OwnerUpdate = { kind: 'done', note: 'Seen at home' };
		expect(await recordOwnerUpdate(database.db, id, update, person(who))).toBe(result);
		const status = (await findAction(database.db, id))!.status;
		expect(status).toBe(result === 'recorded' ? 'done' : 'open');
		expect(await count('action_update')).toBe(result === 'recorded' ? 1 : 0);
	});
});

describe('the latest update on each action', () => {
	it('is the newest update on the work, in one query for many actions; reminders do not count', async () => {
		const { db } = database;
		const first = await addAction({ description: 'First' });
		const second = await addAction({ description: 'Second' });
		const none = await addAction({ description: 'None' });
		const owner = person('confirmedMember');
		await recordOwnerUpdate(db, first, { kind: 'progress', note: 'Started' }, owner);
		await recordOwnerUpdate(db, first, { kind: 'progress', note: 'Half way' }, owner);
		await recordOwnerUpdate(db, second, { kind: 'done', note: 'Finished' }, owner);
		await remindOwner(db, first, chair());
		const latest = await latestUpdates(db, [first, second, none]);
		expect(latest.get(first)).toMatchObject({
			kind: 'progress',
			note: 'Half way',
			recordedByName: 'The confirmedMember'
		});
		expect(latest.get(second)).toMatchObject({ kind: 'done', note: 'Finished' });
		expect(latest.has(none)).toBe(false);
	});
});

describe("the family's details for the action's owner", () => {
	it('open only to the owner, only once the gate opened for the item at that meeting, and each read is audited', async () => {
		const { db } = database;
		const id = await addAction({
			owner: 'confirmedMember',
			submissionId: fixture.items.fine,
			caseId: 1
		});
		const action = (await findAction(db, id))!;
		const owner = person('confirmedMember');
		// Before the gate opens: only the reference.
		expect(await familyOpenToOwner(db, action, owner.id)).toBeUndefined();
		await checkConsentGate(
			db,
			{ id: fixture.meetingId, date: MEETING_DATE },
			fixture.items.fine,
			chair(),
			MEETING_DATE
		);
		await db
			.updateTable('need_update')
			.set({ support: 'Speech therapy fast-tracked' })
			.where('submission_id', '=', fixture.items.fine)
			.execute();
		await db
			.insertInto('need_update')
			.values({
				submission_id: fixture.items.fine,
				need_id: 1,
				status: null,
				progress: null,
				support: 'Speech therapy fast-tracked'
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
		// Somebody else, even the chair, does not get the family through the action.
		expect(await familyOpenToOwner(db, action, fixture.people.chair)).toBeUndefined();
		const before = await count('audit_log');
		expect(await familyOpenToOwner(db, action, owner.id)).toBeDefined();
		expect(await count('audit_log')).toBe(before);

		const summary = await familySummaryForOwner(
			db,
			(await familyOpenToOwner(db, action, owner.id))!,
			owner,
			'2027-06-01'
		);
		expect(summary).toMatchObject({
			reference: fixture.references.fine,
			members: [
				{ name: CHILD, age: 8 },
				{ name: 'Marigold Quill', age: 37 }
			],
			needs: [{ forName: CHILD, description: NEED, support: 'Speech therapy fast-tracked' }]
		});
		const read = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'record_id', 'detail'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(read).toMatchObject({
			action: 'family.viewed',
			actor_id: owner.id,
			record_id: fixture.references.fine
		});
		expect(JSON.parse(read.detail!)).toMatchObject({ why: 'action owner' });
	});

	it('stays shut for an action on a family whose gate was refused', async () => {
		const { db } = database;
		const id = await addAction({ submissionId: fixture.items.withdrawn, caseId: 2 });
		await checkConsentGate(
			db,
			{ id: fixture.meetingId, date: MEETING_DATE },
			fixture.items.withdrawn,
			chair(),
			MEETING_DATE
		);
		const action = (await findAction(db, id))!;
		expect(await familyOpenToOwner(db, action, person('confirmedMember').id)).toBeUndefined();
		expect(await ownerFamilyReading(db, action, person('confirmedMember').id)).toBeUndefined();
	});
});

/** A second community with a meeting, whose actions never count in the first one's figures. */
async function otherCommunityMeeting() {
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

describe('the follow-up board', () => {
	it("counts each agency's actions as a hand count of the same data does", async () => {
		// Today is 22 June 2027. The dataset, by agency:
		//   Police:  open due 1 Jun (overdue), in progress due 22 Jun (today: not overdue),
		//            open due 1 Jul, done, done, cannot be done
		//   Housing: open due 21 Jun (overdue), in progress due 10 Jun (overdue), done ×4, closed
		//   Youth:   closed
		//   (and a Police action in another community, which counts nowhere here)
		// By hand:
		//   Police:  owned 6, completed 2, open 3, cannot 1, closed 0, overdue 1,
		//            rate 2 ÷ (2 + 3 + 1) = 33.3% → 33
		//   Housing: owned 7, completed 4, open 2, cannot 0, closed 1, overdue 2,
		//            rate 4 ÷ (4 + 2 + 0) = 66.7% → 67
		//   Youth:   owned 1, completed 0, open 0, cannot 0, closed 1, overdue 0, no rate (0 ÷ 0)
		const police = 'West Mercia Police';
		const housing = 'Housing Solutions';
		await addAction({ agency: police, due: '2027-06-01' });
		await addAction({ agency: police, due: '2027-06-22', status: 'in-progress' });
		await addAction({ agency: police, due: '2027-07-01' });
		await addAction({ agency: police, status: 'done' });
		await addAction({ agency: police, status: 'done' });
		await addAction({ agency: police, status: 'cannot-be-done' });
		await addAction({ agency: housing, owner: null, ownerName: 'Ann Lee', due: '2027-06-21' });
		await addAction({
			agency: housing,
			owner: 'submitter',
			due: '2027-06-10',
			status: 'in-progress'
		});
		for (let done = 0; done < 4; done++) await addAction({ agency: housing, status: 'done' });
		await addAction({ agency: housing, status: 'closed' });
		await addAction({ agency: 'Youth Service', status: 'closed' });
		const elsewhere = await otherCommunityMeeting();
		await addAction({ agency: police, ...elsewhere });

		expect(await agencyFigures(database.db, fixture.communityId, REVIEW_DATE)).toEqual([
			{
				agency: housing,
				owned: 7,
				completed: 4,
				open: 2,
				cannotBeDone: 0,
				closed: 1,
				overdue: 2,
				completionRate: 67
			},
			{
				agency: police,
				owned: 6,
				completed: 2,
				open: 3,
				cannotBeDone: 1,
				closed: 0,
				overdue: 1,
				completionRate: 33
			},
			{
				agency: 'Youth Service',
				owned: 1,
				completed: 0,
				open: 0,
				cannotBeDone: 0,
				closed: 1,
				overdue: 0,
				completionRate: null
			}
		]);

		// Open actions by agency and owner: the most overdue first, soonest due first within.
		const board = await openActionsByAgency(
			database.db,
			fixture.communityId,
			REVIEW_DATE,
			reviewDay
		);
		expect(
			board.map((agency) => [
				agency.agency,
				agency.overdue,
				agency.owners.map((owner) => [
					owner.name,
					owner.hasAccount,
					owner.actions.map((a) => [a.dueDate, a.overdue])
				])
			])
		).toEqual([
			[
				housing,
				2,
				[
					['Ann Lee', false, [['2027-06-21', true]]],
					['The submitter', true, [['2027-06-10', true]]]
				]
			],
			[
				police,
				1,
				[
					[
						'The confirmedMember',
						true,
						[
							['2027-06-01', true],
							['2027-06-22', false],
							['2027-07-01', false]
						]
					]
				]
			]
		]);
	});

	it('a reminder writes a notice to the owner, a history entry and an audit entry, all at once', async () => {
		const id = await addAction({ submissionId: fixture.items.fine, caseId: 1 });
		const result = await remindOwner(database.db, id, chair(), reviewDay);
		expect(result).toEqual({
			reminded: true,
			notified: true,
			ownerId: fixture.people.confirmedMember,
			reference: fixture.references.fine
		});
		const notice = await database.db.selectFrom('notice').selectAll().executeTakeFirstOrThrow();
		expect(notice).toMatchObject({
			user_id: fixture.people.confirmedMember,
			link: `/actions/${id}`,
			read_at: null
		});
		// References, never names.
		expect(notice.message).toBe(
			`Reminder from the Ledbury MAG: your action for ${fixture.references.fine}, agreed on 11 May 2027, is 3 weeks overdue.`
		);
		expect(notice.message).not.toContain(CHILD);
		// And an email, queued in the same transaction, by reference only.
		const mail = await database.db
			.selectFrom('mail_outbox')
			.select(['kind', 'recipient', 'body'])
			.executeTakeFirstOrThrow();
		expect(mail).toMatchObject({
			kind: 'reminder-from-chair',
			recipient: 'confirmedmember@council.example'
		});
		expect(mail.body).toContain(fixture.references.fine);
		expect(mail.body).not.toContain(CHILD);
		expect(await actionHistory(database.db, id)).toEqual([
			expect.objectContaining({
				kind: 'reminder',
				recordedByName: 'The chair',
				recordedAt: reviewDay.toISOString()
			})
		]);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'record_id'])
			.where('action', '=', 'action.reminder-sent')
			.execute();
		expect(audit).toEqual([
			{ action: 'action.reminder-sent', actor_id: fixture.people.chair, record_id: String(id) }
		]);
	});

	it('a reminder for someone without an account is recorded, with no notice; a finished action gets none', async () => {
		const outside = await addAction({ owner: null, ownerName: 'Ann Lee' });
		expect(await remindOwner(database.db, outside, chair())).toMatchObject({
			reminded: true,
			notified: false
		});
		expect(await count('notice')).toBe(0);
		expect(await count('action_update')).toBe(1);
		const done = await addAction({ status: 'done' });
		expect(await remindOwner(database.db, done, chair())).toEqual({ reminded: false });
		expect(await count('action_update')).toBe(1);
	});

	it('a reminder that fails part-way leaves nothing behind', async () => {
		const id = await addAction({});
		await expect(remindOwner(database.db, id, { id: 99999, ip: null })).rejects.toThrow();
		expect(await count('notice')).toBe(0);
		expect(await count('mail_outbox')).toBe(0);
		expect(await count('action_update')).toBe(0);
	});
});

describe('the actions review at the next meeting', () => {
	const context = () => ({
		meetingId: reviewMeeting().id,
		communityId: fixture.communityId,
		today: REVIEW_DATE
	});

	it("lists the community's overdue actions from its other meetings only", async () => {
		const overdue = await addAction({ description: 'Overdue', due: '2027-06-01' });
		// Agreed at the meeting under way: discussed with its item, not in the review.
		await addAction({
			description: 'This meeting',
			due: '2027-06-01',
			meetingId: reviewMeeting().id
		});
		await addAction({ description: 'Not yet due', due: '2027-06-30' });
		await addAction({ description: 'Due today', due: REVIEW_DATE });
		await addAction({ description: 'Done', due: '2027-06-01', status: 'done' });
		const elsewhere = await otherCommunityMeeting();
		await addAction({ description: 'Elsewhere', due: '2027-06-01', ...elsewhere });
		const listed = await actionsForReview(database.db, reviewMeeting(), REVIEW_DATE, reviewDay);
		expect(listed.map((a) => [a.id, a.due])).toEqual([[overdue, '3 weeks overdue']]);
	});

	it.each([
		['no decision', {}, { 'review-ID-decision': expect.stringContaining('Choose whether') }],
		[
			'extended without a date',
			{ 'review-ID-decision': 'extended' },
			{ 'review-ID-due': 'Enter the due date' }
		],
		[
			'extended to today',
			{
				'review-ID-decision': 'extended',
				'review-ID-due-day': '22',
				'review-ID-due-month': '6',
				'review-ID-due-year': '2027'
			},
			{ 'review-ID-due': 'The due date must be in the future' }
		],
		[
			'reassigned to nobody',
			{
				'review-ID-decision': 'reassigned',
				'review-ID-due-day': '6',
				'review-ID-due-month': '7',
				'review-ID-due-year': '2027'
			},
			{ 'review-ID-owner': 'Choose who will do this' }
		],
		[
			'closed without a reason',
			{ 'review-ID-decision': 'closed' },
			{ 'review-ID-reason': 'Enter why the action is closed' }
		],
		[
			'closed with an NHS number in the reason',
			{ 'review-ID-decision': 'closed', 'review-ID-reason': 'Same child as 943 476 5919' },
			{
				'review-ID-reason':
					'Notes on actions must be anonymous: remove the NHS number (943 476 5919).'
			}
		],
		[
			'closed with a reason of more than 1000 characters',
			{ 'review-ID-decision': 'closed', 'review-ID-reason': 'a'.repeat(1001) },
			{ 'review-ID-reason': 'The note must be 1000 characters or fewer' }
		],
		[
			'reassigned to someone outside the MAG whose name carries a phone number',
			{
				'review-ID-decision': 'reassigned',
				'review-ID-owner': 'other',
				'review-ID-ownerName': 'Sam, 07700 900123',
				'review-ID-ownerAgency': 'Youth club',
				'review-ID-due-day': '6',
				'review-ID-due-month': '7',
				'review-ID-due-year': '2027'
			},
			{
				'review-ID-ownerName': 'Actions must be anonymous: remove the phone number (07700 900123).'
			}
		]
	])('refuses %s with a message by the field', async (_, fields, errors) => {
		const id = await addAction({});
		const withId = (record: Record<string, unknown>) =>
			Object.fromEntries(
				Object.entries(record).map(([key, value]) => [key.replace('ID', String(id)), value])
			);
		const read = await readReviewForm(
			database.db,
			form(withId(fields) as Record<string, string>),
			id,
			context()
		);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(withId(errors));
	});

	const decisions = (): [string, Record<string, string>, (id: number) => Promise<void>][] => [
		[
			'extended',
			{ decision: 'extended', 'due-day': '20', 'due-month': '7', 'due-year': '2027' },
			async (id) => {
				expect(await findAction(database.db, id)).toMatchObject({
					dueDate: '2027-07-20',
					status: 'in-progress'
				});
				expect((await actionHistory(database.db, id))[0]).toMatchObject({
					kind: 'extended',
					previousDueDate: '2027-06-01',
					newDueDate: '2027-07-20',
					meetingId: reviewMeeting().id
				});
			}
		],
		[
			'reassigned',
			{
				decision: 'reassigned',
				owner: `member:${fixture.people.leadProfessional}`,
				'due-day': '6',
				'due-month': '7',
				'due-year': '2027'
			},
			async (id) => {
				expect(await findAction(database.db, id)).toMatchObject({
					ownerId: fixture.people.leadProfessional,
					ownerName: 'The leadProfessional',
					ownerAgency: 'Agency 4',
					dueDate: '2027-07-06',
					status: 'open'
				});
				expect((await actionHistory(database.db, id))[0]).toMatchObject({
					kind: 'reassigned',
					previousOwner: 'The confirmedMember, Agency 5',
					note: 'Reassigned to The leadProfessional, Agency 4'
				});
				// The new owner is told.
				const notice = await database.db.selectFrom('notice').selectAll().executeTakeFirstOrThrow();
				expect(notice).toMatchObject({
					user_id: fixture.people.leadProfessional,
					link: `/actions/${id}`
				});
			}
		],
		[
			'closed',
			{ decision: 'closed', reason: 'The family moved out of the county' },
			async (id) => {
				expect(await findAction(database.db, id)).toMatchObject({
					status: 'closed',
					completedAt: reviewDay.toISOString()
				});
				expect((await actionHistory(database.db, id))[0]).toMatchObject({
					kind: 'closed',
					note: 'The family moved out of the county'
				});
			}
		]
	];

	it.each(['extended', 'reassigned', 'closed'])(
		'%s: the action, its history and the audit change together, and the review lists it as decided',
		async (kind) => {
			const [, fields, check] = decisions().find(([k]) => k === kind)!;
			const id = await addAction({ due: '2027-06-01', status: 'in-progress' });
			const prefixed = Object.fromEntries(
				Object.entries(fields).map(([key, value]) => [`review-${id}-${key}`, value])
			);
			const read = await readReviewForm(database.db, form(prefixed), id, context());
			expect(read.errors).toEqual({});
			expect(
				await recordReviewDecision(
					database.db,
					reviewMeeting(),
					id,
					read.input!,
					chair(),
					REVIEW_DATE,
					reviewDay
				)
			).toBe(true);
			await check(id);
			const audit = await database.db
				.selectFrom('audit_log')
				.select(['action', 'actor_id', 'record_id'])
				.where('action', 'like', 'action.%')
				.execute();
			expect(audit).toEqual([
				{ action: `action.${kind}`, actor_id: fixture.people.chair, record_id: String(id) }
			]);
			expect(await actionsForReview(database.db, reviewMeeting(), REVIEW_DATE)).toEqual([]);
			expect(
				(await reviewedAtMeeting(database.db, reviewMeeting().id)).map((r) => [r.actionId, r.kind])
			).toEqual([[id, kind]]);
			// Decided once: a second decision on the same action (say from another device) is refused.
			expect(
				await recordReviewDecision(
					database.db,
					reviewMeeting(),
					id,
					{ kind: 'closed', note: 'Again' },
					chair(),
					REVIEW_DATE,
					reviewDay
				)
			).toBe(false);
		}
	);

	it.each<[string, ReviewDecision]>([
		['extended', { kind: 'extended', dueDate: '2027-07-20' }],
		[
			'reassigned',
			{
				kind: 'reassigned',
				owner: { id: null, name: 'Ann Lee', agency: 'Food bank' },
				dueDate: '2027-07-20'
			}
		],
		['closed', { kind: 'closed', note: 'No longer needed' }]
	])('%s: a failure part-way through leaves the action as it was', async (_, decision) => {
		const id = await addAction({ due: '2027-06-01' });
		const before = await findAction(database.db, id);
		// No such person: the history entry cannot be written once the action has changed.
		await expect(
			recordReviewDecision(
				database.db,
				reviewMeeting(),
				id,
				decision,
				{ id: 99999, ip: null },
				REVIEW_DATE,
				reviewDay
			)
		).rejects.toThrow();
		expect(await findAction(database.db, id)).toEqual(before);
		expect(await count('action_update')).toBe(0);
		expect(await count('notice')).toBe(0);
		expect(
			await database.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', 'like', 'action.%')
				.execute()
		).toEqual([]);
	});

	it('refuses an action that is not overdue, or from another community', async () => {
		const notDue = await addAction({ due: '2027-06-30' });
		const elsewhere = await otherCommunityMeeting();
		const other = await addAction({ due: '2027-06-01', ...elsewhere });
		for (const id of [notDue, other])
			expect(
				await recordReviewDecision(
					database.db,
					reviewMeeting(),
					id,
					{ kind: 'closed', note: 'No' },
					chair(),
					REVIEW_DATE
				)
			).toBe(false);
		expect(await count('action_update')).toBe(0);
	});
});

describe('a post sent twice (a retry after a dropped connection, a double click)', () => {
	const keys = async () =>
		database.db.selectFrom('form_submission').select(['user_id', 'form']).execute();

	it('an update with the same key is recorded once, and answers as the first did', async () => {
		const id = await addAction({});
		const owner = person('confirmedMember');
		const key = newFormKey();
		const done: OwnerUpdate = { kind: 'done', note: 'Seen at home' };
		expect(await recordOwnerUpdate(database.db, id, done, owner, undefined, key)).toBe('recorded');

		// The first finished the action; the repeat is told it was recorded, not that it is finished.
		expect(await recordOwnerUpdate(database.db, id, done, owner, undefined, key)).toBe('recorded');

		expect(await actionHistory(database.db, id)).toHaveLength(1);
		expect(await keys()).toEqual([{ user_id: owner.id, form: `action-update:${id}` }]);
	});

	it('updates with different keys are recorded twice', async () => {
		const id = await addAction({});
		const owner = person('confirmedMember');
		const progress: OwnerUpdate = { kind: 'progress', note: 'Referral made' };
		await recordOwnerUpdate(database.db, id, progress, owner, undefined, newFormKey());
		await recordOwnerUpdate(database.db, id, progress, owner, undefined, newFormKey());
		expect(await actionHistory(database.db, id)).toHaveLength(2);
	});

	it('the same key from someone else, or about another action, is another post', async () => {
		const id = await addAction({});
		const other = await addAction({});
		const key = newFormKey();
		const progress: OwnerUpdate = { kind: 'progress', note: 'Referral made' };
		await recordOwnerUpdate(database.db, id, progress, person('confirmedMember'), undefined, key);
		await recordOwnerUpdate(database.db, id, progress, chair(), undefined, key);
		await recordOwnerUpdate(
			database.db,
			other,
			progress,
			person('confirmedMember'),
			undefined,
			key
		);
		expect(await actionHistory(database.db, id)).toHaveLength(2);
		expect(await actionHistory(database.db, other)).toHaveLength(1);
	});

	it('a refused update leaves no key, so the same post is refused again', async () => {
		const id = await addAction({});
		const key = newFormKey();
		const update: OwnerUpdate = { kind: 'done', note: 'Seen at home' };
		expect(
			await recordOwnerUpdate(database.db, id, update, person('submitter'), undefined, key)
		).toBe('not-allowed');
		expect(
			await recordOwnerUpdate(database.db, id, update, person('submitter'), undefined, key)
		).toBe('not-allowed');
		expect(await keys()).toEqual([]);
	});

	it('a reminder with the same key reminds the owner once, and answers as the first did', async () => {
		const id = await addAction({ submissionId: fixture.items.fine, caseId: 1 });
		const key = newFormKey();
		const first = await remindOwner(database.db, id, chair(), reviewDay, key);

		expect(await remindOwner(database.db, id, chair(), reviewDay, key)).toEqual(first);

		expect(first).toMatchObject({ reminded: true, notified: true });
		expect(await count('notice')).toBe(1);
		expect(await count('mail_outbox')).toBe(1);
		expect(await count('action_update')).toBe(1);
	});

	it('reminders with different keys remind the owner twice', async () => {
		const id = await addAction({});
		await remindOwner(database.db, id, chair(), reviewDay, newFormKey());
		await remindOwner(database.db, id, chair(), reviewDay, newFormKey());
		expect(await count('notice')).toBe(2);
		expect(await count('action_update')).toBe(2);
	});

	it('a reminder that fails part-way keeps no key', async () => {
		const id = await addAction({});
		// No such person: the history entry cannot be written, after the notice and the email.
		await expect(
			remindOwner(database.db, id, { id: 99999, ip: null }, reviewDay, newFormKey())
		).rejects.toThrow();
		expect(await keys()).toEqual([]);
		expect(await count('notice')).toBe(0);
	});

	it('a review decision with the same key is one decision, answered as decided, not as already reviewed', async () => {
		const id = await addAction({ due: '2027-06-01' });
		const key = newFormKey();
		const decide = (formKey: string) =>
			recordReviewDecision(
				database.db,
				reviewMeeting(),
				id,
				{ kind: 'extended', dueDate: '2027-07-20' },
				chair(),
				REVIEW_DATE,
				reviewDay,
				formKey
			);
		expect(await decide(key)).toBe(true);

		expect(await decide(key)).toBe(true);
		expect(await count('action_update')).toBe(1);
		// A new post (a new key) is a second decision, refused as before: the action is decided.
		expect(await decide(newFormKey())).toBe(false);
		expect(await count('action_update')).toBe(1);
	});
});
