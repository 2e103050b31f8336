import type { Actor } from '$lib/server/audit/log';
import { scheduleMeetings, type MeetingPlan } from '$lib/server/agenda/meetings';
import { createSubmission, type ItemContent } from '$lib/server/agenda/submissions';
import type { DB } from '$lib/server/platform/db';

/** Meetings on these dates at 09:30 for two hours, no online link, items due 5 working days before. */
export function meetingPlan(communityId: number, dates: string[], venue: string): MeetingPlan {
	return {
		communityId,
		dates,
		startTime: '09:30',
		lengthMinutes: 120,
		venue,
		onlineLink: null,
		deadlineWorkingDays: 5
	};
}

/** Schedules the plan's meetings; their ids, in date order. */
export async function scheduleAt(
	db: DB,
	communityId: number,
	dates: string[],
	venue: string,
	by: Actor
): Promise<[number, ...number[]]> {
	return (await scheduleMeetings(db, meetingPlan(communityId, dates, venue), by)) as [
		number,
		...number[]
	];
}

/** Where a new CAF is brought: on time, by someone with no agency, in 2027. */
export function newCafContext(
	meetingId: number,
	communityId: number,
	communityName: string,
	submittedBy: number
) {
	return {
		meetingId,
		communityId,
		communityName,
		submittedBy,
		agencyId: null,
		late: false,
		year: '2027'
	};
}

/** A primary-school child aged 5 to 10: the worry and what the submitter asks the MAG for. */
export function primaryAdvice(worry: string, askedFor: string): ItemContent {
	return { part: 1, advice: { ageBand: '5 to 10', setting: 'primary school', worry, askedFor } };
}

/** Submits an item on time, by someone with no agency; its id. */
export function submitItem(db: DB, meetingId: number, submittedBy: number, content: ItemContent) {
	return createSubmission(
		db,
		{ meetingId, submittedBy, agencyId: null, late: false, content },
		null
	);
}
