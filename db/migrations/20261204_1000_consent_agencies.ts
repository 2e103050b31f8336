import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen in time: consent says which agencies may know about the family, and whether partners may
// check their own records before the meeting, as of 2026-12-04. Never edit: add a migration.
export async function up(db: Kysely<unknown>): Promise<void> {
	// Consent recorded before this change said "shared with" in free text that nothing enforced;
	// every member of the MAG saw the family once the gate opened. It keeps meaning that: all.
	await db.schema
		.alterTable('consent')
		.addColumn('shares_with_all', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('consent')
		.addColumn('partner_checks', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// The agencies a consent that does not cover all of them names, one row each.
	await db.schema
		.createTable('consent_agency')
		.addColumn('consent_id', 'integer', (c) => c.notNull().references('consent.id'))
		.addColumn('agency_id', 'integer', (c) => c.notNull().references('agency.id'))
		.addPrimaryKeyConstraint('consent_agency_pk', ['consent_id', 'agency_id'])
		.execute();
	await sql`create index consent_agency_agency on consent_agency (agency_id)`.execute(db);
}
