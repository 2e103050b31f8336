import { beforeEach, describe, expect, it } from 'vitest';
import { addAction, readActionForm } from '$lib/server/actions/actions';
import { decideItem, readDeferralReason } from '$lib/server/agenda/agenda';
import {
	admitToMeeting,
	askToJoin,
	confirmConfidentiality,
	listJoinRequests,
	saveRegister,
	type MemberAttendance
} from '$lib/server/meeting/attendance';
import { hasConfirmed, roomPresence } from '$lib/server/policy/meeting';
import { checkConsentGate, familyOfItem, gateState } from '$lib/server/meeting/consent-gate';
import type { OpenDatabase } from '$lib/server/platform/db';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { concludeMeeting, startMeeting, takeItem } from '$lib/server/meeting/room';
import {
	findOutcome,
	latestLevelOfNeed,
	readOutcomeForm,
	saveOutcome,
	SHARE_OUTCOME,
	type OutcomeInput
} from '$lib/server/meeting/outcomes';
import { scheduleReview } from '$lib/server/agenda/reviews';
import { form, freshDatabase } from '../helpers';
import { meetingWithFamilies, MEETING_DATE, TODAY } from '../meeting-fixture';

let database: OpenDatabase;
let fixture: Awaited<ReturnType<typeof meetingWithFamilies>>;
const at = new Date('2027-05-11T09:00:00Z');

beforeEach(async () => {
	database = await freshDatabase();
	fixture = await meetingWithFamilies(database);
});

const chair = () => ({ id: fixture.people.chair, ip: '192.0.2.1' });
const meeting = () => ({ id: fixture.meetingId, date: MEETING_DATE });

