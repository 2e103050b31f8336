import { requireWorklistReader } from '$lib/server/policy/worklist';
import { appDatabase } from '$lib/server/platform/app-database';
import { markNoticesRead, unreadNotices } from '$lib/server/people/notices';
import {
	meetingsComing,
	myActionsDue,
	myItemsAwaitingDecision,
	reviewsILead
} from '$lib/server/people/worklist';
import {
	agendasToPublish,
	itemsWaitingForDecision,
	overdueByCommunity
} from '$lib/server/people/worklist-organiser';
import { setUpGaps } from '$lib/server/council/gaps';
import { todayInEngland } from '$lib/dates';
import { dueWording } from '$lib/due-wording';
import type { PageServerLoad } from './$types';

/** Home: the person's worklist, counted in SQL with the first few of each (people/worklist.ts). */
export const load: PageServerLoad = async ({ locals }) => {
	const { db } = appDatabase();
	const { user, communities, organised, maySeeSetUpGaps } = await requireWorklistReader(db, locals);
	const today = todayInEngland();
	// Shown once, here: moved and cancelled meetings, and what happened to the person's items.
	const notices = await unreadNotices(db, user.id);
	await markNoticesRead(db, user.id);
	const member = communities.length > 0;
	return {
		notices: notices.map((n) => ({ id: n.id, message: n.message, link: n.link })),
		name: user.name,
		isAdministrator: user.isAdministrator,
		// What a working MAG still lacks: for administrators only (names of places, no family data).
		setUpGaps: maySeeSetUpGaps ? await setUpGaps(db, today) : [],
		isDataProtectionOfficer: user.isDataProtectionOfficer,
		actions: withDueWording(await myActionsDue(db, user.id, today)),
		mine: member
			? {
					reviews: await reviewsILead(db, user.id, today),
					items: await myItemsAwaitingDecision(db, user.id),
					meetings: await meetingsComing(db, user.id, today)
				}
			: null,
		organiser:
			organised.length > 0
				? {
						waiting: await itemsWaitingForDecision(db, organised),
						agendas: await agendasToPublish(db, organised, today),
						overdue: await overdueByCommunity(db, organised, today)
					}
				: null,
		communities: communities.map((c) => ({
			id: c.id,
			name: c.name,
			localityName: c.localityName,
			role: c.role
		}))
	};
};

/** Each action's due date in words ("3 weeks overdue"), said on the server so the page agrees. */
function withDueWording(actions: Awaited<ReturnType<typeof myActionsDue>>) {
	const worded = (list: (typeof actions)['overdue']) => ({
		count: list.count,
		first: list.first.map((action) => ({ ...action, due: dueWording(action.dueDate) }))
	});
	return { overdue: worded(actions.overdue), soon: worded(actions.soon) };
}
