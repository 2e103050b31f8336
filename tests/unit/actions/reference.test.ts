import { describe, expect, it } from 'vitest';
import { ADVICE_REFERENCE, GENERAL_REFERENCE, referenceOf } from '$lib/server/actions/reference';

/** What an action is about, said without naming anyone: the facts withActionReference selects. */
const facts = (over: Partial<Parameters<typeof referenceOf>[0]>) => ({
	submissionId: 7,
	part: 2,
	actionCaseReference: null,
	itemCaseReference: 'LED-2027-0001',
	takenAsAdvice: 0,
	issueTitle: null,
	...over
});

describe('the reference an action carries in lists, feeds and emails', () => {
	it.each([
		['a new CAF', facts({}), 'LED-2027-0001'],
		['a review', facts({ part: 3, itemCaseReference: 'LED-2026-0042' }), 'LED-2026-0042'],
		['its own case first', facts({ actionCaseReference: 'LED-2025-0009' }), 'LED-2025-0009'],
		['the meeting as a whole', facts({ submissionId: null, part: null }), GENERAL_REFERENCE],
		['a community issue', facts({ part: 4, issueTitle: 'Vaping' }), 'Vaping'],
		['a community issue with no title', facts({ part: 4 }), 'Community issue'],
		['a request for advice', facts({ part: 1, itemCaseReference: null }), ADVICE_REFERENCE],
		['a family item taken as advice', facts({ takenAsAdvice: 1 }), ADVICE_REFERENCE],
		['a family item with no case', facts({ itemCaseReference: null }), ADVICE_REFERENCE]
	])('%s: %s', (_, row, reference) => {
		expect(referenceOf(row)).toBe(reference);
	});
});
