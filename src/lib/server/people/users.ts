import type { DB } from '../platform/db';
import type { CommunityRole } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';

export type { Actor };
import { invalidateUserSessions } from '../auth/session';
import { normaliseEmail } from '../auth/throttle';
import { randomToken, sha256Hex } from '../auth/tokens';
import { queueInvitationMail } from '../mail/notifications';

export interface UserListRow {
	id: number;
	name: string;
	email: string;
	agencyName: string | null;
	isAdministrator: boolean;
	status: 'active' | 'invited' | 'disabled';
	communityCount: number;
}

export async function listUsers(db: DB): Promise<UserListRow[]> {
	const rows = await db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select((eb) => [
			'user.id',
			'user.name',
			'user.email',
			'agency.name as agencyName',
			'user.is_administrator',
			'user.disabled_at',
			'user.password_hash',
			eb
				.selectFrom('community_membership')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('community_membership.user_id', '=', 'user.id')
				.as('communityCount')
		])
		.orderBy('user.name')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		email: row.email,
		agencyName: row.agencyName,
		isAdministrator: row.is_administrator === 1,
		status: row.disabled_at ? 'disabled' : row.password_hash ? 'active' : 'invited',
		communityCount: Number(row.communityCount ?? 0)
	}));
}

export async function findUserForAdmin(db: DB, userId: number) {
	const user = await db
		.selectFrom('user')
		.select([
			'id',
			'name',
			'email',
			'job_title',
			'agency_id',
			'is_administrator',
			'is_dpo',
			'is_manager',
			'disabled_at',
			'password_hash',
			'totp_key',
			'created_at'
		])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) return undefined;
	const memberships = await db
		.selectFrom('community_membership')
		.select(['community_id as communityId', 'role'])
		.where('user_id', '=', userId)
		.execute();
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		jobTitle: user.job_title,
		agencyId: user.agency_id,
		isAdministrator: user.is_administrator === 1,
		isDataProtectionOfficer: user.is_dpo === 1,
		isManager: user.is_manager === 1,
		status: user.disabled_at
			? ('disabled' as const)
			: user.password_hash
				? ('active' as const)
				: ('invited' as const),
		hasTwoFactor: user.totp_key !== null,
		createdAt: user.created_at,
		memberships
	};
}

export interface NewInvitation {
	name: string;
	email: string;
	jobTitle: string | null;
	agencyId: number | null;
	isAdministrator: boolean;
}

async function issueInvitation(
	db: DB,
	userId: number,
	actor: Actor,
	hours: number,
	now: Date
): Promise<{ token: string; expiresAt: string }> {
	const token = randomToken(20);
	const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
	// A new link replaces any earlier one, so only the latest link works.
	await db
		.updateTable('invitation')
		.set({ used_at: now.toISOString() })
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.execute();
	await db
		.insertInto('invitation')
		.values({
			token_hash: sha256Hex(token),
			user_id: userId,
			invited_by: actor.id,
			created_at: now.toISOString(),
			expires_at: expiresAt,
			used_at: null
		})
		.execute();
	return { token, expiresAt };
}

export type InviteResult =
	{ ok: true; userId: number; token: string } | { ok: false; reason: 'email-taken' };

/**
 * Creates the account (no password yet) and a single-use link for the person to set one, emailed to
 * them. The actor is the administrator inviting, or null from the command line (which prints the
 * link for the first administrator instead).
 */
export async function inviteUser(
	db: DB,
	invitation: NewInvitation,
	actor: Actor | null,
	hours: number,
	now = new Date()
): Promise<InviteResult> {
	const email = normaliseEmail(invitation.email);
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('user')
			.select('id')
			.where('email', '=', email)
			.executeTakeFirst();
		if (existing) return { ok: false, reason: 'email-taken' } as const;
		const user = await trx
			.insertInto('user')
			.values({
				email,
				name: invitation.name.trim(),
				job_title: invitation.jobTitle?.trim() || null,
				agency_id: invitation.agencyId,
				is_administrator: invitation.isAdministrator ? 1 : 0,
				password_hash: null,
				totp_key: null,
				totp_last_step: null,
				disabled_at: null,
				created_at: now.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const inviter = actor ?? { id: user.id, ip: null };
		const { token, expiresAt } = await issueInvitation(trx, user.id, inviter, hours, now);
		if (actor) {
			await queueInvitationMail(trx, { userId: user.id, token, expiresAt, reissued: false }, now);
		}
		await recordAudit(
			trx,
			{
				actorId: actor?.id ?? null,
				action: 'user.invited',
				recordType: 'user',
				recordId: user.id,
				ip: inviter.ip,
				detail: {
					email,
					isAdministrator: invitation.isAdministrator,
					...(actor ? {} : { from: 'command line' })
				}
			},
			now
		);
		return { ok: true, userId: user.id, token } as const;
	});
}

/** A fresh link, emailed, for someone whose first one expired or was lost. */
export async function reissueInvitation(
	db: DB,
	userId: number,
	actor: Actor,
	hours: number,
	now = new Date()
): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const { token, expiresAt } = await issueInvitation(trx, userId, actor, hours, now);
		await queueInvitationMail(trx, { userId, token, expiresAt, reissued: true }, now);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'user.invitation-reissued',
				recordType: 'user',
				recordId: userId,
				ip: actor.ip
			},
			now
		);
		return token;
	});
}

/**
 * The first administrator of a new installation (`npm run create-admin`): an account with no password
 * and a single-use link to set one, an invitation from no one.
 */
