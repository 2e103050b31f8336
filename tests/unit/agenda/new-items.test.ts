import { beforeAll, describe, expect, it } from 'vitest';
import { newFormKey } from '$lib/server/http/form-keys';
import {
	caseForReview,
	chooseReviewCase,
	reviewableCaseFor,
	reviewChoicesFor,
	submitItem,
	submitReview,
	type Bringer
} from '$lib/server/agenda/new-items';
import {
	ADVICE,
	caseLedBy,
	communityId,
	database,
	formOf,
	ISSUE,
	openMeetingId,
	someoneElse,
	submitter,
	useItemFixture
} from './item-fixture';
import { cafForm, MEETING, TODAY } from './new-caf-fixture';

useItemFixture();

const bringer = (userId = submitter.id, late = false): Bringer => ({
	userId,
	late,
	meeting: { id: openMeetingId, date: MEETING, communityId, communityName: 'Bromyard' }
});

async function stored(submissionId: number) {
	return database.db
		.selectFrom('submission')
		.innerJoin('user', 'user.id', 'submission.submitted_by')
		.select(['submission.part', 'submission.late', 'submission.agency_id', 'user.agency_id as own'])
		.where('submission.id', '=', submissionId)
		.executeTakeFirstOrThrow();
}

describe('bringing an anonymous item', () => {
	it('adds a community issue on behalf of the person’s agency, marked late if it is', async () => {
		const answer = await submitItem(
			database.db,
			bringer(submitter.id, true),
			4,
			formOf(ISSUE),
			null
		);
		if (!answer.ok) throw new Error(JSON.stringify(answer.data.errors));
		const item = await stored(answer.submissionId);
		expect(item).toMatchObject({ part: 4, late: 1 });
		expect(item.agency_id).toBe(item.own);
	});

	it('refuses an advice request that identifies the family, keeping what was typed', async () => {
		const answer = await submitItem(
			database.db,
			bringer(),
			1,
			formOf({ ...ADVICE, worry: 'Lives at HR6 8AB' }),
			null
		);
		expect(answer).toMatchObject({
			ok: false,
			data: {
				values: { worry: 'Lives at HR6 8AB' },
				errors: { worry: expect.stringContaining('HR6 8AB') }
			}
		});
	});

	it('sent twice with the same key adds one item', async () => {
		const form = formOf({ ...ADVICE, formKey: newFormKey() });
		const first = await submitItem(database.db, bringer(), 1, form, null);
		expect(await submitItem(database.db, bringer(), 1, form, null)).toEqual(first);
	});
});

describe('bringing a new CAF', () => {
	it('opens a case numbered in the year of the meeting', async () => {
		const answer = await submitItem(database.db, bringer(), 2, cafForm(), null, TODAY);
		if (!answer.ok) throw new Error(JSON.stringify(answer.data.errors));
		const familyCase = await database.db
			.selectFrom('new_caf')
			.innerJoin('family_case', 'family_case.id', 'new_caf.case_id')
			.select('family_case.reference')
			.where('new_caf.submission_id', '=', answer.submissionId)
			.executeTakeFirstOrThrow();
		expect(familyCase.reference).toMatch(/^BRO-2027-\d{3}$/);
		expect((await stored(answer.submissionId)).part).toBe(2);
	});

	it('refuses consent that does not allow part 2, offering part 1', async () => {
		const answer = await submitItem(
			database.db,
			bringer(),
			2,
			cafForm({ youngPerson: 'no' }),
			null,
			TODAY
		);
		expect(answer).toMatchObject({ ok: false, data: { consentRefused: true } });
	});
});

describe('bringing a review', () => {
	let led: Awaited<ReturnType<typeof caseLedBy>>;
	beforeAll(async () => {
		led = await caseLedBy(someoneElse.id);
	});

	it('offers the cases the person leads, and only those', async () => {
		const { offered } = await reviewChoicesFor(database.db, bringer(someoneElse.id));
		expect(offered.map((c) => c.reference)).toContain(led.reference);
		expect((await reviewChoicesFor(database.db, bringer())).offered).toEqual([]);
		expect(await reviewableCaseFor(database.db, bringer(), String(led.id))).toBeUndefined();
	});

	it('asks for a case the person may review', async () => {
		expect(await chooseReviewCase(database.db, bringer(someoneElse.id), formOf({}))).toEqual({
			ok: false,
			data: { values: {}, errors: { case: 'Choose the case you want to review' } }
		});
		expect(
			await chooseReviewCase(database.db, bringer(someoneElse.id), formOf({ case: String(led.id) }))
		).toEqual({ ok: true, caseId: led.id });
	});

	it('shows the lead professional the case’s needs, the read logged', async () => {
		const shown = await caseForReview(database.db, led.id, { id: someoneElse.id, ip: '192.0.2.4' });
		expect(shown?.needs.map((n) => n.description)).toEqual([
			'Attendance below 85%',
			'Support with routines'
		]);
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'detail'])
			.where('action', '=', 'family.viewed')
			.where('record_id', '=', led.reference)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(entry.actor_id).toBe(someoneElse.id);
		expect(JSON.parse(entry.detail!)).toEqual({ why: 'lead professional writing a review' });
		expect(
			await caseForReview(database.db, 999_999, { id: someoneElse.id, ip: '' })
		).toBeUndefined();
	});

	it('adds the review with each need’s status, or shows the form again', async () => {
		const refused = await submitReview(
			database.db,
			bringer(someoneElse.id),
			led.id,
			formOf({}),
			null
		);
		expect(refused).toMatchObject({
			ok: false,
			data: { errors: { 'need-1-status': 'Choose whether need 1 is met, partly met or not met' } }
		});
		const answer = await submitReview(
			database.db,
			bringer(someoneElse.id),
			led.id,
			formOf({
				'need-1-status': 'met',
				'need-1-progress': 'Attendance 95%',
				'need-2-status': 'not-met',
				'need-2-progress': 'No change yet'
			}),
			null
		);
		if (!answer.ok) throw new Error(JSON.stringify(answer.data.errors));
		expect((await stored(answer.submissionId)).part).toBe(3);
		const { offered, waiting } = await reviewChoicesFor(database.db, bringer(someoneElse.id));
		expect(offered.map((c) => c.id)).not.toContain(led.id);
		expect(waiting).toContainEqual(
			expect.objectContaining({ reference: led.reference, itemId: answer.submissionId })
		);
	});
});
