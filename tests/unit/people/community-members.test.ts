import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import {
	addMembers,
	changeRoles,
	findPeopleToAdd,
	listMembers
} from '$lib/server/people/community-members';
import { mayChangeRole, rolesManagedBy } from '$lib/server/policy/membership';
import { addCommunity, addUser, countRows, freshDatabase } from '../helpers';

let database: OpenDatabase;
let communityId: number;
const actor = { id: 0, ip: '192.0.2.9' };
const people: Record<'ann' | 'bob' | 'cat' | 'dan', number> = { ann: 0, bob: 0, cat: 0, dan: 0 };

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	actor.id = (await addUser(database, { administrator: true, name: 'Admin' })).id;
	communityId = await addCommunity(db, 'Bromyard', 'North');
	people.ann = (await addUser(database, { name: 'Ann Lee', email: 'ann@police.example' })).id;
	people.bob = (await addUser(database, { name: 'Bob Fox', email: 'bob@school.example' })).id;
	people.cat = (await addUser(database, { name: 'Cat Ng', email: 'cat@school.example' })).id;
	people.dan = (await addUser(database, { name: 'Dan Roe', email: 'dan@school.example' })).id;
	await db
		.updateTable('user')
		.set({ disabled_at: new Date().toISOString() })
		.where('id', '=', people.dan)
		.execute();
});
afterAll(() => database.close());

async function rolesNow() {
	return database.db
		.selectFrom('community_membership')
		.select(['user_id', 'role'])
		.where('community_id', '=', communityId)
		.orderBy('user_id')
		.execute();
}

const auditCount = () => countRows(database.db, 'audit_log');

/** The members page's post adding Bob and Ann as members, always with the same form key. */
const postBobAndAnnAsMembers = () =>
	addMembers(
		database.db,
		communityId,
		[people.bob, people.ann],
		'member',
		actor,
		'AAAAAAAAAAAAAAAAAAAAAA'
	);

describe('who may change a MAG’s members', () => {
	it('lets administrators give every role, and the chair and coordinators only members', () => {
		expect(rolesManagedBy({ isAdministrator: true }, null)).toEqual([
			'chair',
			'coordinator',
			'member'
		]);
		expect(rolesManagedBy({ isAdministrator: false }, 'chair')).toEqual(['member']);
		expect(rolesManagedBy({ isAdministrator: false }, 'coordinator')).toEqual(['member']);
		expect(rolesManagedBy({ isAdministrator: false }, 'member')).toEqual([]);
		expect(rolesManagedBy({ isAdministrator: false }, null)).toEqual([]);
		const coordinator = ['member' as const];
		expect(mayChangeRole(coordinator, null, 'member')).toBe(true);
		expect(mayChangeRole(coordinator, 'member', null)).toBe(true);
		expect(mayChangeRole(coordinator, 'member', 'coordinator')).toBe(false);
		expect(mayChangeRole(coordinator, 'chair', null)).toBe(false);
		expect(mayChangeRole(coordinator, null, 'chair')).toBe(false);
	});
});

