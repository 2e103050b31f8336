/** Items on the agenda: submissions and what each part holds, reviews and their need updates. */
import type { Generated } from 'kysely';

export type AgendaPart = 1 | 2 | 3 | 4;
export type SubmissionStatus = 'submitted' | 'accepted' | 'deferred' | 'declined' | 'withdrawn';

export interface SubmissionTable {
	id: Generated<number>;
	meeting_id: number;
	part: AgendaPart;
	submitted_by: number;
	agency_id: number | null;
	status: SubmissionStatus;
	late: number;
	position: number | null;
	minutes: number | null;
	decline_reason: string | null;
	created_at: string;
	updated_at: string;
	/** Raised by each save of the item's content: a save from an older version is refused. */
	version: Generated<number>;
}

export interface AdviceRequestTable {
	submission_id: number;
	age_band: string;
	setting: string;
	worry: string;
	asked_for: string;
}

export interface CommunityIssueTable {
	submission_id: number;
	title: string;
	place: string;
	happening: string;
	wanted: string;
}

export interface NewCafTable {
	submission_id: number;
	case_id: number;
	consent_id: number;
	caf_date: string;
	way_in: string;
	level_of_need: string;
}

/** Part 3: a review of a case, brought by its lead professional (or scheduled by the chair). */
export interface ReviewTable {
	submission_id: number;
	case_id: number;
	/** A "stuck" plan is brought forward early. */
	stuck: number;
	/** The family's own view of the plan, in their words as the lead professional reports it. */
	family_view: Generated<string | null>;
}

export type NeedStatus = 'met' | 'partly-met' | 'not-met';

/** For one item and one need: the status reported at review, a line of progress, support agreed. */
export interface NeedUpdateTable {
	submission_id: number;
	need_id: number;
	status: NeedStatus | null;
	progress: string | null;
	support: string | null;
	/** Progress on the need scored 0–10 at this review (null for a review before scores). */
	score: Generated<number | null>;
}

/** A new CAF saved half-filled, for its author alone until submitted (caf-drafts.ts). */
export interface CafDraftTable {
	id: Generated<number>;
	author_id: number;
	/** How the author finds it again: the first family member named. */
	label: string;
	/** The form as typed: JSON, field name to text. */
	fields: string;
	created_at: string;
	updated_at: string;
}
