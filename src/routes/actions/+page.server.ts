import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import { communitiesOfOwnedActions, myActions } from '$lib/server/actions/my-actions';
import { ACTION_STATUSES } from '$lib/server/actions/statuses';
import { actionStatusNames } from '$lib/domain/actions';
import { requestedPage } from '$lib/server/http/paging';
import type { PageServerLoad } from './$types';

/** My actions: every action the person owns, in every community, by when it is due, 50 a page. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { db } = appDatabase();
	const communities = await communitiesOfOwnedActions(db, user.id);
	// Only real options count: anything else in the address is read as "all".
	const community =
		communities.find((c) => String(c.id) === url.searchParams.get('community')) ?? null;
	const status = ACTION_STATUSES.find((s) => s === url.searchParams.get('status')) ?? null;
	const text = (url.searchParams.get('text') ?? '').trim().slice(0, 100);
	const list = await myActions(
		db,
		user.id,
		{ communityId: community?.id, status, text },
		requestedPage(url)
	);
	const rows = (actions: (typeof list.sections)[number]['actions']) =>
		actions.map((action) => ({
			id: action.id,
			reference: action.reference,
			description: action.description,
			status: action.status,
			dueDate: action.dueDate,
			due: action.due,
			meetingId: action.meetingId,
			meetingDate: action.meetingDate,
			communityName: action.communityName,
			latestUpdate: action.latestUpdate
		}));
	return {
		filter: { community: community ? String(community.id) : '', status: status ?? '', text },
		filtered: Boolean(community || status || text),
		communities: communities.map((c) => ({ value: String(c.id), label: c.name })),
		statuses: ACTION_STATUSES.map((s) => ({ value: s, label: actionStatusNames[s] })),
		sections: list.sections.map((section) => ({
			key: section.key,
			total: section.total,
			actions: rows(section.actions)
		})),
		shown: {
			page: list.page,
			pageCount: list.pageCount,
			total: list.total,
			from: list.from,
			to: list.to
		}
	};
};
