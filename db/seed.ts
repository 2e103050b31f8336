import type { DB } from '../src/lib/server/platform/db';
import { hashPassword } from '../src/lib/server/auth/password';
import { seedAgencies } from './seed/agencies';
import { seedCommunities } from './seed/communities';
import { seedOpenCases } from './seed/families';
import { seedFrontDoor } from './seed/front-door';
import { seedMeetings } from './seed/meetings';
import { DEMO_PASSWORD, seedPeople } from './seed/people';

/**
 * Demo data after Herefordshire's "No Wrong Door" arrangement: two localities of four natural
 * communities each, the local agencies, a head of locality chairing each locality's MAGs, a
 * coordinator per locality, practitioners across agencies and an administrator. Every person is
 * fictional. Running it again adds nothing twice: rows are matched on their names and emails.
 */
export { DEMO_PASSWORD, demoSignIns, type DemoSignIn } from './seed/people';
export { DEMO_OPEN_CASES } from './seed/families';

export async function seedDemo(db: DB, now = new Date()): Promise<void> {
	// Hash once, before the transaction: slow work never runs inside one.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction().execute(async (trx) => {
		await seedAgencies(trx, now);
		await seedCommunities(trx);
		await seedPeople(trx, passwordHash, now);
		await seedMeetings(trx, now);
		await seedOpenCases(trx, now);
		await seedFrontDoor(trx, now);
	});
}

export async function isEmpty(db: DB): Promise<boolean> {
	const row = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}