export function createFirstAdministrator(
	db: DB,
	person: { name: string; email: string },
	hours: number,
	now = new Date()
): Promise<InviteResult> {
	return inviteUser(
		db,
		{ ...person, jobTitle: 'Administrator', agencyId: null, isAdministrator: true },
		null,
		hours,
		now
	);
}

export async function findInvitation(db: DB, token: string, now = new Date()) {
	const row = await db
		.selectFrom('invitation')
		.innerJoin('user', 'user.id', 'invitation.user_id')
		.select(['invitation.id', 'invitation.user_id as userId', 'user.name', 'user.email'])
		.where('invitation.token_hash', '=', sha256Hex(token))
		.where('invitation.used_at', 'is', null)
		.where('invitation.expires_at', '>', now.toISOString())
		.where('user.disabled_at', 'is', null)
		.executeTakeFirst();
	return row;
}

/**
 * Sets the invited person's password and spends the link, in one transaction. The hash is made
 * before the transaction starts: slow work never runs inside one.
 */
export async function acceptInvitation(
	db: DB,
	token: string,
	passwordHash: string,
	ip: string | null,
	now = new Date()
): Promise<number | null> {
	return db.transaction().execute(async (trx) => {
		const invitation = await findInvitation(trx, token, now);
		if (!invitation) return null;
		await trx
			.updateTable('invitation')
			.set({ used_at: now.toISOString() })
			.where('id', '=', invitation.id)
			.execute();
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash })
			.where('id', '=', invitation.userId)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: invitation.userId,
				action: 'user.invitation-accepted',
				recordType: 'user',
				recordId: invitation.userId,
				ip
			},
			now
		);
		return invitation.userId;
	});
}

export interface UserChanges {
	name: string;
	jobTitle: string | null;
	agencyId: number;
	isAdministrator: boolean;
	/** Left out: unchanged. */
	isDataProtectionOfficer?: boolean;
	/** Left out: unchanged. */
	isManager?: boolean;
	/** community id → role; a community not listed means no membership. */
	memberships: Map<number, CommunityRole>;
}

/** Saves an administrator's changes to a person's details and roles; role changes are audited. */
export async function updateUser(
	db: DB,
	userId: number,
	changes: UserChanges,
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('user')
			.select(['is_administrator', 'is_dpo', 'is_manager', 'agency_id'])
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		const oldMemberships = await trx
			.selectFrom('community_membership')
			.select(['community_id', 'role'])
			.where('user_id', '=', userId)
			.execute();
		await trx
			.updateTable('user')
			.set({
				name: changes.name.trim(),
				job_title: changes.jobTitle?.trim() || null,
				agency_id: changes.agencyId,
				is_administrator: changes.isAdministrator ? 1 : 0,
				...(changes.isDataProtectionOfficer === undefined
					? {}
					: { is_dpo: changes.isDataProtectionOfficer ? 1 : 0 }),
				...(changes.isManager === undefined ? {} : { is_manager: changes.isManager ? 1 : 0 })
			})
			.where('id', '=', userId)
			.execute();
		await trx.deleteFrom('community_membership').where('user_id', '=', userId).execute();
		const rows = [...changes.memberships].map(([communityId, role]) => ({
			user_id: userId,
			community_id: communityId,
			role
		}));
		if (rows.length > 0) await trx.insertInto('community_membership').values(rows).execute();

		const was = new Map(oldMemberships.map((m) => [m.community_id, m.role]));
		const roleChanges = [...new Set([...was.keys(), ...changes.memberships.keys()])]
			.filter((id) => was.get(id) !== changes.memberships.get(id))
			.map((id) => ({
				communityId: id,
				from: was.get(id) ?? null,
				to: changes.memberships.get(id) ?? null
			}));
		const adminChanged = (before.is_administrator === 1) !== changes.isAdministrator;
		const dpoChanged =
			changes.isDataProtectionOfficer !== undefined &&
			(before.is_dpo === 1) !== changes.isDataProtectionOfficer;
		const managerChanged =
			changes.isManager !== undefined && (before.is_manager === 1) !== changes.isManager;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action:
					roleChanges.length > 0 || adminChanged || dpoChanged || managerChanged
						? 'user.roles-changed'
						: 'user.updated',
				recordType: 'user',
				recordId: userId,
				ip: actor.ip,
				detail: {
					...(adminChanged ? { administrator: changes.isAdministrator } : {}),
					...(dpoChanged ? { dataProtectionOfficer: changes.isDataProtectionOfficer } : {}),
					...(managerChanged ? { manager: changes.isManager } : {}),
					...(roleChanges.length > 0 ? { communities: roleChanges } : {}),
					...(before.agency_id !== changes.agencyId ? { agencyId: changes.agencyId } : {})
				}
			},
			now
		);
	});
}

/** Disabling someone signs them out everywhere at once. */
export async function setUserDisabled(
	db: DB,
	userId: number,
	disabled: boolean,
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ disabled_at: disabled ? now.toISOString() : null })
			.where('id', '=', userId)
			.execute();
		if (disabled) await invalidateUserSessions(trx, userId);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: disabled ? 'user.disabled' : 'user.enabled',
				recordType: 'user',
				recordId: userId,
				ip: actor.ip
			},
			now
		);
	});
}

export async function listAgencies(db: DB) {
	return db.selectFrom('agency').select(['id', 'name', 'sector']).orderBy('name').execute();
}

export async function listCommunities(db: DB) {
	return db
		.selectFrom('community')
		.innerJoin('locality', 'locality.id', 'community.locality_id')
		.select(['community.id', 'community.name', 'locality.name as localityName'])
		.orderBy('locality.name')
		.orderBy('community.name')
		.execute();
}
