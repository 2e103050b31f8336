// Prints the one totals line CI reads, from the Vitest and Playwright JSON reports in reports/:
//   tests: 212 passed, 0 failed
// A report that is missing (its runner never started) counts as one failure, so a run that
// broke early can never print a clean line.
import fs from 'node:fs';

/** @param {string} file */
function read(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

let passed = 0;
let failed = 0;

const vitest = read('reports/vitest.json');
if (vitest) {
	passed += vitest.numPassedTests ?? 0;
	failed +=
		(vitest.numFailedTests ?? 0) + (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
} else {
	failed += 1;
}

const playwright = read('reports/playwright.json');
if (playwright?.stats) {
	passed += playwright.stats.expected ?? 0;
	failed +=
		(playwright.stats.unexpected ?? 0) +
		(playwright.stats.flaky ?? 0) +
		(playwright.stats.skipped ?? 0);
	failed += (playwright.errors ?? []).length;
} else {
	failed += 1;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
