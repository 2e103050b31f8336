/**
 * What a council still lacks for a working MAG, for the administrator's home page: each gap with
 * the page that fixes it. Retired communities and agencies are left out.
 */
import type { DB } from '../platform/db';
import { councilOverview } from './structure-view';

export interface SetUpGap {
	text: string;
	href: string;
	fix: string;
}

export async function setUpGaps(db: DB, today: string): Promise<SetUpGap[]> {
	const { localities, agencies } = await councilOverview(db, today);
	const gaps: SetUpGap[] = [];
	if (localities.length === 0)
		gaps.push({
			text: 'No localities yet',
			href: '/admin/council/localities/new',
			fix: 'Add a locality'
		});
	const communities = localities.flatMap((l) => l.communities).filter((c) => !c.retired);
	if (localities.length > 0 && communities.length === 0)
		gaps.push({
			text: 'No communities yet',
			href: '/admin/council/communities/new',
			fix: 'Add a community'
		});
	const live = agencies.filter((a) => !a.retired);
	if (live.length === 0)
		gaps.push({
			text: 'No agencies yet',
			href: '/admin/council/agencies/new',
			fix: 'Add an agency'
		});
	for (const c of communities) {
		if (c.members === 0)
			gaps.push({
				text: `${c.name} has no members`,
				href: `/communities/${c.id}`,
				fix: 'Add members'
			});
		else if (c.chairs === 0)
			gaps.push({
				text: `${c.name} has no chair`,
				href: `/communities/${c.id}`,
				fix: 'Choose a chair'
			});
		if (!c.nextMeeting)
			gaps.push({
				text: `${c.name} has no meetings scheduled`,
				href: `/communities/${c.id}/meetings/new`,
				fix: 'Schedule meetings'
			});
	}
	// One line for many: a council starting out may have dozens of agencies to record.
	const agencyGaps = (
		state: 'none' | 'review-overdue',
		one: (name: string) => string,
		many: string,
		fix: string
	) => {
		const found = live.filter((a) => a.agreement === state);
		if (found.length > 3)
			gaps.push({
				text: `${found.length} ${many}`,
				href: '/admin/council#agencies',
				fix: 'See the agencies'
			});
		else
			for (const a of found)
				gaps.push({ text: one(a.name), href: `/admin/council/agencies/${a.id}`, fix });
	};
	agencyGaps(
		'none',
		(name) => `${name} has no information-sharing agreement recorded`,
		'agencies have no information-sharing agreement recorded',
		'Record it'
	);
	agencyGaps(
		'review-overdue',
		(name) => `${name}’s information-sharing agreement is overdue for review`,
		'agencies’ information-sharing agreements are overdue for review',
		'Update it'
	);
	return gaps;
}
