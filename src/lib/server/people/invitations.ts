import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { normaliseEmail } from '../auth/throttle';
import { randomToken, sha256Hex } from '../auth/tokens';
import { queueInvitationMail } from '../mail/notifications';

/**
 * Invitations: an account is created with no password and a single-use link, emailed, for the
 * person to set one. There is no other way in: no one signs up.
 */

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
