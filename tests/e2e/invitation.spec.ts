import { expect, test } from '@playwright/test';
import {
	nextTotpCode,
	readTotpKey,
	totpCode,
	totpStep,
	wrongTotpCode
} from './support/authenticator';
import { uniqueEmail } from './support/fixtures';
import {
	expectErrorSummary,
	expectNoAxeViolations,
	inviteUser,
	type Invitation,
	mainNavigation,
	newContext,
	signIn,
	signOut,
	submitForm,
	submitSignIn,
	open,
	reload
} from './support/pages';

test('the invite form explains what is missing', async ({ page }) => {
	await signIn(page, 'admin@mag.example');
	await open(page, '/admin/users/invite');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invite a user');
	await expectNoAxeViolations(page);

	await page.getByLabel('Work email address').fill('not-an-email');
	await submitForm(page, 'Create invitation link');
	await expectErrorSummary(page, {
		name: 'Enter the person’s full name',
		email: 'Enter an email address in the correct format, like name@example.org',
		agencyId: 'Choose the agency the person works for'
	});
	await expect(page.getByLabel('Work email address')).toHaveValue('not-an-email');
	await expect(page.getByTestId('invitation-link')).toHaveCount(0);
	await expectNoAxeViolations(page);

	// An email that already has an account is refused.
	await page.getByLabel('Full name').fill('Second Sarah');
	await page.getByLabel('Work email address').fill('Health.Visitor@mag.example');
	await page.getByLabel('Agency').selectOption({ label: 'Health Visiting Service' });
	await submitForm(page, 'Create invitation link');
	await expectErrorSummary(page, {
		email: 'Someone already has an account with this email address'
	});
});

