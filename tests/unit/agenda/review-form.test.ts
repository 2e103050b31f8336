import { describe, expect, it } from 'vitest';
import { readReviewForm } from '$lib/server/agenda/review-form';
import { complete, reviewForm } from './review-fixture';

describe('reading a review', () => {
	const needs = [{ id: 11 }, { id: 12 }];

	it('accepts a status and a line of progress for every need, and the stuck flag', () => {
		const result = readReviewForm(reviewForm({ ...complete, stuck: 'yes' }), needs);
		expect(result.errors).toEqual({});
		expect(result.input).toEqual({
			stuck: true,
			familyView: null,
			needs: [
				{ needId: 11, status: 'partly-met', progress: 'Attendance up to 88 percent', score: null },
				{
					needId: 12,
					status: 'met',
					progress: 'Arrears cleared with a repayment plan',
					score: null
				}
			]
		});
		expect(readReviewForm(reviewForm(complete), needs).input?.stuck).toBe(false);
	});

	it('reads each need’s score 0–10 and the family’s view, refusing a score out of range', () => {
		const scored = readReviewForm(
			reviewForm({
				...complete,
				'need-1-score': '4',
				'need-2-score': '10',
				'family-view': 'Mum says mornings are calmer'
			}),
			needs
		);
		expect(scored.input?.needs.map((n) => n.score)).toEqual([4, 10]);
		expect(scored.input?.familyView).toBe('Mum says mornings are calmer');
		const refused = readReviewForm(reviewForm({ ...complete, 'need-2-score': '12' }), needs);
		expect(refused.input).toBeNull();
		expect(refused.errors).toEqual({ 'need-2-score': 'The score for need 2 must be from 0 to 10' });
		expect(refused.values['need-2-score']).toBe('12');
	});

	it.each([
		[
			{ 'need-2-status': '' },
			'need-2-status',
			'Choose whether need 2 is met, partly met or not met'
		],
		[
			{ 'need-1-status': 'unknown' },
			'need-1-status',
			'Choose whether need 1 is met, partly met or not met'
		],
		[
			{ 'need-1-status': 'toString' },
			'need-1-status',
			'Choose whether need 1 is met, partly met or not met'
		],
		[{ 'need-1-progress': '' }, 'need-1-progress', 'Enter a line of progress on need 1'],
		[{ 'need-2-progress': '   ' }, 'need-2-progress', 'Enter a line of progress on need 2'],
		[
			{ 'need-1-progress': 'x'.repeat(301) },
			'need-1-progress',
			'The progress on need 1 must be 300 characters or fewer'
		]
	])('%j → %s: %s', (overrides, field, message) => {
		const result = readReviewForm(reviewForm({ ...complete, ...overrides }), needs);
		expect(result.errors).toEqual({ [field]: message });
		expect(result.input).toBeNull();
	});

	it('keeps what was typed when it refuses', () => {
		const result = readReviewForm(
			reviewForm({ 'need-1-progress': 'Better mornings', stuck: 'yes' }),
			needs
		);
		expect(Object.keys(result.errors)).toEqual([
			'need-1-status',
			'need-2-status',
			'need-2-progress'
		]);
		expect(result.values).toMatchObject({ 'need-1-progress': 'Better mornings', stuck: 'yes' });
	});

	it('takes 300 characters of progress', () => {
		const result = readReviewForm(
			reviewForm({ ...complete, 'need-1-progress': 'x'.repeat(300) }),
			needs
		);
		expect(result.errors).toEqual({});
	});
});
