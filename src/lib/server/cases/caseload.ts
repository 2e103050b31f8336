import { sql } from 'kysely';
import type { DB } from '../platform/db';

/**
 * Each person's caseload: the open cases they lead, across every MAG of the council, so the group
 * agreeing a lead professional can see who has room. A count only, never which families.
 */
export async function openCasesLed(db: DB, userIds: number[]): Promise<Map<number, number>> {
	if (userIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('family_case')
		.select(['lead_professional_id as userId', sql<number>`count(*)`.as('cases')])
		.where('status', '=', 'open')
		.where('lead_professional_id', 'in', userIds)
		.groupBy('lead_professional_id')
		.execute();
	return new Map(rows.map((row) => [row.userId!, Number(row.cases)]));
}

/** "leads 3 open cases", for the lead professional's choices. */
export function caseloadWords(cases: number): string {
	return cases === 0
		? 'leads no open cases'
		: `leads ${cases} open ${cases === 1 ? 'case' : 'cases'}`;
}
