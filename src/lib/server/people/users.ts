import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { invalidateUserSessions } from '../auth/session';
import { accountStatus, changeOfRoles, type AccountStatus, type UserChanges } from './user-rules';

/**
 * The people who use the app, as administrators manage them: their details, their roles in each
 * community, and whether they may sign in. Invitations are invitations.ts; who may do this is
 * policy/administration.ts.
 */

export interface UserListRow {
	id: number;
	name: string;
	email: string;
	agencyName: string | null;
	isAdministrator: boolean;
	status: AccountStatus;
	communityCount: number;
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
			'is_front_door',
			'disabled_at',
			'password_hash',
			'totp_key',
			'created_at'
		])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user) return undefined;
	const singleSignOn = await db
		.selectFrom('single_sign_on_identity')
		.select('id')
		.where('user_id', '=', userId)
		.executeTakeFirst();
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
		isFrontDoor: user.is_front_door === 1,
		status: accountStatus({ ...user, hasSingleSignOn: singleSignOn !== undefined }),
		hasTwoFactor: user.totp_key !== null,
		createdAt: user.created_at,
		memberships
	};
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
			.select(['is_administrator', 'is_dpo', 'is_manager', 'is_front_door', 'agency_id'])
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
				...(changes.isManager === undefined ? {} : { is_manager: changes.isManager ? 1 : 0 }),
				...(changes.isFrontDoor === undefined ? {} : { is_front_door: changes.isFrontDoor ? 1 : 0 })
			})
			.where('id', '=', userId)
			.execute();
		// A retired community takes no new members: a role there stays as it was, none is added.
		const retired = new Set(
			(
				await trx.selectFrom('community').select('id').where('retired_at', 'is not', null).execute()
			).map((c) => c.id)
		);
		const held = new Map(oldMemberships.map((m) => [m.community_id, m.role]));
		const memberships = new Map(
			[...changes.memberships].filter(([communityId]) => !retired.has(communityId))
		);
		for (const communityId of retired) {
			const role = held.get(communityId);
			if (role) memberships.set(communityId, role);
		}
		await trx.deleteFrom('community_membership').where('user_id', '=', userId).execute();
		const rows = [...memberships].map(([communityId, role]) => ({
			user_id: userId,
			community_id: communityId,
			role
		}));
		if (rows.length > 0) await trx.insertInto('community_membership').values(rows).execute();

		const { action, detail } = changeOfRoles(
			{
				memberships: new Map(oldMemberships.map((m) => [m.community_id, m.role])),
				isAdministrator: before.is_administrator === 1,
				isDataProtectionOfficer: before.is_dpo === 1,
				isManager: before.is_manager === 1,
				isFrontDoor: before.is_front_door === 1,
				agencyId: before.agency_id
			},
			{ ...changes, memberships }
		);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action,
				recordType: 'user',
				recordId: userId,
				ip: actor.ip,
				detail
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

/** Agencies a person can be given: a retired agency only for someone already in it (`keep`). */
export async function listAgencies(db: DB, keep: number | null = null) {
	return db
		.selectFrom('agency')
		.select(['id', 'name', 'sector'])
		.where((eb) => eb.or([eb('retired_at', 'is', null), eb('id', '=', keep ?? 0)]))
		.orderBy('name')
		.execute();
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
