import { addDays, format, nextTuesday } from 'date-fns';
import type { DB } from '../../src/lib/server/platform/db';
import {
	meetingSeries,
	oneYearAfter,
	subtractWorkingDays
} from '../../src/lib/calendar/working-days';
import { MEETING_DEFAULTS } from '../../src/lib/domain/meeting';

/** The Tuesday after the fortnight from `now`: the demo's first meetings. */
export const firstMeetingAfter = (now: Date) => format(nextTuesday(addDays(now, 14)), 'yyyy-MM-dd');

/** A year of six-weekly meetings from `first` (docs/domain.md: a MAG meets every six weeks). */
export function yearOfMeetings(first: string): string[] {
	const until = oneYearAfter(first);
	return meetingSeries(first, MEETING_DEFAULTS.everyWeeks, until).filter((date) => date < until);
}

/** Where a demo community meets. */
export const venueOf = (communityName: string) => `${communityName} Children's Centre`;

/**
 * A year of six-weekly meetings for every community, starting on a Tuesday about two weeks after the
 * seed runs; the first meeting's agenda is open so the demo can take items at once.
 */
export async function seedMeetings(db: DB, now: Date): Promise<void> {
	const any = await db.selectFrom('meeting').select('id').limit(1).executeTakeFirst();
	if (any) return;
	const communities = await db
		.selectFrom('community')
		.select(['id', 'name'])
		.orderBy('id')
		.execute();
	const chairs = await db
		.selectFrom('community_membership')
		.select(['community_id', 'user_id'])
		.where('role', '=', 'chair')
		.execute();
	const first = firstMeetingAfter(now);
	for (const community of communities) {
		const chair = chairs.find((c) => c.community_id === community.id);
		if (!chair) continue;
		for (const [index, date] of yearOfMeetings(first).entries()) {
			await db
				.insertInto('meeting')
				.values({
					community_id: community.id,
					date,
					start_time: MEETING_DEFAULTS.startTime,
					length_minutes: MEETING_DEFAULTS.lengthMinutes,
					venue: venueOf(community.name),
					online_link: null,
					submission_deadline: subtractWorkingDays(date, MEETING_DEFAULTS.deadlineWorkingDays),
					status: index === 0 ? 'agenda-open' : 'scheduled',
					created_by: chair.user_id,
					created_at: now.toISOString()
				})
				.execute();
		}
	}
}
