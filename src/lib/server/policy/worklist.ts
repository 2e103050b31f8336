import type { DB } from '../platform/db';
import type { SessionUser } from '../auth/session';
import { listCommunitiesOf, runsTheMeeting } from '../people/communities';
import { requireUser } from './session';

/**
 * The home page's worklist. Everyone signed in sees their own (their actions, items, cases they
 * lead, their communities' meetings); the chair's and coordinators' lists cover only the
 * communities whose MAG they run, as the agenda builder and follow-up board would let them see;
 * the set-up gaps are the administrators'.
 */
export async function requireWorklistReader(db: DB, locals: App.Locals) {
	const user: SessionUser = requireUser(locals);
	const communities = await listCommunitiesOf(db, user.id);
	return {
		user,
		communities,
		organised: communities.filter((c) => runsTheMeeting(c.role)).map((c) => c.id),
		maySeeSetUpGaps: user.isAdministrator
	};
}
