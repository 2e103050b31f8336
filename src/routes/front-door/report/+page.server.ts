import { requireFrontDoorReport } from '$lib/server/policy/front-door';
import { appDatabase } from '$lib/server/platform/app-database';
import { monthlyReport } from '$lib/server/front-door/report';
import { monthName, monthOf, recentMonths } from '$lib/server/front-door/contact-rules';
import type { PageServerLoad } from './$types';

/** The front door's month: contacts, the share of each outcome, practitioners supported. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireFrontDoorReport(locals);
	const months = recentMonths();
	const month = monthOf(url.searchParams.get('month')) ?? months[0]!.value;
	const report = await monthlyReport(appDatabase().db, month);
	return { months, month, monthName: monthName(month), report };
};
