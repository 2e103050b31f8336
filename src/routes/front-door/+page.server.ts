import { requireFrontDoor } from '$lib/server/policy/front-door';
import { appDatabase } from '$lib/server/platform/app-database';
import { listContacts } from '$lib/server/front-door/contacts';
import { monthOf, recentMonths } from '$lib/server/front-door/contact-rules';
import { requestedPage } from '$lib/server/http/paging';
import { CONTACT_OUTCOMES, type ContactOutcome } from '$lib/domain/front-door';
import type { PageServerLoad } from './$types';

/** The contact log: 50 a page, the latest first, by month and outcome; no family named. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireFrontDoor(locals);
	const month = monthOf(url.searchParams.get('month'));
	const outcomeParam = url.searchParams.get('outcome') ?? '';
	const outcome = Object.hasOwn(CONTACT_OUTCOMES, outcomeParam)
		? (outcomeParam as ContactOutcome)
		: null;
	const { rows, ...shown } = await listContacts(
		appDatabase().db,
		{ month, outcome },
		requestedPage(url)
	);
	return {
		filter: { month: month ?? '', outcome: outcome ?? '' },
		filtered: Boolean(month || outcome),
		months: recentMonths(),
		outcomes: Object.entries(CONTACT_OUTCOMES).map(([value, label]) => ({ value, label })),
		recorded: url.searchParams.get('recorded'),
		contacts: rows,
		shown
	};
};
