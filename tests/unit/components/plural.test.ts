import { describe, expect, it } from 'vitest';
import { plural } from '$lib/plural';

describe('a count in words', () => {
	it.each([
		[1, 'minute', '1 minute'],
		[30, 'minute', '30 minutes'],
		[0, 'hour', '0 hours'],
		[1, 'hour', '1 hour'],
		[1.5, 'hour', '1.5 hours'],
		[12, 'hour', '12 hours']
	])('%d %s → %j', (count, unit, words) => {
		expect(plural(count, unit)).toBe(words);
	});
});
