import type { ActionStatus } from '../platform/schema';
import type { OwnerUpdate } from './update-form';

/**
 * Where an action stands. Open and in progress are still to be delivered: they follow the case
 * into its next review and are chased (docs/domain.md); done, cannot be done and closed are
 * finished and take no more updates.
 */
export const OPEN_STATUSES: ActionStatus[] = ['open', 'in-progress'];

export const ACTION_STATUSES: ActionStatus[] = [
	'open',
	'in-progress',
	'done',
	'cannot-be-done',
	'closed'
];

export function isOpen(status: ActionStatus): boolean {
	return OPEN_STATUSES.includes(status);
}

const STATUS_AFTER: Record<OwnerUpdate['kind'], ActionStatus> = {
	progress: 'in-progress',
	done: 'done',
	'cannot-be-done': 'cannot-be-done'
};

/**
 * The action after its owner's update: its new status, and when it was finished (now, unless it is
 * only in progress).
 */
export function afterOwnerUpdate(
	kind: OwnerUpdate['kind'],
	now: Date
): { status: ActionStatus; completedAt: string | null } {
	const status = STATUS_AFTER[kind];
	return { status, completedAt: status === 'in-progress' ? null : now.toISOString() };
}
