/** Families: the case, its members and needs, consent over time, lead professional and status changes. */
import type { Generated } from 'kysely';

/** A family supported through the MAG. Outside the consent gate only `reference` and `initials` show. */
export interface FamilyCaseTable {
	id: Generated<number>;
	/** e.g. BRO-2027-014: community code, year, number within the year. */
	reference: string;
	community_id: number;
	initials: string;
	created_by: number;
	created_at: string;
	lead_professional_id: number | null;
	status: Generated<CaseStatus>;
	next_review_meeting_id: number | null;
	/** When the status left 'open' (kept by a database trigger); null while open. Starts retention. */
	closed_at: Generated<string | null>;
	/** When retention removed the family's identities (retention.ts); null until then. */
	anonymised_at: Generated<string | null>;
}

export type CaseStatus = 'open' | 'closed-needs-met' | 'stepped-up' | 'stepped-down' | 'withdrawn';

export interface FamilyMemberTable {
	id: Generated<number>;
	case_id: number;
	name: string;
	date_of_birth: string;
	relationship: string;
	setting: string | null;
	is_child: number;
}

export type NeedDomain = 'development' | 'parenting' | 'family-environment';

export interface NeedTable {
	id: Generated<number>;
	case_id: number;
	family_member_id: number;
	description: string;
	domain: NeedDomain;
	/** When the room closed the need at a review (with why, by whom, at which item); null while open. */
	closed_at: Generated<string | null>;
	closed_reason: Generated<string | null>;
	closed_by: Generated<number | null>;
	closed_submission_id: Generated<number | null>;
	/** The review item at which the room added the need; null for one from the CAF or a review form. */
	raised_submission_id: Generated<number | null>;
}

export interface ConsentTable {
	id: Generated<number>;
	case_id: number;
	/** The parents or carers who signed. */
	given_by: string;
	young_person: 'yes' | 'no' | 'not-of-age';
	signed_on: string;
	covers_mag: number;
	/**
	 * Who may know, in words, as it read when recorded ("All agencies at this MAG", or the agencies
	 * named). What is enforced is `shares_with_all` and `consent_agency`; before 2026-12-04 this was
	 * free text that nothing read.
	 */
	shared_with: string;
	/** 1: every agency at this MAG may know; 0: only those in `consent_agency`. */
	shares_with_all: Generated<number>;
	/** 1: the family agreed partners may check their own records before the meeting. */
	partner_checks: Generated<number>;
	/** Where the signed form is kept. */
	form_location: string;
	withdrawn_on: string | null;
	recorded_by: number;
	recorded_at: string;
	/** Given with a new CAF or recorded on the case; a renewal replaces the consent before it. */
	kind: Generated<ConsentKind>;
	replaces_consent_id: number | null;
	/** Who recorded the family's withdrawal (set with withdrawn_on). */
	withdrawn_by: number | null;
}

export type ConsentKind = 'given' | 'renewed';

/** An agency a consent names: its members may know about the family (when not all may). */
export interface ConsentAgencyTable {
	consent_id: number;
	agency_id: number;
}

/** A hand-over of a case to another lead professional; the new one accepts it. */
export interface LeadProfessionalChangeTable {
	id: Generated<number>;
	case_id: number;
	from_user_id: number | null;
	to_user_id: number;
	reason: string;
	changed_by: number;
	changed_at: string;
	acknowledged_at: string | null;
}

/** The case's status over time (set by a review's outcome or by a withdrawal of consent). */
export interface CaseStatusChangeTable {
	id: Generated<number>;
	case_id: number;
	status: CaseStatus;
	changed_by: number;
	changed_at: string;
	submission_id: number | null;
}

/** Confidentiality agreed for one case, outside a meeting, before reading its family's details. */
export interface CaseConfidentialityTable {
	id: Generated<number>;
	case_id: number;
	user_id: number;
	agreed_at: string;
}
