import fs from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Runs last (files run in name order, one worker). While the other specs ran, the server noted
 * every response that showed a family member's name without writing an audit entry for the read
 * (see src/lib/server/audit/read-probe.ts). Every identifiable read in the suite must have been logged.
 */
test('every read of a family’s details in the browser tests left an audit entry', () => {
	const file = 'test-results/unaudited-reads.log';
	const unaudited = fs.existsSync(file)
		? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)
		: [];
	expect(unaudited).toEqual([]);
});
