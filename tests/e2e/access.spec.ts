import { expect, test } from '@playwright/test';
import { communityId, withDatabase } from './support/fixtures';
import {
	DEMO_PASSWORD,
	expectErrorSummary,
	expectNoAxeViolations,
	mainNavigation,
	signIn,
	submitSignIn,
	open
} from './support/pages';

test('the administrator sees the administration pages and no community pages', async ({ page }) => {
	await signIn(page, 'admin@mag.example');
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Alex Morgan');
	await expect(mainNavigation(page)).toHaveText([
		'Home',
		'My actions',
		'Council',
		'Users',
		'Audit log',
		'Your account'
	]);
	await expect(page.getByTestId('signed-in-as')).toHaveText(
		'Signed in as Alex Morgan, Administrator, CAF Team'
	);
	await expectNoAxeViolations(page);

	await mainNavigation(page).filter({ hasText: 'Users' }).click();
	await expect(page).toHaveURL('/admin/users');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
	const sarah = page.getByRole('row').filter({ hasText: 'health.visitor@mag.example' });
	await expect(sarah).toContainText('Sarah Williams');
	await expect(sarah).toContainText('Health Visiting Service');
	await expect(sarah).toContainText('active');
	await expectNoAxeViolations(page);

	await mainNavigation(page).filter({ hasText: 'Audit log' }).click();
	await expect(page).toHaveURL('/admin/audit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
	await expect(
		page
			.getByRole('row')
			.filter({ hasText: 'sign-in.succeeded' })
			.filter({ hasText: 'Alex Morgan' })
	).not.toHaveCount(0);
	await expectNoAxeViolations(page);

	await mainNavigation(page).filter({ hasText: 'Your account' }).click();
	await expect(page).toHaveURL('/account');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
	await expect(page.locator('.govuk-summary-list')).toContainText('admin@mag.example');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Change password' }).click();
	await expectErrorSummary(page, {
		currentPassword: 'Enter your current password',
		newPassword: 'Enter a new password'
	});
	await expectNoAxeViolations(page);
});

test('a chair sees the communities they chair', async ({ page }) => {
	await signIn(page, 'chair.north@mag.example');
	await expect(mainNavigation(page)).toHaveText([
		'Home',
		'My communities',
		'My submissions',
		'Reports',
		'My actions',
		'Your account'
	]);
	await expect(page.getByTestId('signed-in-as')).toHaveText(
		'Signed in as Helen Price, Chair (head of locality), CAF Team'
	);
	const communities = page.getByRole('table', { name: 'Your MAG communities' });
	await expect(communities.getByRole('link')).toHaveText([
		'Bromyard',
		'Hereford North City',
		'Kington and Weobley',
		'Mortimer and Leominster'
	]);
	await expectNoAxeViolations(page);

	await mainNavigation(page).filter({ hasText: 'My communities' }).click();
	await expect(page).toHaveURL('/communities');
	await expect(page.getByRole('row').filter({ hasText: 'Bromyard' })).toContainText('Chair');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Bromyard' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bromyard MAG');
	await expect(page.getByText('Your role in this MAG: Chair.')).toBeVisible();
	await expectNoAxeViolations(page);

	await open(page, `/communities/${communityId('Ross on Wye')}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You do not have access to this page'
	);
});

test('a coordinator sees the communities they coordinate and no administration', async ({
	page
}) => {
	await signIn(page, 'coordinator.north@mag.example');
	await expect(mainNavigation(page)).toHaveText([
		'Home',
		'My communities',
		'My submissions',
		'Reports',
		'My actions',
		'Your account'
	]);
	await expect(page.getByTestId('signed-in-as')).toHaveText(
		'Signed in as Jo Evans, MAG coordinator, CAF Team'
	);
	await expect(page.getByRole('row').filter({ hasText: 'Hereford North City' })).toContainText(
		'Coordinator'
	);
	await expect(page.getByRole('heading', { name: 'Administration' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	const response = await open(page, '/admin/audit');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You do not have access to this page'
	);
});

test('a practitioner sees their own communities only', async ({ page }) => {
	await signIn(page, 'health.visitor@mag.example');
	await expect(mainNavigation(page)).toHaveText([
		'Home',
		'My communities',
		'My submissions',
		'My actions',
		'Your account'
	]);
	await expect(page.getByTestId('signed-in-as')).toHaveText(
		'Signed in as Sarah Williams, Practitioner, Health Visiting Service'
	);
	await expectNoAxeViolations(page);

	await mainNavigation(page).filter({ hasText: 'My communities' }).click();
	await expect(page.getByRole('table').getByRole('link')).toHaveText([
		'Kington and Weobley',
		'Mortimer and Leominster'
	]);
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Mortimer and Leominster' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mortimer and Leominster MAG');
	await expect(page.getByText('Your role in this MAG: Member.')).toBeVisible();
	const members = page.getByRole('table', { name: 'Who is in this MAG' });
	// Listed by agency: CAF Team, Health Visiting Service, Leominster Primary School, Police.
	await expect(members.locator('tbody tr > :first-child')).toHaveText([
		'Helen Price',
		'Jo Evans',
		'Sarah Williams',
		'Priya Shah',
		'Mark Hughes'
	]);
	await expect(members.getByRole('row').filter({ hasText: 'Mark Hughes' })).toContainText(
		'West Mercia Police'
	);
	await expectNoAxeViolations(page);

	const adminResponse = await open(page, '/admin/users');
	expect(adminResponse?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'You do not have access to this page'
	);
	await expect(page.getByText('Only administrators can do this')).toBeVisible();
	await expect(page.getByRole('table')).toHaveCount(0);
	await expectNoAxeViolations(page);

	const communityResponse = await open(page, `/communities/${communityId('Bromyard')}`);
	expect(communityResponse?.status()).toBe(403);
	await expect(page.getByText('Only members of this MAG can see it')).toBeVisible();
	await expect(page.getByText('Who is in this MAG')).toHaveCount(0);
	await expectNoAxeViolations(page);
});

test('an address that does not exist shows the page-not-found page', async ({ page }) => {
	await signIn(page, 'senco@mag.example');
	const response = await open(page, '/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page).toHaveTitle('Page not found – MAG meetings');
	await expectNoAxeViolations(page);
});

test('guessing record ids leaves a refusal in the audit log, whether the answer is 403 or 404', async ({
	page
}) => {
	await signIn(page, 'senco@mag.example');
	const refusals = (path: string) =>
		withDatabase((db) =>
			db
				.prepare(
					"select json_extract(detail, '$.status') as status from audit_log where action = 'access.refused' and record_id = ?"
				)
				.all(path)
		);
	const missing = '/cases/987654';
	expect((await open(page, missing))?.status()).toBe(404);
	expect((await page.request.get(`${missing}/__data.json`)).status()).toBe(200);
	expect(refusals(missing)).toEqual([{ status: 404 }, { status: 404 }]);
	// An address the app has no page for is not a record asked for.
	await open(page, '/no-such-page-either');
	expect(refusals('/no-such-page-either')).toEqual([]);
});

test('signing in after being sent to the sign-in page returns to the page asked for', async ({
	page
}) => {
	await open(page, '/admin/users');
	await expect(page).toHaveURL('/sign-in?next=%2Fadmin%2Fusers');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	await submitSignIn(page, 'admin@mag.example', DEMO_PASSWORD);
	await expect(page).toHaveURL('/admin/users');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
});

test('the early help manager is named as such, and the administrator sees the role on their page', async ({
	page
}) => {
	await signIn(page, 'manager@mag.example');
	await expect(page.getByTestId('signed-in-as')).toHaveText(
		'Signed in as Ruth Hallam, Early help manager, CAF Team'
	);
	await page.context().clearCookies();

	await signIn(page, 'admin@mag.example');
	await open(page, '/admin/users');
	await page
		.getByRole('row')
		.filter({ hasText: 'manager@mag.example' })
		.getByRole('link')
		.first()
		.click();
	await expect(page.getByRole('checkbox', { name: 'Early help manager' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Data protection officer' })).not.toBeChecked();
	await expectNoAxeViolations(page);
});
