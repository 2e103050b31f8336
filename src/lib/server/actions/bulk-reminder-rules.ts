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
	ownerName: string;
}

export interface OwnerReminder {
	ownerId: number;
	ownerName: string;
	references: string[];
	actionIds: number[];
}

export interface BulkReminderPlan {
	owners: OwnerReminder[];
	/** Actions left out: the owner was reminded of them within the last day. */
	recentlyReminded: string[];
	/** Actions whose owner has no account here, so no email can go. */
	noAccount: string[];
	/** How many of those selected are finished (or not this MAG's), so there is nothing to remind. */
	notOpen: number;
}

/**
 * One reminder per owner of the selected actions that are open. `lastReminded` is when each
 * action's current owner was last reminded of it (ISO time), if ever; `selectedCount` how many
 * were selected, open or not.
 */
export function bulkReminderPlan(
	selected: SelectedAction[],
	lastReminded: Map<number, string>,
	now: Date,
	selectedCount = selected.length
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
			ownerName: action.ownerName,
			references: [],
			actionIds: []
		};
		owner.references.push(action.reference);
		owner.actionIds.push(action.id);
		owners.set(action.ownerId, owner);
	}
	return {
		owners: [...owners.values()],
		recentlyReminded,
		noAccount,
		notOpen: Math.max(0, selectedCount - selected.length)
	};
}

/** "Reminders sent to 3 owners about 7 actions", and what was left out and why. */
export function bulkReminderConfirmation(plan: BulkReminderPlan): string[] {
	const actions = plan.owners.reduce((sum, owner) => sum + owner.actionIds.length, 0);
	const only = plan.owners.length === 1 && actions === 1 ? plan.owners[0]! : null;
	const lines = [
		only
			? `Reminder sent to ${only.ownerName} about ${only.references[0]}`
			: plan.owners.length === 0
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
	if (plan.notOpen)
		lines.push(
			plan.notOpen === 1
				? 'One selected action is finished, so there is nothing to remind'
				: `${plan.notOpen} selected actions are finished, so there is nothing to remind`
		);
	return lines;
}
