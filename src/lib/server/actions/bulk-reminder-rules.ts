/**
 * The rules of the follow-up board's bulk reminders, which need no database: the selected actions
 * grouped into one email per owner (by reference only, never a family's names), leaving out any
 * action whose owner was already reminded of it within a day, and what the confirmation says.
 */

/** A day: an owner is not reminded of the same action twice within it. */
export const REMINDER_GAP_MS = 24 * 60 * 60 * 1000;

export interface SelectedAction {
	id: number;
	reference: string;
	ownerId: number | null;
}

export interface OwnerReminder {
	ownerId: number;
	references: string[];
	actionIds: number[];
}

export interface BulkReminderPlan {
	owners: OwnerReminder[];
	/** Actions left out: the owner was reminded of them within the last day. */
	recentlyReminded: string[];
	/** Actions whose owner has no account here, so no email can go. */
	noAccount: string[];
}

/**
 * One reminder per owner of the selected actions. `lastReminded` is when each action's current
 * owner was last reminded of it (ISO time), if ever.
 */
export function bulkReminderPlan(
	selected: SelectedAction[],
	lastReminded: Map<number, string>,
	now: Date
): BulkReminderPlan {
	const owners = new Map<number, OwnerReminder>();
	const recentlyReminded: string[] = [];
	const noAccount: string[] = [];
	for (const action of selected) {
		if (action.ownerId === null) {
			noAccount.push(action.reference);
			continue;
		}
		const last = lastReminded.get(action.id);
		if (last && now.getTime() - new Date(last).getTime() < REMINDER_GAP_MS) {
			recentlyReminded.push(action.reference);
			continue;
		}
		const owner = owners.get(action.ownerId) ?? {
			ownerId: action.ownerId,
			references: [],
			actionIds: []
		};
		owner.references.push(action.reference);
		owner.actionIds.push(action.id);
		owners.set(action.ownerId, owner);
	}
	return { owners: [...owners.values()], recentlyReminded, noAccount };
}

/** "Reminders sent to 3 owners about 7 actions", and what was left out and why. */
export function bulkReminderConfirmation(plan: BulkReminderPlan): string[] {
	const actions = plan.owners.reduce((sum, owner) => sum + owner.actionIds.length, 0);
	const lines = [
		plan.owners.length === 0
			? 'No reminders were sent'
			: `Reminders sent to ${plan.owners.length} ${plan.owners.length === 1 ? 'owner' : 'owners'} about ${actions} ${actions === 1 ? 'action' : 'actions'}`
	];
	if (plan.recentlyReminded.length)
		lines.push(
			`Not reminded again, as their owners were reminded of them in the last day: ${plan.recentlyReminded.join(', ')}`
		);
	if (plan.noAccount.length)
		lines.push(
			`Their owners have no account here, so contact them directly: ${plan.noAccount.join(', ')}`
		);
	return lines;
}
