import { REOPEN_WITHIN_DAYS } from '$lib/domain/limits';
import type { ActionStatus, CommunityRole } from '../platform/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the reopen rule needs to know about an action and the person asking. */
export interface ReopenQuestion {
	status: ActionStatus;
	/** When it was marked done (ISO), or null. */
	completedAt: string | null;
	ownerId: number | null;
	userId: number;
	/** The asker's role in the action's MAG, or null when not a member. */
	role: CommunityRole | null;
	now: Date;
}

/** Who may reopen an action: its owner, or the chair of its MAG (not a coordinator). */
export function mayReopen(ownerId: number | null, userId: number, role: CommunityRole | null) {
	return ownerId === userId || role === 'chair';
}

/** Whether a done action is still inside the reopening window. */
export function stillReopenable(
	action: { status: ActionStatus; completedAt: string | null },
	now: Date
): boolean {
	const deadline = reopenDeadline(action.completedAt);
	return action.status === 'done' && deadline !== null && now.getTime() <= deadline.getTime();
}

/** The last moment a done action can be reopened, or null if it was never marked done. */
export function reopenDeadline(completedAt: string | null): Date | null {
	if (!completedAt) return null;
	return new Date(new Date(completedAt).getTime() + REOPEN_WITHIN_DAYS * DAY_MS);
}

/**
 * Why this person may not reopen this action now, or null when they may. Only an action marked
 * done, only by its owner or the chair of its MAG, and only within REOPEN_WITHIN_DAYS of being
 * marked done (after that a new action is agreed at a meeting instead).
 */
export function reopenRefusal(q: ReopenQuestion): string | null {
	if (q.status !== 'done') return 'Only an action marked done can be reopened';
	if (!mayReopen(q.ownerId, q.userId, q.role))
		return "Only the action's owner or the MAG's chair can reopen it";
	if (!stillReopenable(q, q.now))
		return `This action was marked done more than ${REOPEN_WITHIN_DAYS} days ago and can no longer be reopened`;
	return null;
}

/** The reason given for reopening: required, trimmed. */
export function readReopenReason(value: FormDataEntryValue | null): {
	reason?: string;
	error?: string;
} {
	const reason = typeof value === 'string' ? value.trim() : '';
	if (!reason) return { error: 'Enter why the action is being reopened' };
	return { reason };
}
