import type { DB } from '../../src/lib/server/platform/db';

/** Herefordshire's two localities and the four natural communities in each, each with its MAG. */
export const localities: Record<string, string[]> = {
	North: ['Mortimer and Leominster', 'Kington and Weobley', 'Bromyard', 'Hereford North City'],
	South: ['Golden Valley', 'Ross on Wye', 'Ledbury', 'Hereford South City']
};

/** The localities and their communities; one already there (matched on its name) is kept. */
export async function seedCommunities(db: DB): Promise<void> {
	for (const [locality, communities] of Object.entries(localities)) {
		await db
			.insertInto('locality')
			.values({ name: locality })
			.onConflict((oc) => oc.column('name').doNothing())
			.execute();
		const { id: localityId } = await db
			.selectFrom('locality')
			.select('id')
			.where('name', '=', locality)
			.executeTakeFirstOrThrow();
		for (const community of communities) {
			await db
				.insertInto('community')
				.values({ name: community, locality_id: localityId })
				.onConflict((oc) => oc.column('name').doNothing())
				.execute();
		}
	}
}
