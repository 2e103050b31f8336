import { fail } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireCommunityOrganiser } from '$lib/server/policy/community';
import { agencyFigures } from '$lib/server/actions/follow-up';
import { followUpPage, type FollowUpQuery } from '$lib/server/actions/follow-up-list';
import { FOLLOW_UP_COLUMNS } from '$lib/domain/list-columns';
import { sortOf } from '$lib/list-sort';
import { remindOwnersOfSelected } from '$lib/server/actions/bulk-reminders';
import { bulkReminderConfirmation } from '$lib/server/actions/bulk-reminder-rules';
import { requestedPage } from '$lib/server/http/paging';
import { todayInEngland } from '$lib/dates';
import { dueWording } from '$lib/due-wording';
import type { Actions, PageServerLoad } from './$types';

function followUpSort(url: URL) {
	const { sort, descending } = sortOf(url.searchParams, FOLLOW_UP_COLUMNS);
	return { sort, descending };
}

/** The board's search, filters and sort, from its plain GET form and column headings. */
function boardQuery(url: URL): FollowUpQuery {
	const get = (name: string) => url.searchParams.get(name) ?? '';
	const status = get('status');
	return {
		page: requestedPage(url),
		search: get('text').trim().slice(0, 100) || undefined,
		status: status === 'open' || status === 'in-progress' ? status : undefined,
		overdueOnly: get('overdue') === 'yes',
		agency: get('agency') || undefined,
		...followUpSort(url)
	};
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { community } = await requireCommunityOrganiser(locals, params.id, 'follow up');
	const { db } = appDatabase();
	const today = todayInEngland();
	const query = boardQuery(url);
	const list = await followUpPage(db, community.id, today, query);
	return {
		community: { id: community.id, name: community.name, localityName: community.localityName },
		figures: await agencyFigures(db, community.id, today),
		// The open actions as one list, paged by the database (follow-up-list.ts): 50 at a time.
		list: {
			...list,
			rows: list.rows.map((row) => ({
				...row,
				overdue: row.dueDate < today,
				due: dueWording(row.dueDate)
			}))
		},
		query: {
			text: query.search ?? '',
			status: query.status ?? '',
			overdue: query.overdueOnly ?? false,
			agency: query.agency ?? '',
			sort: query.sort ?? 'due',
			descending: query.descending ?? false
		},
		filtered: Boolean(query.search || query.status || query.overdueOnly || query.agency)
	};
};

export const actions: Actions = {
	// A row's "Send a reminder" and "Send reminders to the owners of selected actions" both come
	// here: one path, one 24-hour rule, so a double click reminds once (bulk-reminders.ts).
	remindSelected: async ({ locals, params, request, getClientAddress }) => {
		const { user, community } = await requireCommunityOrganiser(locals, params.id, 'follow up');
		const form = await request.formData();
		const selected = form.getAll('selected').map(Number);
		if (selected.length === 0)
			return fail(400, { selectError: 'Select the actions whose owners you want to remind' });
		const plan = await remindOwnersOfSelected(appDatabase().db, community.id, selected, {
			id: user.id,
			ip: getClientAddress()
		});
		return { bulkReminded: bulkReminderConfirmation(plan) };
	}
};
