import { describe, expect, it } from 'vitest';
import { int, mulberry32, pick, weighted } from '../../../db/generate/random';

describe("the generator's chance", () => {
	it('gives the same numbers for the same seed, other numbers for another, all in [0, 1)', () => {
		const draw = (seed: number) => Array.from({ length: 100 }, mulberry32(seed));
		expect(draw(1)).toEqual(draw(1));
		expect(draw(2)).not.toEqual(draw(1));
		for (const r of draw(1)) expect(r >= 0 && r < 1).toBe(true);
	});

	it('draws whole numbers within the bounds, both ends included, and picks from the list', () => {
		const rng = mulberry32(5);
		const seen = new Set<number>();
		for (let n = 0; n < 500; n++) seen.add(int(rng, 2, 4));
		expect([...seen].sort()).toEqual([2, 3, 4]);
		for (let n = 0; n < 100; n++) expect(['a', 'b']).toContain(pick(rng, ['a', 'b']));
	});

	it('never chooses a choice weighted 0, and chooses each roughly as often as its weight', () => {
		const rng = mulberry32(9);
		const counts = { never: 0, once: 0, thrice: 0 };
		for (let n = 0; n < 4000; n++)
			counts[
				weighted(rng, [
					['never', 0],
					['once', 1],
					['thrice', 3]
				] as const)
			] += 1;
		expect(counts.never).toBe(0);
		expect(counts.thrice / counts.once).toBeGreaterThan(2.5);
		expect(counts.thrice / counts.once).toBeLessThan(3.5);
	});
});
