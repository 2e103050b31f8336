/** Meetings: closure days, the register, the consent gate, outcomes, joining late, deferrals. */
import type { Generated } from 'kysely';

/** A day the council is closed: not a working day for submission deadlines. */
export interface ClosureDayTable {
	date: string;
	reason: string;
	added_by: number;
	added_at: string;
}

export type MeetingStatus =
	'scheduled' | 'agenda-open' | 'agenda-published' | 'in-progress' | 'concluded' | 'cancelled';

export interface MeetingTable {
	id: Generated<number>;
	community_id: number;
	/** Calendar date, YYYY-MM-DD, in England. */
	date: string;
	/** HH:MM, 24-hour, UK time. */
	start_time: string;
	length_minutes: number;
	venue: string | null;
	online_link: string | null;
	/** Calendar date: the last day to submit an item without it being late. */
	submission_deadline: string;
	status: MeetingStatus;
	created_by: number;
	created_at: string;
	started_at: string | null;
	concluded_at: string | null;
	/** The item the chair has on screen: everyone's live view follows it. */
	current_item_id: number | null;
	current_item_started_at: string | null;
}

export type AttendanceStatus = 'present' | 'apologies' | 'absent' | 'substitute' | 'guest';

/** The register: one row per member of the MAG, plus guests (no account, named with their agency). */
export interface AttendanceTable {
	id: Generated<number>;
	meeting_id: number;
	user_id: number | null;
	name: string;
	agency: string | null;
	status: AttendanceStatus;
	/** For a member who sent someone from their agency in their place. */
	substitute_name: string | null;
	/** When the person in the room agreed the confidentiality statement. */
	confirmed_at: string | null;
	confirmed_via: 'self' | 'chair' | null;
	recorded_by: number;
	recorded_at: string;
}

/** One check of the consent gate by the chair, in a meeting, against a consent record. */
export interface GateCheckTable {
	id: Generated<number>;
	meeting_id: number;
	submission_id: number;
	consent_id: number | null;
	result: 'opened' | 'refused';
	reason: string | null;
	checked_by: number;
	checked_at: string;
}

/** The chair chose in the room to review the overdue actions later (one row per meeting). */
export interface ActionsReviewLaterTable {
	meeting_id: number;
	chosen_by: number;
	chosen_at: string;
}

export interface OutcomeTable {
	submission_id: number;
	meeting_id: number;
	kind: string;
	note: string;
	agency: string | null;
	lead_professional_id: number | null;
	next_review_meeting_id: number | null;
	taken_as_advice: number;
	/** Part 3: the family's level of need agreed at the review (null before reasons were asked). */
	level_of_need: Generated<string | null>;
	version: Generated<number>;
	recorded_by: number;
	recorded_at: string;
}

/** Why an item was moved to a later meeting (the activity report counts them). */
export type DeferralReason =
	| 'consent-not-confirmed'
	| 'agenda-full'
	| 'presenter-unavailable'
	| 'more-information'
	| 'out-of-time'
	/** Deferred before reasons were asked for (found in the audit log by the migration). */
	| 'not-recorded';

/** One deferral of an item from one meeting to a later one. */
export interface ItemDeferralTable {
	id: Generated<number>;
	submission_id: number;
	from_meeting_id: number;
	to_meeting_id: number;
	reason: DeferralReason;
	deferred_by: number;
	deferred_at: string;
}

/** Someone not recorded present who asked to join a running meeting, and whether they were let in. */
export interface JoinRequestTable {
	id: Generated<number>;
	meeting_id: number;
	user_id: number;
	asked_at: string;
	admitted_at: string | null;
	admitted_by: number | null;
}

/** A correction of published minutes (version 1 is the first; 0 is the minutes as published). */
export interface MinutesCorrectionTable {
	id: Generated<number>;
	meeting_id: number;
	version: number;
	reason: string;
	corrected_by: number;
	corrected_at: string;
}

/** What a correction changed: one field of one item ('note': the note of the discussion). */
export interface MinutesCorrectionChangeTable {
	id: Generated<number>;
	correction_id: number;
	submission_id: number;
	field: string;
	before: string;
	after: string;
}

/** Minutes approved at the next meeting of the same MAG. */
export interface MinutesApprovalTable {
	meeting_id: number;
	approved_at_meeting_id: number;
	approved_by: number;
	approved_at: string;
}
