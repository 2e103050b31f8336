/**
 * A community's history in progress: its concluded meetings, the meetings still to come, and the
 * cases due for review at each. Pure bookkeeping: no database, no chance.
 */
import { NEXT_REVIEW_AFTER_MEETINGS } from '../../../src/lib/domain/limits';
import type { Item } from '../agenda';
import type { OpenCase } from '../families';
import type { MeetingTimes } from '../meetings';
import type { Roster } from '../rosters';

export interface HistoryMeeting extends MeetingTimes {
	id: number;
	date: string;
}

/** A community's history in progress: its meetings, then the cases due at each (by index). */
export interface CommunityHistory {
	meetings: HistoryMeeting[];
	/** The ids of the meetings already scheduled after the history, in date order. */
	future: number[];
	due: Map<number, OpenCase[]>;
}

/** One item as a meeting takes it: the community, the meeting (by index) and when it was decided. */
export interface Discussion {
	community: Roster;
	history: CommunityHistory;
	index: number;
	meeting: HistoryMeeting;
	item: Item;
	recordedAt: string;
}

/** The cases whose review is due at the meeting with this index. */
export function dueAt(history: CommunityHistory, index: number): OpenCase[] {
	return history.due.get(index) ?? [];
}

/** The meeting with this index, concluded or to come; null beyond the meetings scheduled. */
export function meetingIdAt(history: CommunityHistory, index: number): number | null {
	const past = history.meetings[index];
	if (past) return past.id;
	return history.future[index - history.meetings.length] ?? null;
}

/** The case's next review, at the meeting after next (NEXT_REVIEW_AFTER_MEETINGS); that meeting's id. */
export function scheduleReview(
	history: CommunityHistory,
	index: number,
	familyCase: OpenCase
): number | null {
	const at = index + NEXT_REVIEW_AFTER_MEETINGS;
	const list = history.due.get(at);
	if (list) list.push(familyCase);
	else history.due.set(at, [familyCase]);
	return meetingIdAt(history, at);
}
