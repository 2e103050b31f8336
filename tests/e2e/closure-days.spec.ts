import { expect, test } from '@playwright/test';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	open,
	signIn,
	submitForm
} from './support/pages';

test('an administrator adds a council closure day and removes it again', async ({ page }) => {
	await signIn(page, 'admin@mag.example');
	await open(page, '/');
	await page.getByRole('link', { name: 'Council closure days' }).click();
	await expect(page.getByRole('heading', { name: 'Council closure days' })).toBeVisible();
	await expectNoAxeViolations(page);

	await submitForm(page, 'Add closure day');
	await expectErrorSummary(page, {
		date: 'Enter the date',
		reason: 'Enter why the council is closed'
	});
	await expectNoAxeViolations(page);

	await page.getByLabel('Day').fill('31');
	await page.getByLabel('Month').fill('2');
	await page.getByLabel('Year').fill('2031');
	await page.getByLabel('Reason').fill('Staff training day');
	await submitForm(page, 'Add closure day');
	await expectErrorSummary(page, { date: 'The date must be a real date' });
	await expect(page.getByLabel('Reason')).toHaveValue('Staff training day');

	await page.getByLabel('Day').fill('28');
	await submitForm(page, 'Add closure day');
	await expect(page.getByText('Friday 28 February 2031 is now a closure day.')).toBeVisible();
	const row = page.getByRole('row', { name: /Friday 28 February 2031/ });
	await expect(row).toContainText('Staff training day');
	await expectNoAxeViolations(page);

	await submitForm(page, 'Remove Friday 28 February 2031');
	await expect(page.getByRole('row', { name: /Friday 28 February 2031/ })).toHaveCount(0);
});

test('only administrators can manage closure days', async ({ page }) => {
	await signIn(page, 'chair.south@mag.example');
	const response = await page.goto('/admin/closure-days');
	expect(response?.status()).toBe(403);
});