describe('the register and confidentiality', () => {
	it('records apologies and a substitute, and keeps an own-device confirmation when the chair saves', async () => {
		const { db } = database;
		await saveRegister(
			db,
			fixture.meetingId,
			[
				{
					userId: fixture.people.confirmedMember,
					status: 'present',
					substituteName: null,
					agreedAloud: false
				}
			],
			chair(),
			at
		);
		await confirmConfidentiality(
			db,
			fixture.meetingId,
			{ id: fixture.people.confirmedMember, ip: null },
			at
		);
		await saveRegister(
			db,
			fixture.meetingId,
			[
				{
					userId: fixture.people.confirmedMember,
					status: 'present',
					substituteName: null,
					agreedAloud: false
				},
				{
					userId: fixture.people.absentMember,
					status: 'apologies',
					substituteName: null,
					agreedAloud: true
				},
				{
					userId: fixture.people.submitter,
					status: 'substitute',
					substituteName: 'Sam Green',
					agreedAloud: true
				}
			],
			chair(),
			at
		);
		const rows = await db
			.selectFrom('attendance')
			.select(['user_id', 'status', 'substitute_name', 'confirmed_via'])
			.where('meeting_id', '=', fixture.meetingId)
			.orderBy('user_id')
			.execute();
		expect(rows).toEqual(
			expect.arrayContaining([
				{
					user_id: fixture.people.confirmedMember,
					status: 'present',
					substitute_name: null,
					confirmed_via: 'self'
				},
				// Someone who is not in the room has nothing to confirm, whatever was ticked.
				{
					user_id: fixture.people.absentMember,
					status: 'apologies',
					substitute_name: null,
					confirmed_via: null
				},
				{
					user_id: fixture.people.submitter,
					status: 'substitute',
					substitute_name: 'Sam Green',
					confirmed_via: 'chair'
				}
			])
		);
		expect(await hasConfirmed(db, fixture.meetingId, fixture.people.confirmedMember)).toBe(true);
		expect(await hasConfirmed(db, fixture.meetingId, fixture.people.absentMember)).toBe(false);
	});

	const registerEntry = (userId: number, status: MemberAttendance) => ({
		userId,
		status,
		substituteName: status === 'substitute' ? 'Sam Green' : null,
		agreedAloud: false
	});

	it.each(['absent', 'apologies', 'substitute', 'not on the register'] as const)(
		'agreeing on your own device never changes attendance: a member %s is told to ask the chair',
		async (status) => {
			const { db } = database;
			const me = { id: fixture.people.unconfirmedMember, ip: null };
			if (status !== 'not on the register')
				await saveRegister(db, fixture.meetingId, [registerEntry(me.id, status)], chair(), at);
			const before = await db
				.selectFrom('attendance')
				.selectAll()
				.where('user_id', '=', me.id)
				.execute();
			const audited = await db.selectFrom('audit_log').select('id').execute();
			expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('not-admitted');
			expect(
				await db.selectFrom('attendance').selectAll().where('user_id', '=', me.id).execute()
			).toEqual(before);
			expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(audited.length);
			expect(await roomPresence(db, fixture.meetingId, me.id)).toBe('not-admitted');
		}
	);

	it('a member the register has present agrees once; the chair, keeping the register, is recorded present by agreeing', async () => {
		const { db } = database;
		const me = { id: fixture.people.unconfirmedMember, ip: null };
		await saveRegister(db, fixture.meetingId, [registerEntry(me.id, 'present')], chair(), at);
		expect(await roomPresence(db, fixture.meetingId, me.id)).toBe('present');
		expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('agreed');
		expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('agreed');
		expect(
			await db
				.selectFrom('attendance')
				.select(['status', 'confirmed_via'])
				.where('user_id', '=', me.id)
				.execute()
		).toEqual([{ status: 'present', confirmed_via: 'self' }]);
		expect(await roomPresence(db, fixture.meetingId, me.id)).toBe('in-the-room');
		expect(
			await confirmConfidentiality(db, fixture.meetingId, { ...chair(), organiser: true }, at)
		).toBe('agreed');
		expect(await hasConfirmed(db, fixture.meetingId, fixture.people.chair)).toBe(true);
	});

	it('someone not recorded present asks to join; the chair lets them in (recorded present, audited); they then agree', async () => {
		const { db } = database;
		const me = { id: fixture.people.absentMember, ip: null };
		await saveRegister(db, fixture.meetingId, [registerEntry(me.id, 'apologies')], chair(), at);
		await askToJoin(db, fixture.meetingId, me, at);
		await askToJoin(db, fixture.meetingId, me, at);
		expect(await listJoinRequests(db, fixture.meetingId)).toEqual([
			expect.objectContaining({ userId: me.id, name: 'The absentMember' })
		]);
		expect(await admitToMeeting(db, fixture.meetingId, me.id, chair(), at)).toBe(true);
		expect(await admitToMeeting(db, fixture.meetingId, me.id, chair(), at)).toBe(false);
		expect(await listJoinRequests(db, fixture.meetingId)).toEqual([]);
		expect(
			await db
				.selectFrom('attendance')
				.select(['status', 'recorded_by', 'confirmed_at'])
				.where('user_id', '=', me.id)
				.execute()
		).toEqual([{ status: 'present', recorded_by: fixture.people.chair, confirmed_at: null }]);
		// Let in, not yet agreed: still no family.
		expect(await hasConfirmed(db, fixture.meetingId, me.id)).toBe(false);
		expect(await confirmConfidentiality(db, fixture.meetingId, me, at)).toBe('agreed');
		expect(await hasConfirmed(db, fixture.meetingId, me.id)).toBe(true);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('action', 'like', 'meeting.%')
			.where('action', 'in', [
				'meeting.join-asked',
				'meeting.join-admitted',
				'meeting.confidentiality-confirmed'
			])
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{ action: 'meeting.join-asked', actor_id: me.id },
			{ action: 'meeting.join-admitted', actor_id: fixture.people.chair },
			{ action: 'meeting.confidentiality-confirmed', actor_id: me.id }
		]);
	});
});

