/** The generator's chance: a seeded PRNG, so that the same seed gives the same rows. */

/** mulberry32: a tiny, fast, seeded PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type Random = () => number;
export const int = (rng: Random, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Random, list: readonly T[]): T =>
	list[Math.floor(rng() * list.length)]!;
/** One of `choices`, each as likely as its weight. */
export function weighted<T>(rng: Random, choices: readonly (readonly [T, number])[]): T {
	let total = 0;
	for (const [, weight] of choices) total += weight;
	let r = rng() * total;
	for (const [choice, weight] of choices) {
		r -= weight;
		if (r < 0) return choice;
	}
	return choices[choices.length - 1]![0];
}
