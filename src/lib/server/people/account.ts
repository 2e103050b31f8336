import type { DB } from '../platform/db';
import { recordAudit } from '../audit/log';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { matchTotp, replaceRecoveryCodes } from '../auth/totp';

export async function accountSummary(db: DB, userId: number) {
	const user = await db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select([
			'user.name',
			'user.email',
			'user.job_title',
			'agency.name as agencyName',
			'user.totp_key'
		])
		.where('user.id', '=', userId)
		.executeTakeFirstOrThrow();
	const codes = await db
		.selectFrom('recovery_code')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return {
		name: user.name,
		email: user.email,
		jobTitle: user.job_title,
		agencyName: user.agencyName,
		hasTwoFactor: user.totp_key !== null,
		recoveryCodesLeft: Number(codes.n)
	};
}

/**
 * Turns on two-factor sign-in once the person proves their app holds the key, and returns their
 * recovery codes (shown once). The code used to prove it is spent.
 */
export async function enableTwoFactor(
	db: DB,
	userId: number,
	key: Uint8Array,
	code: string,
	ip: string | null,
	now = new Date()
): Promise<string[] | null> {
	const step = matchTotp(key, code, now);
	if (step === null) return null;
	return db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ totp_key: key, totp_last_step: step })
			.where('id', '=', userId)
			.execute();
		const codes = await replaceRecoveryCodes(trx, userId);
		await recordAudit(
			trx,
			{ actorId: userId, action: 'two-factor.enabled', recordType: 'user', recordId: userId, ip },
			now
		);
		return codes;
	});
}

export async function newRecoveryCodes(
	db: DB,
	userId: number,
	ip: string | null
): Promise<string[]> {
	return db.transaction().execute(async (trx) => {
		const codes = await replaceRecoveryCodes(trx, userId);
		await recordAudit(trx, {
			actorId: userId,
			action: 'two-factor.recovery-codes-replaced',
			recordType: 'user',
			recordId: userId,
			ip
		});
		return codes;
	});
}

/** Turns two-factor off for a person (themselves, where their role allows it, or an administrator's reset). */
export async function removeTwoFactor(
	db: DB,
	userId: number,
	actor: { id: number; ip: string | null }
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ totp_key: null, totp_last_step: null })
			.where('id', '=', userId)
			.execute();
		await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
		await recordAudit(trx, {
			actorId: actor.id,
			action: actor.id === userId ? 'two-factor.disabled' : 'two-factor.reset-by-administrator',
			recordType: 'user',
			recordId: userId,
			ip: actor.ip
		});
	});
}

export type PasswordChange =
	{ ok: true } | { ok: false; field: 'currentPassword' | 'newPassword'; message: string };

/** Changing a password signs the person out everywhere else. */
export async function changePassword(
	db: DB,
	input: {
		userId: number;
		sessionId: string;
		currentPassword: string;
		newPassword: string;
		ip: string | null;
	}
): Promise<PasswordChange> {
	const user = await db
		.selectFrom('user')
		.select(['password_hash', 'name', 'email'])
		.where('id', '=', input.userId)
		.executeTakeFirstOrThrow();
	if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
		return { ok: false, field: 'currentPassword', message: 'Your current password is not right' };
	}
	const problem = passwordProblem(input.newPassword, [user.name, user.email.split('@')[0] ?? '']);
	if (problem) return { ok: false, field: 'newPassword', message: problem };
	const passwordHash = await hashPassword(input.newPassword);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash })
			.where('id', '=', input.userId)
			.execute();
		await invalidateUserSessions(trx, input.userId, input.sessionId);
		await recordAudit(trx, {
			actorId: input.userId,
			action: 'password.changed',
			recordType: 'user',
			recordId: input.userId,
			ip: input.ip
		});
	});
	return { ok: true };
}
