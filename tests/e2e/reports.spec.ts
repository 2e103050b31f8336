import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startExtraServer, type ExtraServer, extraPort } from './support/extra-server';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	fillDateInput,
	mainNavigation,
	open,
	signIn,
	submitSignIn
} from './support/pages';

const REPORTS = ['Activity', 'Capacity', 'Outcomes', 'Actions', 'Agency engagement', 'Ways in'];

test('a chair finds the reports in the menu; a practitioner is refused them', async ({ page }) => {
	await signIn(page, 'chair.north@mag.example');
	await mainNavigation(page).filter({ hasText: 'Reports' }).click();
	await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
	for (const name of REPORTS)
		await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.context().clearCookies();
	await signIn(page, 'health.visitor@mag.example');
	await expect(mainNavigation(page).filter({ hasText: 'Reports' })).toHaveCount(0);
	const refused = await open(page, '/reports/activity');
	expect(refused?.status()).toBe(403);
});

test('an early help manager can choose any area', async ({ page }) => {
	await signIn(page, 'manager@mag.example');
	await mainNavigation(page).filter({ hasText: 'Reports' }).click();
	const area = page.getByLabel('Area');
	await expect(area.locator('option', { hasText: 'South locality' })).toHaveCount(1);
	await expect(area.locator('option', { hasText: 'Golden Valley' })).toHaveCount(1);
	await expect(area.locator('option', { hasText: 'Bromyard' })).toHaveCount(1);
});

test.describe('reports on five years of generated history', () => {
	test.describe.configure({ mode: 'serial' });
	let server: ExtraServer;
	test.beforeAll(async ({ request }) => {
		test.slow();
		server = await startExtraServer(
			request,
			extraPort(6),
			{ REQUIRE_TWO_FACTOR: 'none' },
			'county'
		);
	});
	test.afterAll(() => server?.stop());

	async function signInThere(page: Page, email = 'chair.north@mag.example') {
		await open(page, `${server.url}/sign-in`);
		await submitSignIn(page, email, 'demo-MAG-meeting-2026');
		await page.waitForURL((url) => url.pathname !== '/sign-in');
	}

	test('every report draws its charts with a table of the figures, and passes axe', async ({
		page
	}) => {
		test.slow();
		await signInThere(page);
		await open(page, `${server.url}/reports`);
		await page.getByLabel('Area').selectOption({ label: 'North locality' });
		await page.getByRole('button', { name: 'Choose' }).click();
		await expect(page.getByRole('heading', { name: 'Reports for North locality' })).toBeVisible();
		for (const name of REPORTS) {
			await open(
				page,
				`${server.url}/reports?area=${new URL(page.url()).searchParams.get('area')}`
			);
			await page.getByRole('link', { name, exact: true }).click();
			await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
			await expect(page.locator('.govuk-caption-l')).toHaveText('North locality');
			const charts = page.getByRole('img', { name: /^Bar chart of/ });
			expect(await charts.count()).toBeGreaterThan(0);
			// Each chart is followed by its table of figures.
			for (const chart of await charts.all()) {
				await expect(
					chart.locator('xpath=ancestor::section[1]').locator('table tbody tr').first()
				).toBeVisible();
			}
			await expectNoAxeViolations(page);
		}
	});

	test('the capacity forecast shows Hereford South City over the 15 a meeting can take', async ({
		page
	}) => {
		await signInThere(page, 'chair.south@mag.example');
		await open(page, `${server.url}/reports`);
		await page.getByLabel('Area').selectOption({ label: 'Hereford South City' });
		await page.getByRole('button', { name: 'Choose' }).click();
		// Wait for the chosen area's page, so its Capacity link carries the area.
		await expect(page).toHaveURL(/area=/);
		await page.getByRole('link', { name: 'Capacity', exact: true }).click();
		await expect(page.locator('.govuk-caption-l')).toHaveText('Hereford South City');
		const next = page.getByTestId('forecast-table').locator('tbody tr').first();
		const forecast = Number(await next.locator('td').last().textContent());
		expect(forecast).toBeGreaterThan(15);
		await expect(page.getByText('The dashed line marks 15 a meeting.').first()).toBeVisible();
		await expectNoAxeViolations(page);

		// Council-wide, the small-number rule applies.
		await open(page, `${server.url}/reports/capacity?area=council`);
		await expect(page.getByText('Council-wide, counts from 1 to 4 are shown')).toBeVisible();
		await expect(
			page.getByTestId('forecast-table').getByRole('row', { name: /^South/ })
		).toBeVisible();
		await expectNoAxeViolations(page);
	});

	test('the North chair is not offered South communities, nor shown them by address', async ({
		page
	}) => {
		await signInThere(page);
		await open(page, `${server.url}/reports`);
		await expect(
			page.getByLabel('Area').locator('option', { hasText: 'Hereford South City' })
		).toHaveCount(0);
		const value = await page
			.getByLabel('Area')
			.locator('option', { hasText: 'North locality' })
			.getAttribute('value');
		const southLocality = `locality-${Number(value!.split('-')[1]) + 1}`;
		const refused = await page.goto(`${server.url}/reports/activity?area=${southLocality}`);
		expect(refused?.status()).toBe(403);
	});

	test('a report downloads as CSV and prints without the menu or the form', async ({ page }) => {
		await signInThere(page);
		await open(page, `${server.url}/reports/actions?area=council`);
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: /Download this report as a spreadsheet/ }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^actions-council-wide-.*\.csv$/);
		const csv = fs.readFileSync((await file.path())!, 'utf8');
		expect(csv).toContain('Actions by the owner’s agency');
		expect(csv).toContain('Small numbers');

		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
		await expect(page.getByLabel('Area')).toBeHidden();
		await expect(page.getByRole('img', { name: /^Bar chart of actions by/ })).toBeVisible();
	});

	test('a period that ends before it starts is refused next to the field, keeping what was typed', async ({
		page
	}) => {
		await signInThere(page);
		await open(page, `${server.url}/reports/outcomes`);
		await fillDateInput(page, 'from', '2026-06-01');
		await fillDateInput(page, 'to', '2026-05-01');
		await page.getByRole('button', { name: 'Show the report' }).click();
		await expectErrorSummary(page, {
			to: 'The end date must be the same as or after the start date'
		});
		await expect(page.locator('#from-month')).toHaveValue('6');
		await expect(page.getByRole('img', { name: /^Bar chart/ })).toHaveCount(0);
		await expectNoAxeViolations(page);
	});
});
