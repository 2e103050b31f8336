import type { Updateable } from 'kysely';
import type { ActionTable } from '../platform/schema';
import { formatCalendarDate } from '../../dates';
import { dueWording } from '../../due-wording';
import type { ReviewDecision } from './review-form';

/**
 * The rules of the chair's follow-up, which need no database: each agency's completion rate, what a reminder says, and what a review decision changes. The seeds' complaint
 * about the old way was that agreed actions were not delivered (docs/domain.md: every action has
 * an owner and a due date; overdue ones are reviewed at the next meeting).
 */

export interface AgencyFigures {
	agency: string;
	owned: number;
	completed: number;
	open: number;
	cannotBeDone: number;
	closed: number;
	overdue: number;
	/** completed ÷ (completed + open + cannot be done), a whole percentage; null with none of those. */
	completionRate: number | null;
}

export function completionRate(counts: {
	completed: number;
	open: number;
	cannotBeDone: number;
}): number | null {
	const counted = counts.completed + counts.open + counts.cannotBeDone;
	return counted === 0 ? null : Math.round((100 * counts.completed) / counted);
}

/**
 * The in-app notice reminding an owner. It carries the reference, never a name, as reminder
 * emails must (docs/domain.md).
 */
export function reminderMessage(
	action: { communityName: string; reference: string; meetingDate: string; dueDate: string },
	now: Date
): string {
	return `Reminder from the ${action.communityName} MAG: your action for ${action.reference}, agreed on ${formatCalendarDate(action.meetingDate)}, is ${dueWording(action.dueDate, now)}.`;
}

/** What the action's history says of a reminder. */
export function reminderNote(notified: boolean): string {
	return notified
		? 'A notice was sent to the owner in the app and by email'
		: 'The owner has no account here, so no notice could be sent: contact them directly';
}

/** The notice telling a new owner (reassigned at a review) of their action, by reference. */
export function reassignedMessage(
	action: { communityName: string; reference: string },
	dueDate: string
): string {
	return `The ${action.communityName} MAG has given you an action for ${action.reference}, due ${formatCalendarDate(dueDate)}.`;
}

/**
 * What a review decision changes on an overdue action, and what its history and audit entry say:
 * extended (a new due date), reassigned (a new owner, who starts afresh: the action is open again
 * until they report on it, with a new due date) or closed with a reason.
 */
export function reviewChange(
	decision: ReviewDecision,
	action: { dueDate: string; ownerName: string; ownerAgency: string },
	now: Date
): {
	set: Updateable<ActionTable>;
	history: { note?: string; previousOwner?: string; previousDueDate?: string; newDueDate?: string };
	detail: { previousDueDate?: string; newDueDate?: string };
} {
	if (decision.kind === 'closed')
		return {
			set: { status: 'closed', completed_at: now.toISOString() },
			history: { note: decision.note },
			detail: {}
		};
	const dates = { previousDueDate: action.dueDate, newDueDate: decision.dueDate };
	if (decision.kind === 'extended')
		return { set: { due_date: decision.dueDate }, history: dates, detail: dates };
	return {
		set: {
			owner_id: decision.owner.id,
			owner_name: decision.owner.name,
			owner_agency: decision.owner.agency,
			due_date: decision.dueDate,
			status: 'open'
		},
		history: {
			note: `Reassigned to ${decision.owner.name}, ${decision.owner.agency}`,
			previousOwner: `${action.ownerName}, ${action.ownerAgency}`,
			...dates
		},
		detail: dates
	};
}
