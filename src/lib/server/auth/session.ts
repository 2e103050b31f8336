import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { DB } from '../platform/db';
import type { CommunityRole } from '../platform/schema';
import { randomToken, sha256Bytes } from './tokens';

/**
 * Sessions as Lucia's guide teaches them: the cookie holds `<id>.<secret>`; the database holds the id
 * and only a SHA-256 hash of the secret, compared in constant time. A stolen database copy cannot
 * be turned into a working cookie.
 */

export interface SessionPolicy {
	idleMinutes: number;
	absoluteHours: number;
}

export interface SessionUser {
	id: number;
	name: string;
	email: string;
	agencyName: string | null;
	isAdministrator: boolean;
	/** The data protection officer: reads the audit log, and nothing else an administrator can. */
	isDataProtectionOfficer: boolean;
	/** An early help manager: every community's reports (counts only), no family data. */
	isManager: boolean;
	/** The front-door team: the contact log and its report, council-wide. */
	isFrontDoor: boolean;
	hasTwoFactor: boolean;
	/** The strongest role the person holds in any community, or null for none. */
	communityRoles: CommunityRole[];
}

export interface SessionInfo {
	id: string;
	createdAt: string;
	expiresAt: string;
	twoFactorVerified: boolean;
	/** Begun at the council's identity provider, which said the person gave a second factor there. */
	secondFactorAtProvider?: boolean;
}

export type SessionCheck =
	| { ok: true; session: SessionInfo; user: SessionUser }
	| { ok: false; reason: 'missing' | 'idle' | 'expired' };

/**
 * A session's last use is written at most this often, not on every request, to spare the database
 * a write per page; the idle limit counts from the last use written. A quarter of the idle limit
 * (a minute at most) keeps the two close: with SESSION_IDLE_MINUTES=1, requests 40 seconds apart
 * are each written, so the person stays signed in and is signed out a minute after the last one.
 * Requests closer together than the interval can bring the sign-out forward by less than it.
 */
function refreshAfterMs(policy: SessionPolicy): number {
	return Math.min(60_000, (policy.idleMinutes * 60_000) / 4);
}

export async function createSession(
	db: DB,
	userId: number,
	options: { twoFactorVerified: boolean; ip: string | null },
	now = new Date()
): Promise<{ token: string; id: string }> {
	const id = randomToken(15);
	const secret = randomToken(20);
	await db
		.insertInto('session')
		.values({
			id,
			secret_hash: sha256Bytes(secret),
			user_id: userId,
			created_at: now.toISOString(),
			last_used_at: now.toISOString(),
			two_factor_verified: options.twoFactorVerified ? 1 : 0,
			ip: options.ip
		})
		.execute();
	return { token: `${id}.${secret}`, id };
}

export function sessionExpiresAt(createdAt: string, policy: SessionPolicy): Date {
	return new Date(Date.parse(createdAt) + policy.absoluteHours * 3_600_000);
}

export async function validateSession(
	db: DB,
	token: string,
	policy: SessionPolicy,
	now = new Date()
): Promise<SessionCheck> {
	const [id, secret, extra] = token.split('.');
	if (!id || !secret || extra !== undefined) return { ok: false, reason: 'missing' };

	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.leftJoin('single_sign_on_session', 'single_sign_on_session.session_id', 'session.id')
		.select([
			'session.id',
			'session.secret_hash',
			'session.created_at',
			'session.last_used_at',
			'session.two_factor_verified',
			'user.id as userId',
			'user.name',
			'user.email',
			'user.is_administrator',
			'user.is_dpo',
			'user.is_manager',
			'user.is_front_door',
			'user.totp_key',
			'user.disabled_at',
			'agency.name as agencyName',
			'single_sign_on_session.multi_factor'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return { ok: false, reason: 'missing' };
	if (!constantTimeEqual(sha256Bytes(secret), new Uint8Array(row.secret_hash))) {
		return { ok: false, reason: 'missing' };
	}
	if (row.disabled_at !== null) {
		await invalidateSession(db, id);
		return { ok: false, reason: 'missing' };
	}
	const expiresAt = sessionExpiresAt(row.created_at, policy);
	if (now >= expiresAt) {
		await invalidateSession(db, id);
		return { ok: false, reason: 'expired' };
	}
	const lastUsed = Date.parse(row.last_used_at);
	if (now.getTime() - lastUsed >= policy.idleMinutes * 60_000) {
		await invalidateSession(db, id);
		return { ok: false, reason: 'idle' };
	}
	if (now.getTime() - lastUsed >= refreshAfterMs(policy)) {
		await db
			.updateTable('session')
			.set({ last_used_at: now.toISOString() })
			.where('id', '=', id)
			.execute();
	}
	const roles = await db
		.selectFrom('community_membership')
		.select('role')
		.distinct()
		.where('user_id', '=', row.userId)
		.execute();
	return {
		ok: true,
		session: {
			id: row.id,
			createdAt: row.created_at,
			expiresAt: expiresAt.toISOString(),
			twoFactorVerified: row.two_factor_verified === 1,
			secondFactorAtProvider: row.multi_factor === 1
		},
		user: {
			id: row.userId,
			name: row.name,
			email: row.email,
			agencyName: row.agencyName,
			isAdministrator: row.is_administrator === 1,
			isDataProtectionOfficer: row.is_dpo === 1,
			isManager: row.is_manager === 1,
			isFrontDoor: row.is_front_door === 1,
			hasTwoFactor: row.totp_key !== null,
			communityRoles: roles.map((r) => r.role)
		}
	};
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(
	db: DB,
	userId: number,
	exceptSessionId?: string
): Promise<void> {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
	await query.execute();
}
