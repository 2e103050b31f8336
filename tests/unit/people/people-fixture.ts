import { afterAll, beforeAll } from 'vitest';
import { hashPassword } from '$lib/server/auth/password';
import type { OpenDatabase } from '$lib/server/platform/db';
import { addCommunities, addUser, freshDatabase } from '../helpers';

/**
 * What the tests of people share: one database for the file (usePeopleFixture) with an
 * administrator, an agency, two communities and a password hash made once (hashing is slow).
 */

export let database: OpenDatabase;
export let admin: { id: number; ip: string };
export let agencyId: number;
export let communityIds: number[];
export let passwordHash: string;

export function usePeopleFixture() {
	beforeAll(async () => {
		database = await freshDatabase();
		const { db } = database;
		const adminUser = await addUser(database, { administrator: true });
		admin = { id: adminUser.id, ip: '192.0.2.1' };
		agencyId = (
			await db
				.insertInto('agency')
				.values({ name: 'Youth Service', sector: 'Youth' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		communityIds = await addCommunities(db, 'North', ['Bromyard', 'Ledbury']);
		passwordHash = await hashPassword('river-kettle-lantern');
	});
	afterAll(() => database.close());
}
