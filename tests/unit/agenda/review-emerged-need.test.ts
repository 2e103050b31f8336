import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReview, membersOf, readReview } from '$lib/server/agenda/reviews';
import { readReviewForm } from '$lib/server/agenda/review-form';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
import {
	addCase,
	complete,
	database,
	lead,
	NEEDS,
	reviewContext,
	reviewForm,
	setUpReviews
} from './review-fixture';

beforeAll(setUpReviews);
afterAll(() => database.close());

const NEW_NEED = 'Rent arrears since the summer';

describe('a need that has emerged, added with a review', () => {
	it('joins the case’s needs, not yet met, in the review’s transaction', async () => {
		const familyCase = await addCase();
		const members = await membersOf(database.db, familyCase.id);
		const { input, errors } = readReviewForm(
			reviewForm({
				...complete,
				'emerged-member': String(members[0]!.id),
				'emerged-description': NEW_NEED,
				'emerged-domain': 'family-environment'
			}),
			familyCase.needIds.map((id) => ({ id })),
			members
		);
		expect(errors).toEqual({});
		const created = await createReview(database.db, reviewContext(familyCase.id), input!, null);
		const review = await readReview(database.db, created.submissionId, {
			id: lead.id,
			ip: null,
			why: 'test'
		});
		expect(review!.needs.map((n) => [n.description, n.domain, n.status])).toEqual([
			[NEEDS[0], 'development', 'partly-met'],
			[NEEDS[1], 'development', 'met'],
			[NEW_NEED, 'family-environment', 'not-met']
		]);
		expect(review!.complete).toBe(true);
	});

	it('is optional: a review without one adds no need', async () => {
		const familyCase = await addCase();
		const members = await membersOf(database.db, familyCase.id);
		const { input } = readReviewForm(
			reviewForm(complete),
			familyCase.needIds.map((id) => ({ id })),
			members
		);
		expect(input!.emerged).toBeNull();
	});

	it.each([
		[{ 'emerged-description': NEW_NEED }, 'emerged-member', 'Choose who the new need is for'],
		[{ 'emerged-domain': 'parenting' }, 'emerged-description', 'Describe the new need'],
		[
			{ 'emerged-description': 'x'.repeat(TEXT_LIMITS.need + 1) },
			'emerged-description',
			`The new need must be ${TEXT_LIMITS.need} characters or fewer`
		],
		[{ 'emerged-member': '999999' }, 'emerged-member', 'Choose who the new need is for']
	])(
		'says what is wrong next to the field and keeps what was typed: %o',
		async (typed, field, message) => {
			const familyCase = await addCase();
			const members = await membersOf(database.db, familyCase.id);
			const result = readReviewForm(
				reviewForm({ ...complete, ...typed }),
				familyCase.needIds.map((id) => ({ id })),
				members
			);
			expect(result.input).toBeNull();
			expect(result.errors[field]).toBe(message);
			for (const [name, value] of Object.entries(typed)) expect(result.values[name]).toBe(value);
		}
	);
});
