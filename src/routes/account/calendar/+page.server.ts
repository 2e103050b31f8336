import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import {
	createFeedLink,
	feedLinkOf,
	FEED_PATH,
	revokeFeedLink
} from '$lib/server/calendar/calendar';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return { feedLink: await feedLinkOf(appDatabase().db, user.id) };
};

export const actions: Actions = {
	createLink: async ({ locals, url, getClientAddress }) => {
		const user = requireUser(locals);
		const token = await createFeedLink(appDatabase().db, { id: user.id, ip: getClientAddress() });
		// Shown this once: only its hash is kept.
		return { feedUrl: `${url.origin}${FEED_PATH}${token}` };
	},

	revokeLink: async ({ locals, getClientAddress }) => {
		const user = requireUser(locals);
		const revoked = await revokeFeedLink(appDatabase().db, { id: user.id, ip: getClientAddress() });
		return { revoked };
	}
};
