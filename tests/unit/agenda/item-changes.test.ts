import { describe, expect, it } from 'vitest';
import {
	changeItem,
	changeNewCaf,
	changeReview,
	withdrawItem
} from '$lib/server/agenda/item-changes';
import { staleSaveMessage } from '$lib/server/agenda/item-versions';
import { createReview } from '$lib/server/agenda/reviews';
import { createSubmission, type ItemContent } from '$lib/server/agenda/submissions';
import {
	ADVICE,
	caseLedBy,
	database,
	formOf,
	ISSUE,
	itemNumbered,
	laterMeetingId,
	openMeetingId,
	setMeetingStatus,
	someoneElse,
	submitter,
	useItemFixture
} from './item-fixture';
import { cafForm, TODAY } from './new-caf-fixture';

const PUBLISHED = 'This item can no longer be changed: the agenda has been published';

useItemFixture();

const actor = () => ({ id: submitter.id, ip: null });

async function anonymousItem(content: ItemContent, meetingId = openMeetingId) {
	const id = await createSubmission(
		database.db,
		{ meetingId, submittedBy: submitter.id, agencyId: null, late: false, content },
		null
	);
	return itemNumbered(id);
}

const issue = () => anonymousItem({ part: 4, issue: ISSUE });

describe('changing an advice request or community issue', () => {
	it('saves the change and says so', async () => {
		const item = await issue();
		const answer = await changeItem(
			database.db,
			item,
			formOf({ ...ISSUE, title: 'Drinking by the river', version: '0' }),
			actor()
		);
		expect(answer).toEqual({ saved: true });
		const content = (await itemNumbered(item.id)).content;
		expect(content?.part === 4 && content.issue.title).toBe('Drinking by the river');
	});

	it('shows the form again with what is wrong, keeping the version it was loaded with', async () => {
		const item = await issue();
		expect(
			await changeItem(database.db, item, formOf({ ...ISSUE, title: '', version: '0' }), actor())
		).toEqual({
			saved: false,
			status: 400,
			data: { values: { ...ISSUE, title: '', version: '0' }, errors: { title: 'Enter a title' } }
		});
	});

	it('refuses a save from a page loaded before the last, on the first field of text', async () => {
		const item = await issue();
		const form = formOf({ ...ISSUE, wanted: 'Typed in the other window', version: '0' });
		expect(
			await changeItem(database.db, item, formOf({ ...ISSUE, version: '0' }), actor())
		).toEqual({ saved: true });
		expect(await changeItem(database.db, item, form, actor())).toEqual({
			saved: false,
			status: 409,
			data: {
				values: { ...ISSUE, wanted: 'Typed in the other window', version: '0' },
				errors: { title: staleSaveMessage('item') }
			}
		});
		const advice = await anonymousItem({ part: 1, advice: ADVICE });
		const answer = await changeItem(database.db, advice, formOf({ ...ADVICE }), actor());
		expect(answer).toMatchObject({
			status: 409,
			data: { errors: { setting: staleSaveMessage('item') } }
		});
	});

	it('is too late once the agenda is published, and for an item with no text of its own', async () => {
		const late = await anonymousItem({ part: 4, issue: ISSUE }, laterMeetingId);
		const caf = await caseLedBy(someoneElse.id, laterMeetingId);
		await setMeetingStatus(laterMeetingId, 'agenda-published');
		const form = formOf({ ...ISSUE, version: '0' });
		expect(await changeItem(database.db, await itemNumbered(late.id), form, actor())).toEqual({
			saved: false,
			closed: PUBLISHED
		});
		expect((await itemNumbered(late.id)).version).toBe(0);
		const open = await caseLedBy(someoneElse.id);
		expect(
			await changeItem(database.db, await itemNumbered(open.submissionId), form, actor())
		).toEqual({ saved: false, closed: 'This item cannot be changed here' });
		expect(
			await changeNewCaf(
				database.db,
				await itemNumbered(caf.submissionId),
				cafForm(),
				actor(),
				TODAY
			)
		).toEqual({ saved: false, closed: PUBLISHED });
		await setMeetingStatus(laterMeetingId, 'agenda-open');
	});
});

