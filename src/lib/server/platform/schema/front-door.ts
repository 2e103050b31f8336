/** The front door's contact log: calls and messages to the council's early help front door. */
import type { Generated } from 'kysely';
import type { CallerKind, ContactOutcome } from '../../../domain/front-door';

export interface FrontDoorContactTable {
	id: Generated<number>;
	/** When the call or message came in (an instant). */
	received_at: string;
	caller_kind: CallerKind;
	caller_name: string;
	/** A practitioner's agency. */
	caller_agency: string | null;
	/** A family member's relationship to the child. */
	caller_relationship: string | null;
	/** The community (MAG area) the family lives in, if known. */
	community_id: number | null;
	/** What was asked, in the caller's words as noted. */
	asked: string;
	outcome: ContactOutcome;
	/** The named worker liaised with (the case-holding social worker). */
	liaison_worker: string | null;
	notes: string | null;
	/** The family agreed to their details going to a MAG (a new CAF may follow). */
	family_consented: Generated<number>;
	recorded_by: number;
	created_at: string;
	/** Brought to a MAG: the meeting, the item created (part 1) and the part. */
	brought_meeting_id: number | null;
	brought_submission_id: number | null;
	brought_part: number | null;
	brought_at: string | null;
	anonymised_at: string | null;
}

/** A child or family member the contact is about. */
export interface FrontDoorContactPersonTable {
	id: Generated<number>;
	contact_id: number;
	position: number;
	name: string;
	/** YYYY-MM-DD, when the caller knew it. */
	date_of_birth: string | null;
}
