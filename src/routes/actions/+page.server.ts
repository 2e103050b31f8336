import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import {
	communitiesOfOwnedActions,
	DUE_FILTERS,
	findAction,
	myActions
} from '$lib/server/actions/my-actions';
import { myActionsFilterOf } from '$lib/server/actions/my-actions-address';
import { myActionsReturn } from '$lib/list-address';
import { ACTION_STATUSES } from '$lib/server/actions/statuses';
import { actionStatusNames, dueFilterNames } from '$lib/domain/actions';
import { requestedPage } from '$lib/server/http/paging';
import type { DB } from '$lib/server/platform/db';
import type { PageServerLoad } from './$types';

/** My actions: every action the person owns, in every community, by when it is due, 50 a page. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { db } = appDatabase();
	const communities = await communitiesOfOwnedActions(db, user.id);
	const { community, status, text, due } = myActionsFilterOf(url.searchParams, communities);
	const list = await myActions(
		db,
		user.id,
		{ communityId: community?.id, status, text, due },
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
		// Each action is opened with this list's address, so its update comes back here.
		from: myActionsReturn(url.pathname + url.search) ?? '/actions',
		updated: await updatedBanner(db, user.id, url),
		filter: {
			community: community ? String(community.id) : '',
			status: status ?? '',
			text,
			due: due ?? ''
		},
		filtered: Boolean(community || status || text || due),
		communities: communities.map((c) => ({ value: String(c.id), label: c.name })),
		statuses: ACTION_STATUSES.map((s) => ({ value: s, label: actionStatusNames[s] })),
		dueChoices: DUE_FILTERS.map((d) => ({ value: d, label: dueFilterNames[d] })),
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

/**
 * Back from an update: the action just updated and the next one in this list, by reference. Both
 * come from the address, so each is shown only if the reader owns it.
 */
async function updatedBanner(db: DB, userId: number, url: URL) {
	const owned = async (param: string) => {
		const value = url.searchParams.get(param) ?? '';
		if (!/^[1-9][0-9]{0,9}$/.test(value)) return null;
		const action = await findAction(db, Number(value));
		return action && action.ownerId === userId
			? { id: action.id, reference: action.reference }
			: null;
	};
	const updated = await owned('updated');
	return updated && { ...updated, next: await owned('next') };
}
