import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Page } from '@playwright/test';

/** The authenticator app a person signs in with two-factor from: its codes, as the app checks them. */

const TOTP_PERIOD_SECONDS = 30;

export function totpStep(now = Date.now()): number {
	return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** The 6-digit code for a time step. */
export function totpCode(key: Uint8Array, step = totpStep()): string {
	return generateHOTP(key, BigInt(step), 6);
}

/** A 6-digit code that matches none of the steps a server would accept now. */
export function wrongTotpCode(key: Uint8Array): string {
	const step = totpStep();
	const valid = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(key, step + offset)));
	return ['000000', '111111', '222222'].find((code) => !valid.has(code))!;
}

/**
 * A code from a later time step than `usedStep`: a code works once, so the next sign-in has to
 * wait for the app to show a new one (at most 30 seconds).
 */
export async function nextTotpCode(page: Page, key: Uint8Array, usedStep: number) {
	const nextStepAt = (usedStep + 1) * TOTP_PERIOD_SECONDS * 1000;
	const wait = nextStepAt - Date.now();
	if (wait > 0) await page.waitForTimeout(wait + 250);
	return totpCode(key);
}

/** Reads the set-up key from the two-factor page, as someone who cannot scan the QR code would. */
export async function readTotpKey(page: Page): Promise<Uint8Array> {
	const text = await page.getByTestId('totp-key').textContent();
	return decodeBase32IgnorePadding((text ?? '').replace(/\s+/g, ''));
}
