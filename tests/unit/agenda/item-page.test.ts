import { describe, expect, it } from 'vitest';
import { readItemPage, whyReading } from '$lib/server/agenda/item-page';
import {
	caseLedBy,
	database,
	itemNumbered,
	someoneElse,
	submitter,
	useItemFixture
} from './item-fixture';

useItemFixture();

describe('why a reader reads the family’s details', () => {
	it.each([
		[{ isSubmitter: true, isChair: true }, 'submitter reading their own item'],
		[{ isSubmitter: false, isChair: true }, 'chair preparing the agenda'],
		[{ isSubmitter: false, isChair: false }, 'lead professional of the case']
	])('%j → %s', (reader, why) => expect(whyReading(reader)).toBe(why));
});

describe('an item’s own page', () => {
	async function page(identifies: boolean, isSubmitter: boolean) {
		const { id, submissionId } = await caseLedBy(someoneElse.id);
		const item = await itemNumbered(submissionId);
		const reader = isSubmitter ? submitter : someoneElse;
		return readItemPage(
			database.db,
			{ user: reader, item, isSubmitter, isChair: false, identifies, caseId: id },
			'192.0.2.3'
		);
	}

	it('shows its submitter the family, logged, and the form to change it from what is stored', async () => {
		const shown = await page(true, true);
		expect(shown.family?.members.map((m) => m.name)).toContain('Jamie Example-Smith');
		expect(shown.newCaf?.values['member-1-name']).toBe('Jamie Example-Smith');
		expect(shown).toMatchObject({ canChange: true, canWithdraw: true, canChangeReview: false });
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'record_id', 'detail'])
			.where('action', '=', 'family.viewed')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(entry).toMatchObject({ actor_id: submitter.id, record_id: shown.family!.reference });
		expect(JSON.parse(entry.detail!)).toMatchObject({ why: 'submitter reading their own item' });
	});

	it('shows someone who may not identify the family neither the family nor the form', async () => {
		const shown = await page(false, false);
		expect(shown).toMatchObject({
			family: null,
			newCaf: null,
			review: null,
			reviewedCase: null,
			canChange: false,
			canWithdraw: false
		});
	});
});
