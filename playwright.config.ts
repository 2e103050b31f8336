import { defineConfig } from '@playwright/test';

// E2E_PORT lets a second checkout run its browser tests beside this one.
const port = Number(process.env.E2E_PORT ?? 4173);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * End-to-end tests against the built app (`npm start`'s own start-up: migrate, seed, serve) on a
 * throwaway database, in Debian's Chromium. One worker: the tests share one server and database.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	workers: 1,
	// Timeouts catch a hung test, not a slow one: on a busy two-core machine an axe check alone can
	// take seconds. Long journeys mark themselves test.slow() (three times this).
	timeout: 90_000,
	expect: { timeout: 15_000 },
	reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
	use: {
		baseURL: `http://localhost:${port}`,
		timezoneId: 'Europe/London',
		locale: 'en-GB',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update'
			]
		}
	},
	webServer: [
		{
			command: 'node scripts/e2e-server.js',
			url: `http://localhost:${port}/sign-in`,
			reuseExistingServer: false,
			timeout: 120_000,
			env: {
				PORT: String(port),
				ORIGIN: `http://localhost:${port}`,
				DATABASE_PATH: 'test-results/e2e.sqlite',
				REQUIRE_TWO_FACTOR: 'none',
				// Emails are written to the server's log: the browser tests send nothing.
				MAIL_MODE: 'log',
				// Every response showing a family's name without an audited read is noted here; the last
				// spec (audit-completeness) fails if any is.
				AUDIT_READ_PROBE: 'test-results/unaudited-reads.log'
			}
		},
		{
			// Five years of a county's history (db/generate.ts), for the journeys at real volumes, on a
			// phone and on a projector (tests/e2e/county/).
			command: 'node scripts/e2e-server.js',
			url: `http://localhost:${port + 1}/sign-in`,
			reuseExistingServer: false,
			timeout: 120_000,
			env: {
				PORT: String(port + 1),
				ORIGIN: `http://localhost:${port + 1}`,
				DATABASE_PATH: 'test-results/e2e-county.sqlite',
				E2E_SCALE: 'county',
				REQUIRE_TWO_FACTOR: 'none',
				MAIL_MODE: 'log'
			}
		}
	]
});
