import type { DB } from '../platform/db';
import { recordAudit } from '../audit/log';
import { verifyAgainstNothing, verifyPassword } from './password';
import { checkThrottle, normaliseEmail, recordAttempt } from './throttle';
import { useRecoveryCode, verifyUserTotp } from './totp';

export type SignInResult =
	| { ok: true; userId: number; needsTwoFactor: boolean }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * The password step. The answer is the same for an unknown email, a wrong password and a disabled
 * account, and takes the same time, so it never says whether an email has an account.
 */
export async function signInWithPassword(
	db: DB,
	input: { email: string; password: string; ip: string },
	now = new Date()
): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	const throttle = await checkThrottle(db, email, input.ip, now);
	if (!throttle.allowed) {
		await recordAudit(db, {
			actorId: null,
			action: 'sign-in.throttled',
			ip: input.ip,
			detail: { email }
		});
		return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
	}
	const user = await db
		.selectFrom('user')
		.select(['id', 'password_hash', 'disabled_at', 'totp_key'])
		.where('email', '=', email)
		.executeTakeFirst();
	const passwordOk =
		user?.password_hash && user.disabled_at === null
			? await verifyPassword(user.password_hash, input.password)
			: await verifyAgainstNothing(input.password);
	if (!user || !passwordOk) {
		await db.transaction().execute(async (trx) => {
			await recordAttempt(trx, { email, ip: input.ip, stage: 'password', succeeded: false }, now);
			await recordAudit(
				trx,
				{
					actorId: null,
					action: 'sign-in.failed',
					recordType: user ? 'user' : undefined,
					recordId: user?.id,
					ip: input.ip,
					detail: { email }
				},
				now
			);
		});
		return { ok: false, reason: 'invalid' };
	}
	const needsTwoFactor = user.totp_key !== null;
	await db.transaction().execute(async (trx) => {
		// A password alone is not a completed sign-in when a second factor follows: recording success
		// here would reset the failure count and let someone with the password guess codes for ever.
		if (!needsTwoFactor) {
			await recordAttempt(trx, { email, ip: input.ip, stage: 'password', succeeded: true }, now);
		}
		await recordAudit(
			trx,
			{
				actorId: user.id,
				action: needsTwoFactor ? 'sign-in.password-accepted' : 'sign-in.succeeded',
				recordType: 'user',
				recordId: user.id,
				ip: input.ip
			},
			now
		);
	});
	return { ok: true, userId: user.id, needsTwoFactor };
}

/**
 * The second step: a code from the authenticator app, or one of the recovery codes. `method` is
 * 'oidc' after a council account (single sign-on) rather than a password, for the audit log.
 */
export async function signInWithSecondFactor(
	db: DB,
	input: { userId: number; code: string; ip: string; method?: 'oidc' },
	now = new Date()
): Promise<SignInResult> {
	const user = await db
		.selectFrom('user')
		.select(['id', 'email'])
		.where('id', '=', input.userId)
		.executeTakeFirstOrThrow();
	const throttle = await checkThrottle(db, user.email, input.ip, now);
	if (!throttle.allowed) {
		return { ok: false, reason: 'throttled', retryAfterSeconds: throttle.retryAfterSeconds };
	}
	const code = input.code.trim();
	const isAppCode = /^\d{6}$/.test(code.replace(/\s+/g, ''));
	return db.transaction().execute(async (trx) => {
		const ok = isAppCode
			? await verifyUserTotp(trx, user.id, code, now)
			: await useRecoveryCode(trx, user.id, code, now);
		await recordAttempt(
			trx,
			{ email: user.email, ip: input.ip, stage: 'two-factor', succeeded: ok },
			now
		);
		await recordAudit(
			trx,
			{
				actorId: user.id,
				action: ok
					? isAppCode
						? 'sign-in.succeeded'
						: 'sign-in.succeeded-with-recovery-code'
					: 'sign-in.two-factor-failed',
				recordType: 'user',
				recordId: user.id,
				ip: input.ip,
				...(input.method ? { detail: { method: input.method } } : {})
			},
			now
		);
		return ok
			? ({ ok: true, userId: user.id, needsTwoFactor: false } as const)
			: ({ ok: false, reason: 'invalid' } as const);
	});
}
