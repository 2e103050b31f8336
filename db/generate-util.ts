/** The small pieces the generator's files share: the seeded PRNG and calendar-date arithmetic. */

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

export const DAY = 86_400_000;
export const MINUTE = 60_000;
export function isoToDays(date: string): number {
	return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY;
}
export function daysToIso(days: number): string {
	return new Date(days * DAY).toISOString().slice(0, 10);
}
export const shift = (date: string, days: number) => daysToIso(isoToDays(date) + days);
export const stampOn = (date: string, rng: Random) =>
	`${date}T${String(int(rng, 8, 17)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}:00.000Z`;

export const words = (text: string) => text.trim().split(/\s+/);
