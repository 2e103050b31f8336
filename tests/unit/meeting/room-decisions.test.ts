import { describe, expect, it } from 'vitest';
import { confirmConfidentiality } from '$lib/server/meeting/attendance';
import { checkConsentGate, familyOfItem } from '$lib/server/meeting/consent-gate';
import {
	addActionInRoom,
	deferFromRoom,
	openGateInRoom,
	reviewOverdueAction,
	saveOutcomeFromRoom,
	withdrawFromRoom
} from '$lib/server/meeting/room-decisions';
import { MEETING_DATE, TODAY, chair, database, fixture } from '../meeting-fixture';
import { takeItemAfterReview } from '$lib/server/meeting/room-start-and-close';
import { at, form, useRoomFixture } from './room-fixture';

useRoomFixture();

const coordinator = () => ({ id: fixture.people.coordinator, ip: null });
const meeting = () => ({
	id: fixture.meetingId,
	communityId: fixture.communityId,
	date: MEETING_DATE
});

/** The chair, keeping the register, agrees the statement and so is in the room. */
const chairAgrees = () =>
	confirmConfidentiality(database.db, fixture.meetingId, { ...chair(), organiser: true }, at);

async function openGate(item: number) {
	return checkConsentGate(database.db, meeting(), item, chair(), TODAY, at);
}

/** A new CAF's outcome as the room's form posts it, every field filled in. */
async function newCafOutcome(item: number, fields: Record<string, string> = {}) {
	const family = (await familyOfItem(database.db, item))!;
	const needs = await database.db
		.selectFrom('need')
		.select('id')
		.where('case_id', '=', family.caseId)
		.execute();
	const support = Object.fromEntries(needs.map((n) => [`support-${n.id}`, 'Speech therapy']));
	return form({
		item: String(item),
		version: '0',
		note: 'Grandmother helps with the school run',
		...support,
		leadProfessional: `member:${fixture.people.leadProfessional}`,
		nextReview: String(fixture.laterMeetingIds[1]),
		...fields
	});
}

/** What an outcome leaves behind: the outcome, its actions and its audit entry. */
async function written() {
	const { db } = database;
	return {
		outcomes: await db.selectFrom('outcome').select('submission_id').execute(),
		actions: await db.selectFrom('action').select('id').execute(),
		audited: await db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'outcome.recorded')
			.execute()
	};
}
const nothing = { outcomes: [], actions: [], audited: [] };