describe('the consent gate', () => {
	it.each([
		['consent in order', {}, 'opened', null],
		['withdrawn', { withdrawn_on: '2027-05-01' }, 'refused', 'the family has withdrawn consent'],
		[
			'signed more than 12 months before the meeting',
			{ signed_on: '2026-05-10' },
			'refused',
			'the consent was signed more than 12 months before the meeting: the consent must be renewed'
		],
		[
			'not covering this MAG',
			{ covers_mag: 0 },
			'refused',
			'the consent does not cover discussion at this MAG'
		],
		[
			'refused by the young person',
			{ young_person: 'no' as const },
			'refused',
			'the young person has not consented'
		]
	])(
		'%s: the gate is %s, and the check is recorded against the consent',
		async (_, change, result, reason) => {
			const { db } = database;
			const family = (await familyOfItem(db, fixture.items.fine))!;
			if (Object.keys(change).length > 0)
				await db.updateTable('consent').set(change).where('id', '=', family.consentId!).execute();
			const outcome = await checkConsentGate(db, meeting(), fixture.items.fine, chair(), TODAY, at);
			expect(outcome.opened).toBe(result === 'opened');
			expect(await gateState(db, fixture.meetingId, fixture.items.fine)).toMatchObject({
				state: result,
				reason
			});
			const check = await db.selectFrom('gate_check').selectAll().executeTakeFirstOrThrow();
			expect(check).toMatchObject({
				consent_id: family.consentId,
				checked_by: fixture.people.chair,
				checked_at: at.toISOString(),
				result
			});
			const audit = await db
				.selectFrom('audit_log')
				.select(['action', 'record_id', 'ip'])
				.where('action', 'like', 'consent-gate.%')
				.execute();
			expect(audit).toEqual([
				{ action: `consent-gate.${result}`, record_id: fixture.references.fine, ip: '192.0.2.1' }
			]);
		}
	);

	it('has nothing to open for an item that is not about a family', async () => {
		const result = await checkConsentGate(
			database.db,
			meeting(),
			fixture.items.advice,
			chair(),
			TODAY,
			at
		);
		expect(result).toEqual({ opened: false, reason: 'This item is not about a family' });
		expect(await database.db.selectFrom('gate_check').selectAll().execute()).toEqual([]);
	});

	it('an item deferred when the gate stays shut records that consent could not be confirmed', async () => {
		const { db } = database;
		const family = (await familyOfItem(db, fixture.items.fine))!;
		await db
			.updateTable('consent')
			.set({ withdrawn_on: '2027-05-01' })
			.where('id', '=', family.consentId!)
			.execute();
		expect(
			(await checkConsentGate(db, meeting(), fixture.items.fine, chair(), TODAY, at)).opened
		).toBe(false);
		const why = readDeferralReason(form({ deferReason: 'consent-not-confirmed' }));
		if (!why.ok) throw new Error(why.error);
		const next = fixture.laterMeetingIds[0]!;
		await decideItem(
			db,
			fixture.meetingId,
			fixture.items.fine,
			{ kind: 'defer', toMeetingId: next, toMeetingDate: '22 June 2027', reason: why.reason },
			chair(),
			at
		);
		expect(
			await db
				.selectFrom('item_deferral')
				.select(['submission_id', 'from_meeting_id', 'to_meeting_id', 'reason', 'deferred_by'])
				.execute()
		).toEqual([
			{
				submission_id: fixture.items.fine,
				from_meeting_id: fixture.meetingId,
				to_meeting_id: next,
				reason: 'consent-not-confirmed',
				deferred_by: fixture.people.chair
			}
		]);
	});

	it.each([
		['nothing chosen', {}],
		['an empty choice', { deferReason: '' }],
		['"not recorded", which is only for old deferrals', { deferReason: 'not-recorded' }],
		['a made-up reason', { deferReason: 'chair-busy' }]
	])('a deferral with %s is refused with a message for the field', (_, fields) => {
		expect(readDeferralReason(form(fields))).toEqual({
			ok: false,
			error: 'Choose why the item is deferred'
		});
	});
});

