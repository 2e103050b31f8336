import type { ActionStatus, ActionUpdateKind, CannotBeDoneReason } from '../server/platform/schema';

/** How an action's status is named on screen, and the colour of its tag. */
export const actionStatusNames: Record<ActionStatus, string> = {
	open: 'Open',
	'in-progress': 'In progress',
	done: 'Done',
	'cannot-be-done': 'Cannot be done',
	closed: 'Closed'
};

export const actionStatusColours = {
	open: 'blue',
	'in-progress': 'light-blue',
	done: 'green',
	'cannot-be-done': 'orange',
	closed: 'grey'
} as const satisfies Record<ActionStatus, string>;

/** Each entry in an action's history, as its heading. */
export const actionUpdateNames: Record<ActionUpdateKind, string> = {
	progress: 'Progress',
	done: 'Done',
	'cannot-be-done': 'Cannot be done',
	extended: 'Due date extended',
	reassigned: 'Reassigned',
	closed: 'Closed at a review',
	reminder: 'Reminder sent',
	reopened: 'Reopened'
};

/** MARAC practice: the two reasons an action cannot be done. */
export const cannotBeDoneReasons: Record<CannotBeDoneReason, string> = {
	'circumstances-changed': 'Circumstances changed',
	'agency-could-not-act': 'The agency could not act'
};

/** My actions narrowed by when they are due (the home page's counts link to these). */
export const dueFilterNames = {
	overdue: 'Overdue',
	soon: 'Due in the next 14 days'
} as const;
