import { describe, expect, it } from 'vitest';
import { household } from '../../../db/generate/families';
import { isoToDays } from '../../../db/generate/days';
import { mulberry32 } from '../../../db/generate/random';
import { caseReference, caseReferencePrefix } from '../../../db/seed/families';
import { RELATIONSHIPS } from '$lib/domain/family';

describe('a generated household', () => {
	const rng = mulberry32(11);
	const meeting = '2027-03-16';
	const households = Array.from({ length: 300 }, () => household(rng, meeting));

	it('has one to three children under 18, eldest first, born before the meeting', () => {
		for (const { children } of households) {
			expect(children.length).toBeGreaterThanOrEqual(1);
			expect(children.length).toBeLessThanOrEqual(3);
			for (const [k, child] of children.entries()) {
				expect(child.isChild).toBe(1);
				expect(child.dob < meeting).toBe(true);
				expect(child.age).toBeLessThan(18);
				expect(child.relationship).toBe(child.age >= 13 ? 'Young person' : 'Child');
				if (k > 0) expect(child.age).toBeLessThanOrEqual(children[k - 1]!.age);
			}
		}
	});

	it('has a mother or another carer, and every adult older than the eldest child by 17 years or more', () => {
		for (const { children, adults } of households) {
			expect(['Mother', 'Carer']).toContain(adults[0]!.relationship);
			const eldest = isoToDays(children[0]!.dob);
			for (const adult of adults) {
				expect(adult.isChild).toBe(0);
				expect(adult.setting).toBeNull();
				expect(eldest - isoToDays(adult.dob)).toBeGreaterThanOrEqual(17 * 365);
			}
		}
	});

	it('uses only the relationships the CAF form offers, and one surname for the children', () => {
		for (const { children, adults } of households) {
			for (const person of [...children, ...adults])
				expect(RELATIONSHIPS).toContain(person.relationship);
			expect(new Set(children.map((c) => c.name.split(' ').at(-1))).size).toBe(1);
		}
	});
});

describe('a case reference', () => {
	it('is the community code, the year and a three-digit number, as createNewCaf numbers cases', () => {
		const prefix = caseReferencePrefix('Kington and Weobley', '2027');
		expect(caseReference(prefix, 7)).toMatch(/^[A-Z]{3}-2027-007$/);
		expect(caseReference(prefix, 123)).toBe(`${prefix}123`);
	});
});
