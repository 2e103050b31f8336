import type { AgendaPart, MeetingStatus, SubmissionStatus } from '../platform/schema';
import type { FormKey } from '../http/form-keys';
import { PART_NAMES } from '../../domain/parts';

/**
 * The rules of an item on its way to a meeting: when it may be added, when its submitter may still
 * change or withdraw it, and how the lists name it. Pure: the store (submissions.ts) and the
 * policy ask them.
 */

export interface MeetingForSubmission {
	status: MeetingStatus;
	submissionDeadline: string;
}

/**
 * Whether someone may add an item to a meeting today. Items go in while the agenda is open; after
 * the deadline only the chair can accept a late one, and it is marked late.
 */
export function submissionWindow(
	meeting: MeetingForSubmission,
	isChair: boolean,
	today: string
): { open: true; late: boolean } | { open: false; reason: string } {
	if (meeting.status !== 'agenda-open') {
		return {
			open: false,
			reason:
				meeting.status === 'scheduled'
					? 'The agenda for this meeting is not open for items yet'
					: 'The agenda for this meeting is closed'
		};
	}
	const late = today > meeting.submissionDeadline;
	if (late && !isChair) {
		return {
			open: false,
			reason: 'The deadline for items has passed: ask the chair to add a late item'
		};
	}
	return { open: true, late };
}

/** The "add an item" form's key (form-keys.ts): this person's new item of this part at this meeting. */
export function newItemKey(
	meetingId: number,
	part: AgendaPart,
	userId: number,
	token: string | null
): FormKey {
	return { token, userId, form: `new-item:${meetingId}:${part}` };
}

export interface ItemState {
	meetingStatus: MeetingStatus;
	status: SubmissionStatus;
}

/** A submitter may change or withdraw an item until the agenda is published. */
export function isWithdrawable(item: ItemState): boolean {
	return (
		(item.meetingStatus === 'scheduled' || item.meetingStatus === 'agenda-open') &&
		(item.status === 'submitted' || item.status === 'accepted')
	);
}

/**
 * Advice requests, new CAFs and community issues (parts 1, 2 and 4) can be changed in place for as
 * long as they can be withdrawn. Reviews (part 3) come from a case record, not from this form.
 */
export function isEditable(item: ItemState & { part: AgendaPart }): boolean {
	return item.part !== 3 && isWithdrawable(item);
}

/**
 * How an item is named in lists and on the published agenda. A family item is named only by its
 * case reference, initials and way in (or "review"): never a name, a date of birth or a need.
 */
export function itemLabel(row: {
	part: AgendaPart;
	issueTitle: string | null;
	ageBand: string | null;
	setting: string | null;
	reference: string | null;
	initials: string | null;
	wayIn: string | null;
	stuck: number | null;
}): string {
	if (row.part === 4) return row.issueTitle ?? 'Community issue';
	if (row.part === 2 && row.reference) return `${row.reference} (${row.initials}), ${row.wayIn}`;
	if (row.part === 3 && row.reference)
		return `${row.reference} (${row.initials}), review${row.stuck === 1 ? ', stuck' : ''}`;
	if (row.part === 1)
		return `Advice: child ${row.ageBand?.toLowerCase() ?? ''}, ${row.setting ?? ''}`;
	return PART_NAMES[row.part];
}
