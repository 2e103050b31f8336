import type { DB } from '../platform/db';
import type { findMeeting } from '../agenda/meetings';
import { buildAgenda, deferralReasonOptions } from '../agenda/agenda';
import { DEFAULT_MINUTES } from '../../domain/meeting';
import { laterMeetings } from './room';
import { reviewsDue } from '../agenda/reviews-due';

type Meeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/**
 * A meeting's agenda as one reader may see it. What every member sees once it is published: the
 * part, a neutral label, the agency and the time; never the text of an item, and never a family's
 * details. While the chair or a coordinator builds it (`building`), also the items waiting for a
 * decision, the later meetings an item may be deferred to, and the reviews due.
 */
export async function agendaForReader(db: DB, meeting: Meeting, building: boolean, today: string) {
	const agenda = await buildAgenda(db, meeting.id, meeting.lengthMinutes);
	const line = (item: (typeof agenda.accepted)[number]) => ({
		id: item.id,
		part: item.part,
		label: item.label,
		agencyName: item.agencyName,
		minutes: item.minutes,
		late: item.late,
		stuck: item.stuck
	});
	return {
		meeting: {
			id: meeting.id,
			date: meeting.date,
			communityName: meeting.communityName,
			lengthMinutes: meeting.lengthMinutes,
			status: meeting.status,
			startTime: meeting.startTime,
			venue: meeting.venue
		},
		building,
		accepted: agenda.accepted.map(line),
		waiting: building
			? agenda.waiting.map((item) => ({
					...line(item),
					submitterName: item.submitterName,
					status: item.status,
					defaultMinutes: DEFAULT_MINUTES[item.part]
				}))
			: [],
		totalMinutes: agenda.totalMinutes,
		overrunMinutes: agenda.overrunMinutes,
		familyItems: agenda.familyItems,
		tooManyFamilyItems: agenda.tooManyFamilyItems,
		familyItemLimit: agenda.familyItemLimit,
		laterMeetings: building ? await laterMeetings(db, meeting, today) : [],
		deferralReasons: building ? deferralReasonOptions() : [],
		// Suggested to the chair while building: the case reference, initials and LP, nothing more.
		reviewsDue: building ? await reviewsDue(db, meeting.id) : []
	};
}
