import type { DB } from '../../src/lib/server/platform/db';

/** The local agencies whose practitioners come to the MAGs, with the sector each belongs to. */
const agencies: [name: string, sector: string][] = [
	['West Mercia Police', 'Police'],
	['Leominster Primary School', 'School'],
	['Whitecross High School', 'School'],
	['Ross Community GP Practice', 'Health'],
	['Health Visiting Service', 'Health'],
	['School Nursing Service', 'Health'],
	['Education Welfare Service', 'Education'],
	['Educational Psychology Service', 'Education'],
	['Youth Service', 'Youth'],
	['Connexions', 'Youth'],
	['Parenting and Family Support', 'Family support'],
	["Children's Centres", 'Family support'],
	['CAF Team', 'Children’s services'],
	['Housing Solutions', 'Housing'],
	['Adult Services', 'Adult social care'],
	['Child and Adolescent Mental Health Service', 'Health'],
	['Home-Start Herefordshire', 'Voluntary']
];

/** The agencies; one already there (matched on its name) is kept. */
export async function seedAgencies(db: DB): Promise<void> {
	for (const [name, sector] of agencies) {
		await db
			.insertInto('agency')
			.values({ name, sector })
			.onConflict((oc) => oc.column('name').doNothing())
			.execute();
	}
}
