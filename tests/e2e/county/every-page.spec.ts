import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/pages';
import { countySignedIn, pageHeight, scrollsSideways, WIDTHS } from '../support/county';

/**
 * A tour of every page each kind of user opens, on five years of a county's history, at a phone's
 * width and a projected laptop's: nothing scrolls sideways, no table draws more than 50 rows, and
 * axe finds nothing. Each page's height and largest table go to test-results/county-pages-*.json,
 * the figures the README and the closing notes quote (the tallest page at 390 px).
 */

const MOST_ROWS = 50;

/** The first (or last) link on the page whose address matches, e.g. a case record's. */
async function linkOn(page: Page, pattern: RegExp, which: 'first' | 'last'): Promise<string> {
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
	const matching = hrefs.map((h) => h.split(/[?#]/)[0]!).filter((h) => pattern.test(h));
	const href = which === 'first' ? matching[0] : matching.at(-1);
	expect(href, `a link matching ${pattern} on ${page.url()}`).toBeDefined();
	return href!;
}

const meetingOf = (opened: string[]) => opened.findLast((path) => /^\/meetings\/\d+$/.test(path))!;

interface Tour {
	email: string;
	/**
	 * Each step opens an address; or follows a link on the page the last step opened (the last
	 * such link with 'last'); or makes one from the addresses opened so far.
	 */
	steps: (string | [RegExp, ('first' | 'last')?] | ((opened: string[]) => string))[];
}

const TOURS: Record<string, Tour> = {
	practitioner: {
		email: 'youth.worker@mag.example',
		steps: ['/', '/actions', [/^\/actions\/\d+$/], '/submissions', [/^\/items\/\d+$/], '/account']
	},
	chair: {
		email: 'chair.north@mag.example',
		steps: [
			'/',
			'/cases',
			[/^\/cases\/\d+$/],
			'/communities',
			[/^\/communities\/\d+$/],
			[/^\/communities\/\d+\/follow-up$/],
			'/communities',
			[/^\/communities\/\d+$/],
			// The oldest past meeting: concluded, with its items, minutes and action list.
			[/^\/meetings\/\d+$/, 'last'],
			[/^\/items\/\d+$/],
			(opened) => `${meetingOf(opened)}/minutes`,
			(opened) => `${meetingOf(opened)}/actions`,
			'/reports'
		]
	},
	administrator: {
		email: 'admin@mag.example',
		steps: ['/', '/admin/users', '/admin/audit', '/admin/council', '/admin/mail']
	}
};

for (const [width, viewport] of Object.entries(WIDTHS)) {
	for (const [role, tour] of Object.entries(TOURS)) {
		test(`every page a ${role} opens fits a ${width} at county volumes`, async ({ browser }) => {
			test.setTimeout(120_000);
			const { context, page } = await countySignedIn(browser, tour.email, viewport);
			const sizes: { path: string; height: number; mostRows: number }[] = [];
			for (const step of tour.steps) {
				const path =
					typeof step === 'string'
						? step
						: typeof step === 'function'
							? step(sizes.map((size) => size.path))
							: await linkOn(page, step[0], step[1] ?? 'first');
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				const mostRows = Math.max(
					0,
					...(await page
						.locator('table')
						.evaluateAll((tables) =>
							tables.map((t) => (t as HTMLTableElement).tBodies[0]?.rows.length ?? 0)
						))
				);
				sizes.push({ path, height: await pageHeight(page), mostRows });
				writeFileSync(
					`test-results/county-pages-${role}-${width}.json`,
					JSON.stringify(sizes, null, 2)
				);
				expect.soft(await scrollsSideways(page), `${path} scrolls sideways`).toBe(false);
				expect
					.soft(mostRows, `${path} draws ${mostRows} rows in one table`)
					.toBeLessThanOrEqual(MOST_ROWS);
				await expectNoAxeViolations(page);
			}
			await context.close();
		});
	}
}
