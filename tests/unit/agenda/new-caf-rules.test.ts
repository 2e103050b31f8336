import { afterEach, describe, expect, it } from 'vitest';
import {
	caseInitials,
	communityCode,
	initialsOf,
	isChildRelationship,
	levelsOfNeed,
	nextReference,
	partTwoConsentRefusal,
	referencePrefix
} from '$lib/server/agenda/new-caf-rules';
import { MEETING, TODAY } from './new-caf-fixture';

describe('references and initials', () => {
	it.each([
		['Mortimer and Leominster', 'MLE'],
		['Hereford North City', 'HNC'],
		['Hereford South City', 'HSC'],
		['Bromyard', 'BRO'],
		['Ross on Wye', 'RWY'],
		['Golden Valley', 'GVA']
	])('%s → %s', (name, code) => expect(communityCode(name)).toBe(code));

	it.each([
		['Jamie Example-Smith', 'J.E.S.'],
		['jo bloggs', 'J.B.']
	])('%s → %s', (name, initials) => expect(initialsOf(name)).toBe(initials));

	it('numbers a community’s cases within the year of the meeting, from 001', () => {
		const prefix = referencePrefix('Ross on Wye', '2027');
		expect(prefix).toBe('RWY-2027-');
		expect(nextReference(prefix, undefined)).toBe('RWY-2027-001');
		expect(nextReference(prefix, 'RWY-2027-009')).toBe('RWY-2027-010');
		expect(nextReference(prefix, 'RWY-2027-999')).toBe('RWY-2027-1000');
	});

	it('knows a case by the initials of the first child in the family', () => {
		expect(
			caseInitials([
				{ name: 'Alex Example-Smith', isChild: false },
				{ name: 'Jamie Example-Smith', isChild: true },
				{ name: 'Riley Sample', isChild: true }
			])
		).toBe('J.E.S.');
	});
});

describe('who counts as a child', () => {
	it.each([
		['Child', true],
		['Young person', true],
		['Mother', false],
		['Carer', false],
		['', false]
	])('%s → %s', (relationship, child) => expect(isChildRelationship(relationship)).toBe(child));
});

describe('the levels of need', () => {
	const configured = process.env.LEVELS_OF_NEED;
	afterEach(() => {
		if (configured === undefined) delete process.env.LEVELS_OF_NEED;
		else process.env.LEVELS_OF_NEED = configured;
	});

	it('are Halton’s unless the council sets its own', () => {
		delete process.env.LEVELS_OF_NEED;
		expect(levelsOfNeed()).toEqual(['1', '2', '3a', '3b', '4']);
		process.env.LEVELS_OF_NEED = ' Universal, Targeted ,, Specialist ';
		expect(levelsOfNeed()).toEqual(['Universal', 'Targeted', 'Specialist']);
	});
});

describe('whether a new CAF’s consent lets it into part 2', () => {
	const valid = { youngPerson: 'not-of-age', signedOn: '2027-02-15', coversMag: true };

	it('lets in a signed, in-date consent covering this MAG', () => {
		expect(partTwoConsentRefusal(valid, MEETING, TODAY)).toBeNull();
		expect(partTwoConsentRefusal({ ...valid, youngPerson: 'yes' }, MEETING, TODAY)).toBeNull();
	});

	it('keeps out a family whose young person did not consent, offering part 1', () => {
		expect(partTwoConsentRefusal({ ...valid, youngPerson: 'no' }, MEETING, TODAY)).toEqual({
			field: 'youngPerson',
			message:
				'The young person has not consented, so the family cannot be discussed in part 2. Bring it as advice without consent (part 1) instead'
		});
	});

	it.each([
		[{ coversMag: false }, 'coversMag', 'the consent does not cover discussion at this MAG'],
		[
			{ signedOn: '2026-03-08' },
			'signedOn',
			'the consent was signed more than 12 months before the meeting: the consent must be renewed'
		],
		[{ signedOn: '2027-03-02' }, 'signedOn', 'the consent is dated in the future']
	])('keeps out %j, said by the field %s', (change, field, reason) => {
		expect(partTwoConsentRefusal({ ...valid, ...change }, MEETING, TODAY)).toEqual({
			field,
			message: `A new CAF can be brought to part 2 only with signed, in-date consent covering discussion at this MAG: ${reason}. Bring it as advice without consent (part 1) instead`
		});
	});
});
