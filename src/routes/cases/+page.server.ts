import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { casesOf } from '$lib/server/cases/case-record';
import { caseListPage, caseListQuery } from '$lib/server/cases/case-list';
import { requestedPage } from '$lib/server/http/paging';
import type { PageServerLoad } from './$types';

/** The cases someone works on: references, initials and status only, never names; 50 a page. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const query = caseListQuery(url, requestedPage(url));
	const cases = await casesOf(appDatabase().db, user.id);
	return { query, anyCases: cases.length > 0, list: caseListPage(cases, query) };
};
