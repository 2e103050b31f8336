import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { renderSVG } from 'uqr';
import type { DB } from '../platform/db';
import { randomToken, sha256Hex } from './tokens';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Accept the code before and after the current one, for a phone clock a little out. */
const DRIFT_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

export function newTotpKey(): Uint8Array {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return key;
}

export function encodeTotpKey(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

export function decodeTotpKey(text: string): Uint8Array | null {
	try {
		const key = decodeBase32IgnorePadding(text.replace(/\s+/g, '').toUpperCase());
		return key.length === 20 ? key : null;
	} catch {
		return null;
	}
}

export function totpSetup(key: Uint8Array, issuer: string, accountName: string) {
	const uri = createTOTPKeyURI(issuer, accountName, key, PERIOD_SECONDS, DIGITS);
	return {
		uri,
		qrSvg: renderSVG(uri),
		keyText: encodeTotpKey(key)
			.replace(/(.{4})/g, '$1 ')
			.trim()
	};
}

export function timeStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** The time step the code belongs to, or null when it matches none near now. */
export function matchTotp(key: Uint8Array, code: string, now = new Date()): number | null {
	const typed = new TextEncoder().encode(code.replace(/\s+/g, ''));
	const current = timeStep(now);
	for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
		const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), DIGITS));
		if (expected.length === typed.length && constantTimeEqual(expected, typed)) return step;
	}
	return null;
}

/**
 * Checks a code for a user with two-factor sign-in set up. A code works once: its time step is
 * recorded, and a code from the same or an earlier step is refused (a code seen over a shoulder
 * cannot be replayed within its 30 seconds).
 */
export async function verifyUserTotp(
	db: DB,
	userId: number,
	code: string,
	now = new Date()
): Promise<boolean> {
	const user = await db
		.selectFrom('user')
		.select(['totp_key', 'totp_last_step'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user?.totp_key) return false;
	const step = matchTotp(new Uint8Array(user.totp_key), code, now);
	if (step === null) return false;
	if (user.totp_last_step !== null && step <= user.totp_last_step) return false;
	const updated = await db
		.updateTable('user')
		.set({ totp_last_step: step })
		.where('id', '=', userId)
		.where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
		.executeTakeFirst();
	return updated.numUpdatedRows === 1n;
}

function normaliseRecoveryCode(code: string): string {
	return code.replace(/[\s-]+/g, '').toLowerCase();
}

/** Replaces the user's recovery codes with new ones, returned once for the person to keep. */
export async function replaceRecoveryCodes(db: DB, userId: number): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const raw = randomToken(10).slice(0, 16);
		return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
	});
	await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
	await db
		.insertInto('recovery_code')
		.values(
			codes.map((code) => ({
				user_id: userId,
				code_hash: sha256Hex(normaliseRecoveryCode(code)),
				used_at: null
			}))
		)
		.execute();
	return codes;
}

/** Uses up a recovery code: true once per code. */
export async function useRecoveryCode(
	db: DB,
	userId: number,
	code: string,
	now = new Date()
): Promise<boolean> {
	const result = await db
		.updateTable('recovery_code')
		.set({ used_at: now.toISOString() })
		.where('user_id', '=', userId)
		.where('code_hash', '=', sha256Hex(normaliseRecoveryCode(code)))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function remainingRecoveryCodes(db: DB, userId: number): Promise<number> {
	const row = await db
		.selectFrom('recovery_code')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
