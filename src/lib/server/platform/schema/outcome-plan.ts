/** The council's outcome plan, the problems that apply to each case, and the evidence of outcomes. */
import type { Generated } from 'kysely';

/** A headline problem of the plan (e.g. "Secure housing"). */
export interface OutcomeProblemTable {
	id: Generated<number>;
	name: string;
	created_at: string;
	/** No longer offered for new cases; kept where it applies. */
	retired_at: string | null;
}

/** An indicator that a problem is resolved, with the evidence the council accepts for it. */
export interface OutcomeIndicatorTable {
	id: Generated<number>;
	problem_id: number;
	description: string;
	evidence_accepted: string;
	measure: 'achieved' | 'sustained';
	/** Months the outcome must last, for 'sustained'; null for 'achieved'. */
	sustain_months: number | null;
	created_at: string;
	retired_at: string | null;
}

/** A headline problem that applies to a case, from when the MAG took it on. */
export interface CaseProblemTable {
	case_id: number;
	problem_id: number;
	recorded_by: number;
	recorded_at: string;
}

/** Evidence that an indicator was achieved or sustained: what, from which agency, dated. */
export interface OutcomeEvidenceTable {
	id: Generated<number>;
	case_id: number;
	indicator_id: number;
	what: string;
	agency_id: number;
	/** YYYY-MM-DD: the date of the evidence itself. */
	evidence_date: string;
	status: 'achieved' | 'sustained';
	/** The review it was recorded at, if it was. */
	submission_id: number | null;
	recorded_by: number;
	recorded_at: string;
}