describe('recording an outcome in the room', () => {
	it('refuses an outcome for a family posted while the gate is shut, writing nothing', async () => {
		await chairAgrees();
		const answer = await saveOutcomeFromRoom(
			database.db,
			meeting(),
			fixture.items.fine,
			await newCafOutcome(fixture.items.fine),
			chair(),
			TODAY
		);
		expect(answer).toEqual({ done: false, refused: 'gate-shut' });
		expect(await written()).toEqual(nothing);
	});

	it('refuses it too once the gate is refused, unless the item is taken as advice', async () => {
		await chairAgrees();
		expect((await openGate(fixture.items.withdrawn)).opened).toBe(false);
		const answer = await saveOutcomeFromRoom(
			database.db,
			meeting(),
			fixture.items.withdrawn,
			await newCafOutcome(fixture.items.withdrawn),
			chair(),
			TODAY
		);
		expect(answer).toEqual({ done: false, refused: 'gate-shut' });
		expect(await written()).toEqual(nothing);
	});

	it('refuses an organiser who has not agreed the confidentiality statement, writing nothing', async () => {
		await openGate(fixture.items.fine);
		const answer = await saveOutcomeFromRoom(
			database.db,
			meeting(),
			fixture.items.fine,
			await newCafOutcome(fixture.items.fine),
			coordinator(),
			TODAY
		);
		expect(answer).toEqual({ done: false, refused: 'not-agreed' });
		expect(await written()).toEqual(nothing);
	});

	it('records the family’s outcome through the open gate for an organiser who agreed', async () => {
		const { db } = database;
		await openGate(fixture.items.fine);
		// A coordinator keeps the register too, so agreeing records them present.
		await confirmConfidentiality(db, fixture.meetingId, { ...coordinator(), organiser: true }, at);
		const answer = await saveOutcomeFromRoom(
			db,
			meeting(),
			fixture.items.fine,
			await newCafOutcome(fixture.items.fine),
			coordinator(),
			TODAY
		);
		expect(answer).toEqual({ done: true, version: 1 });
		const caseId = (await familyOfItem(db, fixture.items.fine))!.caseId;
		expect(
			await db
				.selectFrom('family_case')
				.select(['lead_professional_id', 'next_review_meeting_id'])
				.where('id', '=', caseId)
				.executeTakeFirstOrThrow()
		).toEqual({
			lead_professional_id: fixture.people.leadProfessional,
			next_review_meeting_id: fixture.laterMeetingIds[1]
		});
	});

	it('refuses a family item taken as advice once its gate is open', async () => {
		await chairAgrees();
		await openGate(fixture.items.fine);
		const answer = await saveOutcomeFromRoom(
			database.db,
			meeting(),
			fixture.items.fine,
			form({ item: String(fixture.items.fine), asAdvice: 'yes', kind: 'advice-given', note: 'x' }),
			chair(),
			TODAY
		);
		expect(answer).toEqual({ done: false, refused: 'advice-while-gate-open' });
		expect(await written()).toEqual(nothing);
	});

	it('takes a refused item anonymously as advice, with no case, from an organiser not yet agreed', async () => {
		const { db } = database;
		await openGate(fixture.items.withdrawn);
		const answer = await saveOutcomeFromRoom(
			db,
			meeting(),
			fixture.items.withdrawn,
			form({
				item: String(fixture.items.withdrawn),
				version: '0',
				asAdvice: 'yes',
				kind: 'advice-given',
				note: 'Try the school nurse'
			}),
			coordinator(),
			TODAY
		);
		expect(answer).toEqual({ done: true, version: 1 });
		expect(await db.selectFrom('outcome').select(['kind', 'taken_as_advice']).execute()).toEqual([
			{ kind: 'advice-given', taken_as_advice: 1 }
		]);
	});

	it('screens the note of an item taken as advice, sending back what was typed', async () => {
		await openGate(fixture.items.withdrawn);
		const answer = await saveOutcomeFromRoom(
			database.db,
			meeting(),
			fixture.items.withdrawn,
			form({
				item: String(fixture.items.withdrawn),
				asAdvice: 'yes',
				kind: 'advice-given',
				note: 'Mum on 07700 900 123'
			}),
			chair(),
			TODAY
		);
		expect(answer).toEqual({
			done: false,
			values: expect.objectContaining({ note: 'Mum on 07700 900 123' }),
			errors: {
				note: 'Advice requests must be anonymous: remove the phone number (07700 900 123).'
			}
		});
		expect(await written()).toEqual(nothing);
	});

	it('sends back a save made from an older version, keeping the text, and writes nothing more', async () => {
		const post = (note: string, version: string) =>
			form({ item: String(fixture.items.issue), version, note });
		const save = (body: FormData) =>
			saveOutcomeFromRoom(database.db, meeting(), fixture.items.issue, body, chair(), TODAY);
		expect(await save(post('Joint letter to the school', '0'))).toEqual({
			done: true,
			version: 1
		});
		expect(await save(post('Patrols at the gates', '0'))).toEqual({
			done: false,
			conflict: true,
			values: expect.objectContaining({ note: 'Patrols at the gates' }),
			errors: { note: expect.stringContaining('Someone else saved this item’s outcome') }
		});
		expect(await database.db.selectFrom('outcome').select(['note', 'version']).execute()).toEqual([
			{ note: 'Joint letter to the school', version: 1 }
		]);
	});

	it('refuses an item that is not on this agenda', async () => {
		expect(
			await saveOutcomeFromRoom(database.db, meeting(), 9999, form({ note: 'x' }), chair(), TODAY)
		).toEqual({ done: false, refused: 'not-on-agenda' });
	});
});

describe('adding an action in the room', () => {
	const post = (item: number) =>
		form({
			item: String(item),
			'action-description': 'Visit the family at home',
			'action-owner': `member:${fixture.people.confirmedMember}`,
			'action-due-day': '1',
			'action-due-month': '6',
			'action-due-year': '2027'
		});
	const add = (item: number) =>
		addActionInRoom(database.db, meeting(), item, post(item), chair(), TODAY, null);

	it('follows the case when the family was discussed through the open gate', async () => {
		await openGate(fixture.items.fine);
		const caseId = (await familyOfItem(database.db, fixture.items.fine))!.caseId;
		expect(await add(fixture.items.fine)).toEqual({ done: true, actionId: expect.any(Number) });
		expect(await database.db.selectFrom('action').select('case_id').execute()).toEqual([
			{ case_id: caseId }
		]);
	});

	it('carries no case for an anonymous item, or a family item whose gate did not open', async () => {
		await openGate(fixture.items.withdrawn);
		await add(fixture.items.issue);
		await add(fixture.items.withdrawn);
		expect(await database.db.selectFrom('action').select('case_id').execute()).toEqual([
			{ case_id: null },
			{ case_id: null }
		]);
	});

	it('sends back a form with a fault, keeping what was typed', async () => {
		const body = post(fixture.items.issue);
		body.set('action-description', '');
		expect(
			await addActionInRoom(database.db, meeting(), fixture.items.issue, body, chair(), TODAY, null)
		).toEqual({
			done: false,
			values: expect.objectContaining({ 'action-description': '' }),
			errors: { 'action-description': 'Enter what needs to be done' }
		});
		expect(await database.db.selectFrom('action').select('id').execute()).toEqual([]);
	});
});