describe('outcomes', () => {
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

	it('a new CAF cannot be concluded without a lead professional, and each need needs its support', async () => {
		const read = await readOutcomeForm(database.db, form({ note: 'Agreed' }), {
			meetingId: fixture.meetingId,
			communityId: fixture.communityId,
			today: TODAY,
			asAdvice: false,
			part: 2,
			needIds: [1],
			leadProfessionalChoices: [fixture.people.leadProfessional],
			reviewMeetingIds: fixture.laterMeetingIds
		});
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({
			'support-1': 'Enter the support agreed for this need',
			leadProfessional: 'Choose the lead professional: a new CAF cannot be concluded without one',
			nextReview: 'Choose the meeting for the next review'
		});
		expect(read.values.note).toBe('Agreed');
	});

	it.each([
		['nothing chosen', undefined, 'Choose the family’s level of need now'],
		['a level the council does not use', '5', 'Choose the family’s level of need now'],
		['level 3a', '3a', null]
	])('a review outcome with %s for the level of need now', async (_, level, message) => {
		const fields: Record<string, string> = { decision: 'closed-needs-met' };
		if (level !== undefined) fields.levelOfNeed = level;
		const read = await readOutcomeForm(database.db, form(fields), {
			meetingId: fixture.meetingId,
			communityId: fixture.communityId,
			today: TODAY,
			asAdvice: false,
			part: 3,
			needIds: [],
			leadProfessionalChoices: [],
			reviewMeetingIds: fixture.laterMeetingIds
		});
		expect(read.errors.levelOfNeed ?? null).toBe(message);
		expect(read.input).toEqual(
			message
				? null
				: {
						kind: 'closed-needs-met',
						part: 3,
						note: '',
						needStatuses: {},
						nextReviewMeetingId: null,
						levelOfNeed: '3a'
					}
		);
		if (level !== undefined) expect(read.values.levelOfNeed).toBe(level);
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

	it.each(['toString', 'constructor', 'nonsense', ''])(
		'refuses "%s" as the outcome of an advice item',
		async (kind) => {
			const read = await readOutcomeForm(database.db, form({ kind, note: 'x' }), {
				meetingId: fixture.meetingId,
				communityId: fixture.communityId,
				today: TODAY,
				asAdvice: false,
				part: 1,
				needIds: [],
				leadProfessionalChoices: [],
				reviewMeetingIds: []
			});
			expect(read.input).toBeNull();
			expect(read.errors.kind).toBe('Choose the outcome');
		}
	);

	const outcomeContext = (part: 1 | 2 | 3 | 4, asAdvice = false) => ({
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		today: TODAY,
		asAdvice,
		part,
		needIds: part === 2 ? [1] : [],
		leadProfessionalChoices: [fixture.people.leadProfessional],
		reviewMeetingIds: fixture.laterMeetingIds
	});

	it.each<[string, 1 | 2 | 3 | 4, boolean, Record<string, string>, Record<string, string>]>([
		[
			'advice whose note has an email address in it',
			1,
			false,
			{ kind: 'advice-given', note: 'Mum reads jo[at]example[dot]org' },
			{
				note: 'Advice requests must be anonymous: remove the email address (jo[at]example[dot]org).'
			}
		],
		[
			'advice whose note has a full date in it, as the request may not',
			1,
			false,
			{ kind: 'advice-given', note: 'Bring it back on 8 June 2027' },
			{ note: expect.stringContaining('remove the full date (8 June 2027)') }
		],
		[
			'a community issue whose response names a postcode',
			4,
			false,
			{ note: 'Patrols round HR4 9 AB' },
			{
				note:
					'Community issues must be anonymous: remove the postcode (HR4 9 AB). ' +
					'Describe the area instead, for example “north Leominster”.'
			}
		],
		[
			'a family item taken as advice, with a phone number in the note',
			2,
			true,
			{ kind: 'advice-given', note: 'Mum on 07700 900 123' },
			{ note: 'Advice requests must be anonymous: remove the phone number (07700 900 123).' }
		],
		[
			'a single-agency response whose agency carries a phone number',
			1,
			false,
			{ kind: 'single-agency', agency: 'Housing, 0 1 4 3 2 2 6 0 0 0 0' },
			{
				agency:
					'Advice requests must be anonymous: remove the phone number (0 1 4 3 2 2 6 0 0 0 0).'
			}
		],
		[
			'an agency of more than 120 characters',
			1,
			false,
			{ kind: 'single-agency', agency: 'a'.repeat(121) },
			{ agency: 'The agency must be 120 characters or fewer' }
		],
		[
			'a note of more than 2000 characters',
			4,
			false,
			{ note: 'a'.repeat(2001) },
			{ note: 'The note must be 2000 characters or fewer' }
		],
		[
			'support agreed of more than 500 characters',
			2,
			false,
			{
				'support-1': 'a'.repeat(501),
				leadProfessional: 'LEAD',
				nextReview: 'NEXT'
			},
			{ 'support-1': 'Support agreed must be 500 characters or fewer' }
		]
	])('refuses %s, keeping what was typed', async (_, part, asAdvice, typed, errors) => {
		const fields = { ...typed };
		if (fields.leadProfessional) fields.leadProfessional = String(fixture.people.leadProfessional);
		if (fields.nextReview) fields.nextReview = String(fixture.laterMeetingIds[0]);
		const read = await readOutcomeForm(database.db, form(fields), outcomeContext(part, asAdvice));
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(errors);
		for (const [name, value] of Object.entries(fields)) expect(read.values[name]).toBe(value);
	});

	it("does not screen a new CAF's note: only those the consent gate opened for read it", async () => {
		const read = await readOutcomeForm(
			database.db,
			form({
				note: 'Mum, on 07700 900123, agreed the plan on 12/05/2027',
				'support-1': 'Family support worker weekly',
				leadProfessional: String(fixture.people.leadProfessional),
				nextReview: String(fixture.laterMeetingIds[0])
			}),
			outcomeContext(2)
		);
		expect(read.errors).toEqual({});
		expect(read.input).toMatchObject({
			note: 'Mum, on 07700 900123, agreed the plan on 12/05/2027'
		});
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
			{
				meetingId: fixture.meetingId,
				communityId: fixture.communityId,
				today: TODAY,
				asAdvice: false,
				part: 1,
				needIds: [],
				leadProfessionalChoices: [],
				reviewMeetingIds: []
			}
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

describe('actions', () => {
	const context = () => ({
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		today: TODAY
	});
	const valid = () => ({
		'action-description': 'Visit the family',
		'action-owner': `member:${fixture.people.confirmedMember}`,
		'action-due-day': '12',
		'action-due-month': '5',
		'action-due-year': '2027'
	});

	it.each([
		[
			'no description',
			{ 'action-description': '' },
			'action-description',
			'Enter what needs to be done'
		],
		['no owner', { 'action-owner': '' }, 'action-owner', 'Choose who will do this'],
		[
			'an owner from outside the community',
			{ 'action-owner': 'member:NONMEMBER' },
			'action-owner',
			'Choose who will do this'
		],
		[
			'someone else without an agency',
			{ 'action-owner': 'other', 'action-ownerName': 'Ann Lee' },
			'action-ownerAgency',
			'Enter the agency of the person who will do this'
		],
		['due today', { 'action-due-day': '11' }, 'action-due', 'The due date must be in the future'],
		[
			'due in the past',
			{ 'action-due-year': '2026' },
			'action-due',
			'The due date must be in the future'
		],
		[
			'not a real date',
			{ 'action-due-day': '31', 'action-due-month': '2' },
			'action-due',
			expect.stringContaining('real date')
		]
	])('refuses %s with a message by the field', async (_, change, field, message) => {
		const fields: Record<string, string> = { ...valid(), ...change };
		if (fields['action-owner'] === 'member:NONMEMBER')
			fields['action-owner'] = `member:${fixture.people.nonMember}`;
		const read = await readActionForm(database.db, form(fields), context());
		expect(read.input).toBeNull();
		expect(read.errors[field]).toEqual(message);
		expect(read.values['action-description']).toBe(fields['action-description']);
	});

	it.each([
		[
			'a spaced phone number in what is to be done',
			{ 'action-description': 'Ring mum on 0 7 7 0 0 9 0 0 1 2 3' },
			'action-description',
			'Actions must be anonymous: remove the phone number (0 7 7 0 0 9 0 0 1 2 3).'
		],
		[
			'an NHS number written with a letter l for a one',
			{ 'action-description': 'GP to check 943 476 59l9' },
			'action-description',
			'Actions must be anonymous: remove the NHS number (943 476 59l9).'
		],
		[
			'a date of birth',
			{ 'action-description': 'Book the health check, DOB 12/03/2015' },
			'action-description',
			'Actions must be anonymous: remove the possible date of birth (12/03/2015). ' +
				'Give an age or a month and year instead, for example “aged 7” or “March 2015”.'
		],
		[
			'more than 300 characters',
			{ 'action-description': 'a'.repeat(301) },
			'action-description',
			'What needs to be done must be 300 characters or fewer'
		],
		[
			'someone outside the meeting whose name carries an email address',
			{
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee, ann.lee at foodbank dot org',
				'action-ownerAgency': 'Food bank'
			},
			'action-ownerName',
			'Actions must be anonymous: remove the email address (ann.lee at foodbank dot org).'
		],
		[
			'someone outside the meeting whose agency carries a phone number',
			{
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee',
				'action-ownerAgency': 'Food bank (01432) 260000'
			},
			'action-ownerAgency',
			'Actions must be anonymous: remove the phone number ((01432) 260000).'
		],
		[
			'a name of more than 120 characters',
			{
				'action-owner': 'other',
				'action-ownerName': 'a'.repeat(121),
				'action-ownerAgency': 'Food bank'
			},
			'action-ownerName',
			'Their name must be 120 characters or fewer'
		],
		[
			'an agency of more than 120 characters',
			{
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee',
				'action-ownerAgency': 'a'.repeat(121)
			},
			'action-ownerAgency',
			'Their agency must be 120 characters or fewer'
		]
	])('refuses %s, keeping every field as typed', async (_, change, field, message) => {
		const fields: Record<string, string> = { ...valid(), ...change };
		const read = await readActionForm(database.db, form(fields), context());
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({ [field]: message });
		for (const [name, value] of Object.entries(fields)) expect(read.values[name]).toBe(value);
	});

	it('takes the dates of the work itself, such as the meeting it is to be done by', async () => {
		const read = await readActionForm(
			database.db,
			form({ ...valid(), 'action-description': 'Book the TAC meeting for 12/06/2027' }),
			context()
		);
		expect(read.errors).toEqual({});
		expect(read.input?.description).toBe('Book the TAC meeting for 12/06/2027');
	});

	it('accepts a person outside the meeting named with their agency', async () => {
		const read = await readActionForm(
			database.db,
			form({
				...valid(),
				'action-owner': 'other',
				'action-ownerName': 'Ann Lee',
				'action-ownerAgency': 'Food bank'
			}),
			context()
		);
		expect(read.input).toEqual({
			description: 'Visit the family',
			ownerId: null,
			ownerName: 'Ann Lee',
			ownerAgency: 'Food bank',
			dueDate: '2027-05-12'
		});
		await addAction(
			database.db,
			{
				communityId: fixture.communityId,
				meetingId: fixture.meetingId,
				submissionId: fixture.items.issue,
				caseId: null
			},
			read.input!,
			chair(),
			at
		);
		expect(await database.db.selectFrom('action').select('owner_name').execute()).toEqual([
			{ owner_name: 'Ann Lee' }
		]);
	});
});

describe('an action posted twice', () => {
	const context = () => ({
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		today: TODAY
	});
	const onTheIssue = () => ({
		communityId: fixture.communityId,
		meetingId: fixture.meetingId,
		submissionId: fixture.items.issue,
		caseId: null
	});
	/** The room's form as the browser sends it, the page's key in its hidden field. */
	const post = (key: string) =>
		form({
			item: String(fixture.items.issue),
			formKey: key,
			'action-description': 'Write to the council about the bus stop',
			'action-owner': `member:${fixture.people.confirmedMember}`,
			'action-due-day': '12',
			'action-due-month': '5',
			'action-due-year': '2027'
		});
	async function send(body: FormData) {
		const read = await readActionForm(database.db, body, context());
		return addAction(database.db, onTheIssue(), read.input!, chair(), at, formKeyField(body));
	}
	const stored = () =>
		database.db.selectFrom('action').select(['id', 'description']).orderBy('id').execute();
	const audited = async () =>
		(
			await database.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', '=', 'action.created')
				.execute()
		).length;

	it('with the same key (a retry, a double click) is added once, and answers with the first action', async () => {
		const key = newFormKey();
		const first = await send(post(key));

		expect(await send(post(key))).toBe(first);

		expect(await stored()).toEqual([
			{ id: first, description: 'Write to the council about the bus stop' }
		]);
		expect(await audited()).toBe(1);
	});

	it('with a new key each time (the form as the page draws it again) is added twice', async () => {
		const first = await send(post(newFormKey()));
		const second = await send(post(newFormKey()));

		expect(second).not.toBe(first);
		expect((await stored()).map((a) => a.id)).toEqual([first, second]);
		expect(await audited()).toBe(2);
	});

	it('with the same key on another item is another action', async () => {
		const key = newFormKey();
		await send(post(key));
		const read = await readActionForm(database.db, post(key), context());
		await addAction(
			database.db,
			{ ...onTheIssue(), submissionId: fixture.items.advice },
			read.input!,
			chair(),
			at,
			key
		);
		expect(await stored()).toHaveLength(2);
	});

	it('without a key, or with one the server did not make, is added each time as before', async () => {
		for (const key of ['', 'not-a-key', '<script>'.repeat(3)]) await send(post(key));
		expect(await stored()).toHaveLength(3);
		expect(await database.db.selectFrom('form_submission').selectAll().execute()).toEqual([]);
	});
});

describe('starting and concluding', () => {
	it('starts on the first item, follows the chair, and concludes only when every item has an outcome or has gone', async () => {
		const { db } = database;
		expect(await startMeeting(db, fixture.meetingId, chair(), at)).toBe(true);
		const started = await db
			.selectFrom('meeting')
			.select(['status', 'current_item_id'])
			.where('id', '=', fixture.meetingId)
			.executeTakeFirstOrThrow();
		expect(started).toEqual({ status: 'in-progress', current_item_id: fixture.items.advice });
		expect(await takeItem(db, fixture.meetingId, fixture.items.issue, at)).toBe(true);

		expect(await concludeMeeting(db, fixture.meetingId, chair(), at)).toEqual({
			ok: false,
			missing: 5
		});
		const base = {
			meetingId: fixture.meetingId,
			meetingDate: MEETING_DATE,
			communityId: fixture.communityId,
			caseId: null
		};
		const advice: OutcomeInput = {
			kind: 'advice-given',
			note: 'Try the school nurse',
			agency: null,
			offer: null,
			takenAsAdvice: false
		};
		await saveOutcome(db, { ...base, submissionId: fixture.items.advice }, advice, 0, chair(), at);
		await saveOutcome(
			db,
			{ ...base, submissionId: fixture.items.issue },
			{ kind: 'agreed', part: 4, note: 'Joint letter' },
			0,
			chair(),
			at
		);
		await saveOutcome(
			db,
			{ ...base, submissionId: fixture.items.withdrawn },
			{ ...advice, takenAsAdvice: true },
			0,
			chair(),
			at
		);
		expect(await concludeMeeting(db, fixture.meetingId, chair(), at)).toEqual({
			ok: false,
			missing: 2
		});
		await db
			.updateTable('submission')
			.set({ status: 'deferred', meeting_id: fixture.laterMeetingIds[0]! })
			.where('id', 'in', [fixture.items.fine, fixture.items.unchecked])
			.execute();
		expect(await concludeMeeting(db, fixture.meetingId, chair(), at)).toEqual({ ok: true });
		const concluded = await db
			.selectFrom('meeting')
			.select(['status', 'concluded_at'])
			.where('id', '=', fixture.meetingId)
			.executeTakeFirstOrThrow();
		expect(concluded).toEqual({ status: 'concluded', concluded_at: at.toISOString() });
	});
});
