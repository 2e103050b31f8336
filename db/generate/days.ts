/** Calendar-date arithmetic for the generator: dates as YYYY-MM-DD text, counted in whole days. */
import { int, type Random } from './random';

export const DAY = 86_400_000;
export const MINUTE = 60_000;
export function isoToDays(date: string): number {
	return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY;
}
export function daysToIso(days: number): string {
	return new Date(days * DAY).toISOString().slice(0, 10);
}
export const shift = (date: string, days: number) => daysToIso(isoToDays(date) + days);
/** A time during the working day on `date`, as the app stamps it. */
export const stampOn = (date: string, rng: Random) =>
	`${date}T${String(int(rng, 8, 17)).padStart(2, '0')}:${String(int(rng, 0, 59)).padStart(2, '0')}:00.000Z`;
/** Milliseconds as the app stamps a time. */
export const iso = (ms: number) => new Date(ms).toISOString();