describe('adding people to a MAG', () => {
	it('finds people not in it by name, email or agency, never a disabled account', async () => {
		const { db } = database;
		expect((await findPeopleToAdd(db, communityId, '', 2)).total).toBe(4);
		const school = await findPeopleToAdd(db, communityId, 'SCHOOL.example', 10);
		expect(school.people.map((p) => p.name)).toEqual(['Bob Fox', 'Cat Ng']);
		expect((await findPeopleToAdd(db, communityId, '%', 10)).total).toBe(0);
	});

	it('adds several people with one role in one go, audited one by one', async () => {
		const before = await auditCount();
		const answer = await postBobAndAnnAsMembers();
		expect(answer).toEqual({
			ok: true,
			added: [
				{ userId: people.ann, name: 'Ann Lee', from: null, to: 'member' },
				{ userId: people.bob, name: 'Bob Fox', from: null, to: 'member' }
			]
		});
		expect(await rolesNow()).toEqual([
			{ user_id: people.ann, role: 'member' },
			{ user_id: people.bob, role: 'member' }
		]);
		const entries = await database.db
			.selectFrom('audit_log')
			.select(['action', 'record_id', 'detail'])
			.where('id', '>', before)
			.orderBy('id')
			.execute();
		expect(entries).toEqual([
			{
				action: 'user.roles-changed',
				record_id: String(people.ann),
				detail: JSON.stringify({
					communities: [{ communityId, from: null, to: 'member' }],
					via: 'community members page'
				})
			},
			{
				action: 'user.roles-changed',
				record_id: String(people.bob),
				detail: JSON.stringify({
					communities: [{ communityId, from: null, to: 'member' }],
					via: 'community members page'
				})
			}
		]);
		expect(
			(await findPeopleToAdd(database.db, communityId, '', 10)).people.map((p) => p.name)
		).toEqual(['Admin', 'Cat Ng']);
	});

	it('answers the same post again as the first, and keeps the role of someone already in', async () => {
		const before = await auditCount();
		const again = await postBobAndAnnAsMembers();
		expect(again.ok && again.added).toHaveLength(2);
		const chairNow = await addMembers(database.db, communityId, [people.ann], 'chair', actor, null);
		expect(chairNow).toEqual({ ok: true, added: [] });
		expect(await auditCount()).toBe(before);
		expect((await rolesNow())[0]).toEqual({ user_id: people.ann, role: 'member' });
	});

	it('adds no one to a retired community', async () => {
		await database.db
			.updateTable('community')
			.set({ retired_at: new Date().toISOString() })
			.where('id', '=', communityId)
			.execute();
		const before = await rolesNow();
		expect(await addMembers(database.db, communityId, [people.dan], 'member', actor, null)).toEqual(
			{ ok: false, reason: 'retired' }
		);
		expect(await rolesNow()).toEqual(before);
		await database.db
			.updateTable('community')
			.set({ retired_at: null })
			.where('id', '=', communityId)
			.execute();
	});

	it('refuses the whole save if anyone chosen is disabled or does not exist', async () => {
		expect(
			await addMembers(database.db, communityId, [people.cat, people.dan], 'member', actor, null)
		).toEqual({
			ok: false,
			reason: 'unknown-person'
		});
		expect(
			await addMembers(database.db, communityId, [people.cat, 99999], 'member', actor, null)
		).toEqual({
			ok: false,
			reason: 'unknown-person'
		});
		expect((await rolesNow()).map((r) => r.user_id)).not.toContain(people.cat);
	});
});

describe('changing and removing roles', () => {
	it('changes and removes in one go, audited', async () => {
		const answer = await changeRoles(
			database.db,
			communityId,
			[
				{ userId: people.ann, was: 'member', to: 'chair' },
				{ userId: people.bob, was: 'member', to: null }
			],
			actor,
			null
		);
		expect(answer).toEqual({
			ok: true,
			changed: [
				{ userId: people.ann, name: 'Ann Lee', from: 'member', to: 'chair' },
				{ userId: people.bob, name: 'Bob Fox', from: 'member', to: null }
			]
		});
		expect(await rolesNow()).toEqual([{ user_id: people.ann, role: 'chair' }]);
		expect((await listMembers(database.db, communityId)).map((m) => [m.name, m.role])).toEqual([
			['Ann Lee', 'chair']
		]);
	});

	it('saves nothing when someone else changed a role since the page was loaded', async () => {
		await addMembers(database.db, communityId, [people.cat], 'member', actor, null);
		const before = await auditCount();
		const answer = await changeRoles(
			database.db,
			communityId,
			[
				{ userId: people.cat, was: 'member', to: 'coordinator' },
				// The page still showed Ann as a member, and Bob as in the MAG.
				{ userId: people.ann, was: 'member', to: null },
				{ userId: people.bob, was: 'member', to: 'chair' }
			],
			actor,
			null
		);
		expect(answer).toEqual({
			ok: false,
			conflicts: [
				{ userId: people.ann, name: 'Ann Lee', now: 'chair' },
				{ userId: people.bob, name: 'Bob Fox', now: null }
			]
		});
		expect(await auditCount()).toBe(before);
		expect(await rolesNow()).toEqual([
			{ user_id: people.ann, role: 'chair' },
			{ user_id: people.cat, role: 'member' }
		]);
	});
});
