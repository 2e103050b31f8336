/**
 * The council's own name: set by `npm run setup` (or by an administrator), kept in the database.
 * Read on every page, so it is kept in memory once read; COUNCIL_NAME is the fallback until a
 * council has set one.
 */
import type { DB } from '../platform/db';
import { config } from '../platform/config';
import { recordAudit, type Actor } from '../audit/log';

let known: string | null = null;

/** The council's name as last read or saved (COUNCIL_NAME before then). */
export function councilName(): string {
	return known ?? config.councilName;
}

export async function readCouncilName(db: DB): Promise<string> {
	const row = await db.selectFrom('council').select('name').executeTakeFirst();
	known = row?.name ?? null;
	return councilName();
}

/** Whether a council has been set up here (by `npm run setup` or the demo). */
export async function councilExists(db: DB): Promise<boolean> {
	return (await db.selectFrom('council').select('id').executeTakeFirst()) !== undefined;
}

export async function saveCouncilName(
	db: DB,
	name: string,
	actor: Actor | null,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('council').select('name').executeTakeFirst();
		await trx
			.insertInto('council')
			.values({ id: 1, name, created_at: now.toISOString() })
			.onConflict((oc) => oc.column('id').doUpdateSet({ name }))
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor?.id ?? null,
				action: before ? 'council.renamed' : 'council.created',
				recordType: 'council',
				recordId: 1,
				ip: actor?.ip ?? null,
				detail: before ? { from: before.name, to: name } : { name }
			},
			now
		);
	});
	known = name;
}
