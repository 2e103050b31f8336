import type { DB } from '../platform/db';

/**
 * Sign-in throttling, kept in the database so a restart does not reset it. Failures are counted
 * against the email typed, whether or not an account has it, so the answer never reveals which
 * emails exist. Second-factor failures count against the same email.
 */
export const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 60;
const MAX_DELAY_SECONDS = 60 * 60;
const ACCOUNT_WINDOW_MS = 24 * 3_600_000;
export const ADDRESS_LIMIT = 50;
const ADDRESS_WINDOW_MS = 15 * 60_000;

export type ThrottleCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** 1, 2, 4, 8 … minutes after the fifth failure in a row, at most an hour. */
export function delayAfterFailures(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

export async function checkThrottle(
	db: DB,
	email: string,
	ip: string,
	now = new Date()
): Promise<ThrottleCheck> {
	const account = normaliseEmail(email);
	const lastSuccess = await db
		.selectFrom('sign_in_attempt')
		.select('attempted_at')
		.where('email', '=', account)
		.where('succeeded', '=', 1)
		.orderBy('attempted_at', 'desc')
		.limit(1)
		.executeTakeFirst();
	const since = new Date(now.getTime() - ACCOUNT_WINDOW_MS).toISOString();
	const from = lastSuccess && lastSuccess.attempted_at > since ? lastSuccess.attempted_at : since;
	const failures = await db
		.selectFrom('sign_in_attempt')
		.select([
			(eb) => eb.fn.countAll<number>().as('count'),
			(eb) => eb.fn.max('attempted_at').as('last')
		])
		.where('email', '=', account)
		.where('succeeded', '=', 0)
		.where('attempted_at', '>', from)
		.executeTakeFirstOrThrow();
	const delay = delayAfterFailures(Number(failures.count));
	if (delay > 0 && failures.last) {
		const waitUntil = Date.parse(failures.last) + delay * 1000;
		if (waitUntil > now.getTime()) {
			return { allowed: false, retryAfterSeconds: Math.ceil((waitUntil - now.getTime()) / 1000) };
		}
	}

	const addressFailures = await db
		.selectFrom('sign_in_attempt')
		.select('attempted_at')
		.where('ip', '=', ip)
		.where('succeeded', '=', 0)
		.where('attempted_at', '>', new Date(now.getTime() - ADDRESS_WINDOW_MS).toISOString())
		.orderBy('attempted_at', 'desc')
		.limit(ADDRESS_LIMIT)
		.execute();
	if (addressFailures.length >= ADDRESS_LIMIT) {
		const oldest = addressFailures[addressFailures.length - 1]!;
		const waitUntil = Date.parse(oldest.attempted_at) + ADDRESS_WINDOW_MS;
		return { allowed: false, retryAfterSeconds: Math.ceil((waitUntil - now.getTime()) / 1000) };
	}
	return { allowed: true };
}

export async function recordAttempt(
	db: DB,
	attempt: { email: string; ip: string; stage: 'password' | 'two-factor'; succeeded: boolean },
	now = new Date()
): Promise<void> {
	await db
		.insertInto('sign_in_attempt')
		.values({
			email: normaliseEmail(attempt.email),
			ip: attempt.ip,
			stage: attempt.stage,
			succeeded: attempt.succeeded ? 1 : 0,
			attempted_at: now.toISOString()
		})
		.execute();
	// Attempts older than the longest window count for nothing; the audit log keeps the history.
	await db
		.deleteFrom('sign_in_attempt')
		.where('attempted_at', '<', new Date(now.getTime() - ACCOUNT_WINDOW_MS).toISOString())
		.execute();
}

/** "2 minutes", "1 hour": for the message that tells someone how long to wait. */
export function waitInWords(seconds: number): string {
	if (seconds <= 60) return '1 minute';
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 60) return `${minutes} minutes`;
	return '1 hour';
}
