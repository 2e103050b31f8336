import { addMonths, addYears, format, startOfMonth } from 'date-fns';
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

/**
 * Agencies without a signed information-sharing agreement on record, and one whose agreement is
 * past its review: a council's real list has both, and the administrator's home shows them.
 */
const NO_AGREEMENT = new Set(['Home-Start Herefordshire']);
const REVIEW_OVERDUE = new Set(['Connexions']);

function agreementOf(name: string, now: Date) {
	if (NO_AGREEMENT.has(name)) return {};
	const day = (date: Date) => format(date, 'yyyy-MM-dd');
	const signed = startOfMonth(addYears(now, REVIEW_OVERDUE.has(name) ? -3 : -1));
	const reviewDue = REVIEW_OVERDUE.has(name)
		? addMonths(startOfMonth(now), -1)
		: addYears(signed, 2);
	return {
		agreement_signed_on: day(signed),
		agreement_review_due: day(reviewDue),
		agreement_location: 'Information governance: signed agreements library, Early help folder'
	};
}

/** The agencies, with their agreements; one already there (matched on its name) is kept. */
export async function seedAgencies(db: DB, now: Date): Promise<void> {
	for (const [name, sector] of agencies) {
		await db
			.insertInto('agency')
			.values({ name, sector, ...agreementOf(name, now) })
			.onConflict((oc) => oc.column('name').doNothing())
			.execute();
	}
}
