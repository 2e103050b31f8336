import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoSignIns, seedDemo } from '../../db/seed';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import type { OpenDatabase } from '$lib/server/db';
import { freshDatabase } from './helpers';

let database: OpenDatabase;
beforeAll(async () => {
	database = await freshDatabase();
});
afterAll(() => database.close());

async function counts() {
	const { db } = database;
	const count = async (
		table: 'agency' | 'locality' | 'community' | 'user' | 'community_membership'
	) =>
		Number(
			(
				await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		agencies: await count('agency'),
		localities: await count('locality'),
		communities: await count('community'),
		users: await count('user'),
		memberships: await count('community_membership')
	};
}

describe('the demo data', () => {
	it('holds the Herefordshire arrangement: 2 localities, 8 communities, ~15 agencies, a dozen practitioners', async () => {
		await seedDemo(database.db);
		const seeded = await counts();
		expect(seeded.localities).toBe(2);
		expect(seeded.communities).toBe(8);
		expect(seeded.agencies).toBeGreaterThanOrEqual(15);
		expect(seeded.users).toBeGreaterThanOrEqual(17);
	});

	it('gives every community a chair and a coordinator', async () => {
		const rows = await database.db
			.selectFrom('community')
			.leftJoin('community_membership', 'community_membership.community_id', 'community.id')
			.select(['community.name', 'community_membership.role'])
			.execute();
		for (const community of new Set(rows.map((r) => r.name))) {
			const roles = rows.filter((r) => r.name === community).map((r) => r.role);
			expect(roles, community).toContain('chair');
			expect(roles, community).toContain('coordinator');
		}
	});

	it('adds nothing twice when run again', async () => {
		const before = await counts();
		await seedDemo(database.db);
		expect(await counts()).toEqual(before);
	});

	it.each(demoSignIns)('lets the $role sign in with the printed password', async ({ email }) => {
		const result = await signInWithPassword(database.db, {
			email,
			password: DEMO_PASSWORD,
			ip: '127.0.0.1'
		});
		expect(result).toMatchObject({ ok: true });
	});
});
