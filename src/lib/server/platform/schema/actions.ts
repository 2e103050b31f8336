/** Actions, their history and flags. */
import type { Generated } from 'kysely';

export type ActionStatus = 'open' | 'in-progress' | 'done' | 'cannot-be-done' | 'closed';

/** Every action has an owner (a person and their agency) and a due date (docs/domain.md). */
export interface ActionTable {
	id: Generated<number>;
	community_id: number;
	meeting_id: number;
	submission_id: number | null;
	case_id: number | null;
	/** The case's need this action serves, where the room or the page tied it to one. */
	need_id: Generated<number | null>;
	description: string;
	owner_id: number | null;
	owner_name: string;
	owner_agency: string;
	/** Calendar date, YYYY-MM-DD. */
	due_date: string;
	status: Generated<ActionStatus>;
	created_by: number;
	created_at: string;
	/** When it left the open list: done, could not be done, or closed at a review. */
	completed_at: string | null;
}

export type ActionUpdateKind =
	| 'progress'
	| 'done'
	| 'cannot-be-done'
	| 'extended'
	| 'reassigned'
	| 'closed'
	| 'reminder'
	| 'reopened';

/** MARAC practice: why an action could not be done. */
export type CannotBeDoneReason = 'circumstances-changed' | 'agency-could-not-act';

/** One entry in an action's history: an update by its owner, a review decision, a reminder. */
export interface ActionUpdateTable {
	id: Generated<number>;
	action_id: number;
	kind: ActionUpdateKind;
	note: string;
	reason: CannotBeDoneReason | null;
	/** Calendar dates, YYYY-MM-DD, when the due date was extended. */
	previous_due_date: string | null;
	new_due_date: string | null;
	/** "Name, Agency" of the owner before a reassignment. */
	previous_owner: string | null;
	/** The meeting whose actions review decided it. */
	meeting_id: number | null;
	recorded_by: number;
	recorded_at: string;
}

/** An open action on a case whose consent was withdrawn, waiting for the chair's decision. */
export interface ActionFlagTable {
	id: Generated<number>;
	action_id: number;
	case_id: number;
	reason: string;
	flagged_at: string;
	decision: 'closed' | 'kept' | null;
	decision_reason: string | null;
	decided_by: number | null;
	decided_at: string | null;
}
