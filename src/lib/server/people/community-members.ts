import { sql } from 'kysely';
import type { DB } from '../platform/db';
import type { CommunityRole } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { membersWithAccount } from './queries';

/**
 * Who is in a community's MAG, changed from the community's own page (`/communities/ID/members`).
 * Who may do what is the policy's (src/lib/server/policy/membership.ts); here each save is one
 * transaction with a `user.roles-changed` entry per person, as the person's page under Users
 * writes it.
 */

export interface MemberRow {
	id: number;
	name: string;
	email: string;
	jobTitle: string | null;
	agencyName: string | null;
	role: CommunityRole;
}

/** The MAG's members with an account that works, by name. */
export async function listMembers(db: DB, communityId: number): Promise<MemberRow[]> {
	return membersWithAccount(db, communityId)
		.select([
			'user.id',
			'user.name',
			'user.email',
			'user.job_title as jobTitle',
			'agency.name as agencyName',
			'community_membership.role'
		])
		.orderBy('user.name')
		.orderBy('user.id')
		.execute();
}

export type Candidate = Omit<MemberRow, 'role'>;

/**
 * People with a working account who are not in this MAG, whose name, email address or agency
 * holds the search words (any case), by name: the first `limit`, and how many match in all.
 */
export async function findPeopleToAdd(
	db: DB,
	communityId: number,
	search: string,
	limit: number
): Promise<{ people: Candidate[]; total: number }> {
	const needle = search.trim().toLowerCase();
	let query = db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.where('user.disabled_at', 'is', null)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('community_membership')
						.select('community_membership.user_id')
						.whereRef('community_membership.user_id', '=', 'user.id')
						.where('community_membership.community_id', '=', communityId)
				)
			)
		);
	if (needle !== '') {
		query = query.where(
			sql<boolean>`instr(lower(${sql.ref('user.name')} || ' ' || ${sql.ref('user.email')} || ' ' || coalesce(${sql.ref('agency.name')}, '')), ${needle}) > 0`
		);
	}
	const [people, count] = await Promise.all([
		query
			.select([
				'user.id',
				'user.name',
				'user.email',
				'user.job_title as jobTitle',
				'agency.name as agencyName'
			])
			.orderBy('user.name')
			.orderBy('user.id')
			.limit(limit)
			.execute(),
		query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { people, total: Number(count.n) };
}

export interface RoleChanged {
	userId: number;
	name: string;
	from: CommunityRole | null;
	to: CommunityRole | null;
}

async function recordRoleChange(
	trx: DB,
	communityId: number,
	change: RoleChanged,
	actor: Actor,
	now: Date
) {
	await recordAudit(
		trx,
		{
			actorId: actor.id,
			action: 'user.roles-changed',
			recordType: 'user',
			recordId: change.userId,
			ip: actor.ip,
			detail: {
				communities: [{ communityId, from: change.from, to: change.to }],
				via: 'community members page'
			}
		},
		now
	);
}

export type AddAnswer =
	{ ok: true; added: RoleChanged[] } | { ok: false; reason: 'unknown-person' | 'retired' };

/**
 * Adds people to the MAG with one role. Someone already in it (a second click, or a colleague
 * who added them meanwhile) keeps the role they have. A person who does not exist or whose
 * account is disabled refuses the whole save.
 */
export async function addMembers(
	db: DB,
	communityId: number,
	userIds: number[],
	role: CommunityRole,
	actor: Actor,
	formKey: string | null,
	now = new Date()
): Promise<AddAnswer> {
	if (userIds.length === 0) return { ok: true, added: [] };
	const key = { token: formKey, userId: actor.id, form: `community-members-add:${communityId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<AddAnswer>(trx, key);
		if (earlier) return earlier;
		// A retired community takes no new members (Council → the community).
		const community = await trx
			.selectFrom('community')
			.select('retired_at')
			.where('id', '=', communityId)
			.executeTakeFirst();
		if (community?.retired_at) return { ok: false, reason: 'retired' } as const;
		const people = await trx
			.selectFrom('user')
			.leftJoin('community_membership as m', (join) =>
				join.onRef('m.user_id', '=', 'user.id').on('m.community_id', '=', communityId)
			)
			.select(['user.id', 'user.name', 'm.role'])
			.where('user.id', 'in', userIds)
			.where('user.disabled_at', 'is', null)
			.orderBy('user.name')
			.execute();
		if (people.length !== new Set(userIds).size) return { ok: false, reason: 'unknown-person' };
		const added: RoleChanged[] = [];
		for (const person of people) {
			if (person.role !== null) continue;
			await trx
				.insertInto('community_membership')
				.values({ user_id: person.id, community_id: communityId, role })
				.execute();
			const change = { userId: person.id, name: person.name, from: null, to: role };
			await recordRoleChange(trx, communityId, change, actor, now);
			added.push(change);
		}
		const answer = { ok: true, added } as const;
		await rememberAnswer(trx, key, answer, now);
		return answer;
	});
}

export interface RequestedChange {
	userId: number;
	/** The role the page showed when it was loaded. */
	was: CommunityRole;
	/** null: take them out of the MAG. */
	to: CommunityRole | null;
}

export type ChangeAnswer =
	| { ok: true; changed: RoleChanged[] }
	/** Someone else changed these people's roles since the page was loaded: nothing was saved. */
	| { ok: false; conflicts: { userId: number; name: string; now: CommunityRole | null }[] };

/**
 * Changes or removes roles, all or none. Each change says what the page showed; if someone else
 * has changed that person's role since, nothing is saved and they are named, so no one's change
 * is overwritten without being seen.
 */
export async function changeRoles(
	db: DB,
	communityId: number,
	changes: RequestedChange[],
	actor: Actor,
	formKey: string | null,
	now = new Date()
): Promise<ChangeAnswer> {
	const key = { token: formKey, userId: actor.id, form: `community-members-change:${communityId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<ChangeAnswer>(trx, key);
		if (earlier) return earlier;
		const ids = changes.map((c) => c.userId);
		const current = ids.length
			? await trx
					.selectFrom('user')
					.leftJoin('community_membership as m', (join) =>
						join.onRef('m.user_id', '=', 'user.id').on('m.community_id', '=', communityId)
					)
					.select(['user.id', 'user.name', 'm.role'])
					.where('user.id', 'in', ids)
					.execute()
			: [];
		const byId = new Map(current.map((row) => [row.id, row]));
		const conflicts = changes
			.filter((c) => byId.get(c.userId)?.role !== c.was)
			.map((c) => ({
				userId: c.userId,
				name: byId.get(c.userId)?.name ?? 'Someone',
				now: byId.get(c.userId)?.role ?? null
			}));
		if (conflicts.length > 0) return { ok: false, conflicts };
		const changed: RoleChanged[] = [];
		for (const c of changes) {
			if (c.to === c.was) continue;
			if (c.to === null) {
				await trx
					.deleteFrom('community_membership')
					.where('user_id', '=', c.userId)
					.where('community_id', '=', communityId)
					.execute();
			} else {
				await trx
					.updateTable('community_membership')
					.set({ role: c.to })
					.where('user_id', '=', c.userId)
					.where('community_id', '=', communityId)
					.execute();
			}
			const change = { userId: c.userId, name: byId.get(c.userId)!.name, from: c.was, to: c.to };
			await recordRoleChange(trx, communityId, change, actor, now);
			changed.push(change);
		}
		const answer = { ok: true, changed } as const;
		await rememberAnswer(trx, key, answer, now);
		return answer;
	});
}
