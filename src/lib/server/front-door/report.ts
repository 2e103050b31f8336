import type { DB } from '../platform/db';
import type { ContactOutcome } from '../../domain/front-door';
import { monthBounds, outcomeShares, practitionersSupported } from './contact-rules';

/**
 * The front door's monthly report: how many contacts, each outcome's count and share, and how many
 * practitioners were supported (distinct practitioner callers). Counts only: no one named.
 */
export async function monthlyReport(db: DB, month: string) {
	const { from, to } = monthBounds(month);
	const inMonth = db
		.selectFrom('front_door_contact')
		.where('received_at', '>=', from)
		.where('received_at', '<', to);
	const counts = await inMonth
		.select(['outcome', (eb) => eb.fn.countAll<number>().as('count')])
		.groupBy('outcome')
		.execute();
	const callers = await inMonth
		.select(['caller_kind as kind', 'caller_name as name', 'caller_agency as agency'])
		.where('caller_kind', '=', 'practitioner')
		.execute();
	const byOutcome: Partial<Record<ContactOutcome, number>> = {};
	for (const row of counts) byOutcome[row.outcome] = Number(row.count);
	const shares = outcomeShares(byOutcome);
	return {
		month,
		total: shares.reduce((sum, s) => sum + s.count, 0),
		shares,
		practitionersSupported: practitionersSupported(callers)
	};
}
