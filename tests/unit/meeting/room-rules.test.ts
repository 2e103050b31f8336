import { describe, expect, it } from 'vitest';
import {
	actionCase,
	itemOffers,
	outcomeRefusal,
	withdrawalRefusal
} from '$lib/server/meeting/room-rules';

describe('when the room may record an outcome', () => {
	it.each([
		['an anonymous item', false, null, false, false, null],
		['a family item while the gate is shut', true, 'closed', false, true, 'gate-shut'],
		['a family item whose gate was refused', true, 'refused', false, true, 'gate-shut'],
		['a shut gate taken as advice, by someone not agreed', true, 'closed', true, false, null],
		['a refused gate taken as advice', true, 'refused', true, false, null],
		['an open gate taken as advice', true, 'opened', true, true, 'advice-while-gate-open'],
		[
			'an open gate, by an organiser who has not agreed',
			true,
			'opened',
			false,
			false,
			'not-agreed'
		],
		['an open gate, by an organiser who agreed', true, 'opened', false, true, null]
	] as const)('%s: %s', (_, familyItem, gate, asAdvice, agreed, refusal) => {
		expect(outcomeRefusal({ familyItem, gate, asAdvice, agreed })).toBe(refusal);
	});
});

describe('the case an action follows', () => {
	it('is the family’s only when the gate opened', () => {
		expect(actionCase({ caseId: 7 }, 'opened')).toBe(7);
		expect(actionCase({ caseId: 7 }, 'refused')).toBeNull();
		expect(actionCase({ caseId: 7 }, 'closed')).toBeNull();
		expect(actionCase(undefined, null)).toBeNull();
	});
});

describe('withdrawing an item in the room', () => {
	it.each([
		[1, 'closed', 'not-a-family-item'],
		[4, 'closed', 'not-a-family-item'],
		[2, 'opened', 'gate-open'],
		[3, 'opened', 'gate-open'],
		[2, 'closed', null],
		[3, 'refused', null]
	] as const)('part %s with the gate %s: %s', (part, gate, refusal) => {
		expect(withdrawalRefusal(part, gate)).toBe(refusal);
	});
});

describe('what the room offers for the item on screen', () => {
	const chair = { organiser: true, isChair: true, confirmed: true };
	const coordinator = { organiser: true, isChair: false, confirmed: true };
	const member = { organiser: false, isChair: false, confirmed: true };
	const none = {
		openGate: false,
		defer: false,
		withdraw: false,
		outcome: false,
		asAdvice: false,
		addAction: false
	};

	it('an anonymous item: the outcome and actions, for organisers only', () => {
		expect(itemOffers(chair, null)).toEqual({ ...none, outcome: true, addAction: true });
		expect(itemOffers(member, null)).toEqual(none);
	});

	it('a closed gate: the chair who agreed checks consent; organisers may defer', () => {
		const closed = { gate: 'closed', identified: false } as const;
		expect(itemOffers(chair, closed)).toEqual({ ...none, openGate: true, defer: true });
		expect(itemOffers({ ...chair, confirmed: false }, closed)).toEqual({ ...none, defer: true });
		expect(itemOffers(coordinator, closed)).toEqual({ ...none, defer: true });
		expect(itemOffers(member, closed)).toEqual(none);
	});

	it('a refused gate: defer, withdraw, or record an outcome as advice, with no action', () => {
		const refused = { gate: 'refused', identified: false } as const;
		expect(itemOffers(coordinator, refused)).toEqual({
			...none,
			defer: true,
			withdraw: true,
			outcome: true,
			asAdvice: true
		});
		expect(itemOffers(member, refused)).toEqual({ ...none, asAdvice: true });
	});

	it('an open gate: the outcome and actions, only for an organiser who knows the family', () => {
		expect(itemOffers(coordinator, { gate: 'opened', identified: true })).toEqual({
			...none,
			outcome: true,
			addAction: true
		});
		expect(itemOffers(coordinator, { gate: 'opened', identified: false })).toEqual(none);
	});
});
