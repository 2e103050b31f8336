import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { agenciesToFilterBy, userListPage, userListQuery } from '$lib/server/people/user-list';
import type { PageServerLoad } from './$types';

/** Everyone with an account, 50 a page, searched, filtered and sorted by the database. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdministrator(locals);
	const { db } = appDatabase();
	const query = userListQuery(url);
	return {
		query: {
			text: query.text,
			role: query.role ?? '',
			agency: query.agencyId ? String(query.agencyId) : '',
			status: query.status ?? '',
			sort: query.sort,
			descending: query.descending
		},
		filtered: Boolean(query.text || query.role || query.agencyId || query.status),
		agencies: (await agenciesToFilterBy(db)).map((a) => ({ value: String(a.id), label: a.name })),
		list: await userListPage(db, query)
	};
};