test('an invited person sets a password, turns on two-factor sign-in and signs in with it', async ({
	page: admin,
	browser
}) => {
	test.slow();
	const name = 'Robin Ashdown';
	const email = uniqueEmail('robin');
	const password = 'orchard lantern pebble 2026';
	let invitation: Invitation = { link: '', userId: 0 };

	await test.step('the administrator invites them and gives them a community role', async () => {
		await signIn(admin, 'admin@mag.example');
		invitation = await inviteUser(admin, { name, email });
		await expect(admin.getByRole('alert')).toContainText(
			`We have emailed ${name} a link to set up their account.`
		);
		await expectNoAxeViolations(admin);

		await admin.getByRole('link', { name: 'give them their community roles' }).click();
		await expect(admin).toHaveURL(`/admin/users/${invitation.userId}`);
		await expect(admin.getByRole('heading', { level: 1 })).toHaveText(name);
		await expect(admin.locator('main .govuk-tag').first()).toHaveText('invited');
		await expectNoAxeViolations(admin);

		await admin.getByLabel('Bromyard', { exact: true }).selectOption({ label: 'Member' });
		await submitForm(admin, 'Save changes');
		await expect(admin.getByRole('alert')).toContainText('Changes saved.');
		await expect(admin.getByLabel('Bromyard', { exact: true })).toHaveValue('member');
		await expectNoAxeViolations(admin);
		await reload(admin);
		await expect(admin.getByLabel('Bromyard', { exact: true })).toHaveValue('member');
	});

	const link = invitation.link;
	const context = await newContext(browser);
	const page = await context.newPage();
	let key: Uint8Array = new Uint8Array();
	let usedStep = 0;
	let recoveryCodes: string[] = [];

	await test.step('a weak or mistyped password is refused', async () => {
		await open(page, link);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your password');
		await expect(page.getByText(`Welcome, ${name}. You will sign in with ${email}.`)).toBeVisible();
		await expectNoAxeViolations(page);

		const attempts: [password: string, confirm: string, field: string, message: string][] = [
			['short', 'short', 'password', 'Password must be 12 characters or more'],
			[
				'password1234',
				'password1234',
				'password',
				'Password is too easy to guess: it is on a list of common passwords'
			],
			['robin ashdown 99', 'robin ashdown 99', 'password', 'Password must not contain your name'],
			[password, `${password}!`, 'confirmPassword', 'The passwords do not match']
		];
		for (const [first, second, field, message] of attempts) {
			await page.getByLabel('Create a password').fill(first);
			await page.getByLabel('Type the password again').fill(second);
			await submitForm(page, 'Create password and sign in');
			await expectErrorSummary(page, { [field]: message });
		}
		await expectNoAxeViolations(page);
	});

	await test.step('a good password signs them in, with the role they were given', async () => {
		await page.getByLabel('Create a password').fill(password);
		await page.getByLabel('Type the password again').fill(password);
		await page.getByRole('button', { name: 'Create password and sign in' }).click();
		await expect(page).toHaveURL('/account?welcome=1');
		await expect(page.getByRole('alert')).toContainText('Your account is ready');
		await expect(page.getByTestId('signed-in-as')).toHaveText(
			`Signed in as ${name}, Practitioner, Youth Service`
		);
		await expect(mainNavigation(page)).toHaveText([
			'Home',
			'My communities',
			'My submissions',
			'My actions',
			'Your account'
		]);
		await expectNoAxeViolations(page);
	});

	await test.step('the link works only once', async () => {
		const other = await newContext(browser);
		const otherPage = await other.newPage();
		await open(otherPage, link);
		await expect(otherPage.getByRole('heading', { level: 1 })).toHaveText(
			'This invitation link does not work'
		);
		await expect(otherPage.getByLabel('Create a password')).toHaveCount(0);
		await expectNoAxeViolations(otherPage);
		await other.close();
	});

	await test.step('they turn on two-factor sign-in', async () => {
		await page.getByRole('link', { name: 'Set up two-factor sign-in' }).first().click();
		await expect(page).toHaveURL('/account/two-factor');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-factor sign-in');
		await expect(
			page.getByRole('img', { name: 'QR code for your authenticator app' })
		).toBeVisible();
		await expectNoAxeViolations(page);
		await page.getByText('I cannot scan the QR code').click();
		await expect(page.getByTestId('totp-key')).toBeVisible();
		key = await readTotpKey(page);
		expect(key.length).toBe(20);

		await page.getByLabel('Enter the 6-digit code your app shows').fill(wrongTotpCode(key));
		await submitForm(page, 'Turn on two-factor sign-in');
		await expectErrorSummary(page, {
			code: 'The code is not right. Check your phone’s clock is set automatically and enter the newest code'
		});
		await expectNoAxeViolations(page);
		// After a wrong code the key stays the same, so the app already set up still matches.
		expect(await readTotpKey(page)).toEqual(key);

		usedStep = totpStep();
		await page.getByLabel('Enter the 6-digit code your app shows').fill(totpCode(key, usedStep));
		await submitForm(page, 'Turn on two-factor sign-in');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-factor sign-in is on');
		const codes = page.getByTestId('recovery-codes').getByRole('listitem');
		await expect(codes).toHaveCount(10);
		recoveryCodes = await codes.allTextContents();
		expect(recoveryCodes[0]).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
		await expectNoAxeViolations(page);

		await open(page, '/account');
		await expect(page.locator('main .govuk-tag')).toHaveText('On');
		await expect(page.getByText('You have 10 unused recovery codes.')).toBeVisible();
		await expectNoAxeViolations(page);
	});

	await test.step('signing in now asks for a code, and a recovery code will do', async () => {
		await signOut(page);
		await submitSignIn(page, email, password);
		await expect(page).toHaveURL('/sign-in/two-factor');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your security code');
		await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
		await expectNoAxeViolations(page);

		// Half signed in: no other page opens yet.
		await open(page, '/account');
		await expect(page).toHaveURL('/sign-in/two-factor');

		await page.getByLabel('Enter your security code').fill(wrongTotpCode(key));
		await submitForm(page, 'Continue');
		await expectErrorSummary(page, {
			code: 'The code is not right, or it has already been used. Enter the newest code from your app'
		});
		await expectNoAxeViolations(page);

		await page.getByLabel('Enter your security code').fill(recoveryCodes[0]!);
		await submitForm(page, 'Continue');
		await expect(page).toHaveURL('/');
		await expect(page.getByTestId('signed-in-as')).toContainText(name);
		await open(page, '/account');
		await expect(page.getByText('You have 9 unused recovery codes.')).toBeVisible();
	});

	await test.step('a used recovery code or app code does not work again; a new code does', async () => {
		await signOut(page);
		await submitSignIn(page, email, password);
		await expect(page).toHaveURL('/sign-in/two-factor');
		const codeError =
			'The code is not right, or it has already been used. Enter the newest code from your app';
		await page.getByLabel('Enter your security code').fill(recoveryCodes[0]!);
		await submitForm(page, 'Continue');
		await expectErrorSummary(page, { code: codeError });
		await page.getByLabel('Enter your security code').fill(totpCode(key, usedStep));
		await submitForm(page, 'Continue');
		await expectErrorSummary(page, { code: codeError });

		await page.getByLabel('Enter your security code').fill(await nextTotpCode(page, key, usedStep));
		await submitForm(page, 'Continue');
		await expect(page).toHaveURL('/');
		await expect(page.getByTestId('signed-in-as')).toContainText(name);
	});
	await context.close();

	await test.step('the audit log records the invitation and the role given', async () => {
		await open(admin, '/admin/audit');
		const invited = admin.getByRole('row').filter({ hasText: 'user.invited' });
		await expect(invited.filter({ hasText: email })).toHaveCount(1);
		await expect(invited.filter({ hasText: email })).toContainText('Alex Morgan');
		const rolesChanged = admin
			.getByRole('row')
			.filter({ hasText: 'user.roles-changed' })
			.filter({
				has: admin.getByRole('cell', { name: `user ${invitation.userId}`, exact: true })
			});
		await expect(rolesChanged).toHaveCount(1);
		await expect(rolesChanged).toContainText('"to":"member"');
		await expect(
			admin
				.getByRole('row')
				.filter({ hasText: 'user.invitation-accepted' })
				.filter({ hasText: name })
		).toHaveCount(1);
		await expect(
			admin
				.getByRole('row')
				.filter({ hasText: 'sign-in.succeeded-with-recovery-code' })
				.filter({ hasText: name })
		).toHaveCount(1);
	});
});