describe('changing a new CAF', () => {
	it('saves the change, and refuses one from a page loaded before it', async () => {
		const { submissionId } = await caseLedBy(someoneElse.id);
		const item = await itemNumbered(submissionId);
		const form = cafForm({ 'member-1-name': 'Riley Sample', version: '0' });
		expect(await changeNewCaf(database.db, item, form, actor(), TODAY)).toEqual({ saved: true });
		const again = await changeNewCaf(database.db, item, form, actor(), TODAY);
		expect(again).toMatchObject({
			saved: false,
			status: 409,
			data: { errors: { 'member-1-name': staleSaveMessage('item') } }
		});
		expect(!again.saved && 'data' in again && again.data.values['member-1-name']).toBe(
			'Riley Sample'
		);
	});

	it('refuses consent that no longer allows part 2, offering part 1', async () => {
		const item = await itemNumbered((await caseLedBy(someoneElse.id)).submissionId);
		const answer = await changeNewCaf(
			database.db,
			item,
			cafForm({ coversMag: null, version: '0' }),
			actor(),
			TODAY
		);
		expect(answer).toMatchObject({ saved: false, status: 400, data: { consentRefused: true } });
	});

	it('is for new CAFs only', async () => {
		expect(await changeNewCaf(database.db, await issue(), cafForm(), actor(), TODAY)).toEqual({
			saved: false,
			closed: 'Only a new CAF is changed with this form'
		});
	});
});

describe('changing a review', () => {
	async function review(meetingId = openMeetingId) {
		const familyCase = await caseLedBy(submitter.id);
		const needs = await database.db
			.selectFrom('need')
			.select('id')
			.where('case_id', '=', familyCase.id)
			.orderBy('id')
			.execute();
		const created = await createReview(
			database.db,
			{ meetingId, caseId: familyCase.id, submittedBy: submitter.id, agencyId: null, late: false },
			{
				stuck: false,
				needs: needs.map((n) => ({ needId: n.id, status: 'not-met' as const, progress: 'Started' }))
			},
			null
		);
		return itemNumbered(created.submissionId);
	}

	const answers = {
		'need-1-status': 'met',
		'need-1-progress': 'Attendance 95%',
		'need-2-status': 'partly-met',
		'need-2-progress': 'Routines better'
	};

	it('saves each need’s status and progress, and refuses a save from an older page', async () => {
		const item = await review();
		const form = formOf({ ...answers, version: '0' });
		expect(await changeReview(database.db, item, form, actor())).toEqual({ saved: true });
		expect(await changeReview(database.db, item, form, actor())).toEqual({
			saved: false,
			status: 409,
			data: {
				values: {
					stuck: '',
					'family-view': '',
					'need-1-score': '',
					'need-2-score': '',
					...answers,
					version: '0'
				},
				errors: { 'need-1-progress': staleSaveMessage('review') }
			}
		});
	});

	it('shows the form again with what is missing', async () => {
		const item = await review();
		const answer = await changeReview(
			database.db,
			item,
			formOf({ ...answers, 'need-2-progress': '', version: '0' }),
			actor()
		);
		expect(answer).toMatchObject({
			saved: false,
			status: 400,
			data: { errors: { 'need-2-progress': 'Enter a line of progress on need 2' } }
		});
	});

	it('is too late once the agenda is published', async () => {
		const item = await review(laterMeetingId);
		await setMeetingStatus(laterMeetingId, 'agenda-published');
		expect(
			await changeReview(database.db, await itemNumbered(item.id), formOf(answers), actor())
		).toEqual({
			saved: false,
			closed: 'This review can no longer be changed: the agenda has been published'
		});
		await setMeetingStatus(laterMeetingId, 'agenda-open');
	});
});

describe('withdrawing an item', () => {
	it('is for its submitter, once, until the agenda is published', async () => {
		const item = await issue();
		const refused = { withdrawn: false, closed: 'This item can no longer be withdrawn' };
		expect(await withdrawItem(database.db, { item, isSubmitter: false }, actor())).toEqual(refused);
		expect(await withdrawItem(database.db, { item, isSubmitter: true }, actor())).toEqual({
			withdrawn: true
		});
		const withdrawn = await itemNumbered(item.id);
		expect(withdrawn.status).toBe('withdrawn');
		expect(
			await withdrawItem(database.db, { item: withdrawn, isSubmitter: true }, actor())
		).toEqual(refused);
	});
});