describe('the item on screen and its gate', () => {
	it('takes only an item on this agenda', async () => {
		expect(await takeItemAfterReview(database.db, meeting(), fixture.items.issue, TODAY)).toEqual({
			done: true
		});
		expect(await takeItemAfterReview(database.db, meeting(), 9999, TODAY)).toEqual({
			done: false,
			refused: 'not-on-agenda'
		});
	});

	it('opens the gate only for a chair who agreed the statement, recording no check before', async () => {
		const { db } = database;
		const open = () => openGateInRoom(db, meeting(), fixture.items.fine, chair(), TODAY);
		expect(await open()).toEqual({ done: false, refused: 'chair-not-agreed' });
		expect(await db.selectFrom('gate_check').select('id').execute()).toEqual([]);
		await chairAgrees();
		expect(await openGateInRoom(db, meeting(), 9999, chair(), TODAY)).toEqual({
			done: false,
			refused: 'not-on-agenda'
		});
		expect(await open()).toEqual({ done: true, opened: true });
		expect(await openGateInRoom(db, meeting(), fixture.items.withdrawn, chair(), TODAY)).toEqual({
			done: true,
			opened: false,
			reason: 'the family has withdrawn consent'
		});
	});

	it.each([
		['an anonymous item', 'issue', false, 'not-a-family-item'],
		['a family item whose gate is open', 'fine', true, 'gate-open']
	] as const)('does not withdraw %s', async (_, which, open, refusal) => {
		if (open) await openGate(fixture.items[which]);
		expect(
			await withdrawFromRoom(database.db, fixture.meetingId, fixture.items[which], chair())
		).toEqual({ done: false, refused: refusal });
		expect(
			await database.db
				.selectFrom('submission')
				.select('status')
				.where('id', '=', fixture.items[which])
				.executeTakeFirstOrThrow()
		).toEqual({ status: 'accepted' });
	});

	it('withdraws a family item whose gate is shut or refused', async () => {
		await openGate(fixture.items.withdrawn);
		for (const item of [fixture.items.withdrawn, fixture.items.unchecked])
			expect(await withdrawFromRoom(database.db, fixture.meetingId, item, chair())).toEqual({
				done: true
			});
		expect(
			await database.db
				.selectFrom('submission')
				.select('status')
				.where('id', 'in', [fixture.items.withdrawn, fixture.items.unchecked])
				.execute()
		).toEqual([{ status: 'withdrawn' }, { status: 'withdrawn' }]);
	});

	it('defers to the next meeting with a reason chosen, and only while there is one', async () => {
		const { db } = database;
		const defer = (fields: Record<string, string>) =>
			deferFromRoom(db, meeting(), fixture.items.unchecked, form(fields), chair(), TODAY);
		expect(await defer({})).toEqual({
			done: false,
			errors: { deferReason: 'Choose why the item is deferred' }
		});
		expect(await defer({ deferReason: 'out-of-time' })).toEqual({
			done: true,
			toMeetingDate: expect.stringContaining('22 June 2027')
		});
		await db
			.updateTable('meeting')
			.set({ status: 'cancelled' })
			.where('id', 'in', fixture.laterMeetingIds)
			.execute();
		expect(
			await deferFromRoom(
				db,
				meeting(),
				fixture.items.fine,
				form({ deferReason: 'out-of-time' }),
				chair(),
				TODAY
			)
		).toEqual({ done: false, refused: 'no-later-meeting' });
	});
});

describe('the actions review', () => {
	it('sends back a decision not chosen, and refuses an action that is not overdue', async () => {
		const { db } = database;
		const review = (fields: Record<string, string>, actionId: number) =>
			reviewOverdueAction(db, meeting(), actionId, form(fields), chair(), TODAY, null);
		expect(await review({}, 1)).toEqual({
			done: false,
			values: expect.any(Object),
			errors: { 'review-1-decision': 'Choose whether to extend, reassign or close the action' }
		});
		expect(await review({ 'review-1-decision': 'closed', 'review-1-reason': 'Done' }, 1)).toEqual({
			done: false,
			refused: 'already-reviewed'
		});
	});
});
