import type { DB } from '../platform/db';
import { ACTION_STATUSES } from './statuses';
import { communitiesOfOwnedActions, DUE_FILTERS, nextInMyActions } from './my-actions';

/**
 * My actions' filters as read from its address. Only real options count: anything else is read as
 * "all", so a hand-edited address shows everything rather than nothing.
 */
export function myActionsFilterOf(
	params: URLSearchParams,
	communities: { id: number; name: string }[]
) {
	const community = communities.find((c) => String(c.id) === params.get('community')) ?? null;
	const status = ACTION_STATUSES.find((s) => s === params.get('status')) ?? null;
	const text = (params.get('text') ?? '').trim().slice(0, 100);
	const due = DUE_FILTERS.find((d) => d === params.get('due')) ?? null;
	return { community, status, text, due };
}

/**
 * After an update, the action that comes next in the My actions list it was opened from (its
 * filters, in its order), worked out before the update moves the action within that list.
 */
export async function nextInListFrom(db: DB, userId: number, from: string, actionId: number) {
	const params = new URL(from, 'http://local.invalid').searchParams;
	const filter = myActionsFilterOf(params, await communitiesOfOwnedActions(db, userId));
	const next = await nextInMyActions(
		db,
		userId,
		{
			communityId: filter.community?.id,
			status: filter.status,
			text: filter.text,
			due: filter.due
		},
		actionId
	);
	return next && { id: next.id, reference: next.reference };
}
