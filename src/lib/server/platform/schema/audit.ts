/** The audit log and what keeps it: checkpoints, retention runs, form keys, migrations. */
import type { Generated, Selectable } from 'kysely';

export interface SchemaMigrationTable {
	name: string;
	applied_at: string;
}

export interface AuditLogTable {
	id: Generated<number>;
	at: string;
	/** Who did it; null for anonymous events such as a failed sign-in. */
	actor_id: number | null;
	action: string;
	record_type: string | null;
	record_id: string | null;
	ip: string | null;
	/** JSON text: a few facts about the event, never a password or a family's details. */
	detail: string | null;
	/** The hash of the entry before this one; null for the first entry. */
	previous_hash: string | null;
	/** SHA-256 of the previous hash and this entry's fields (audit.ts): the chain's link. */
	hash: string;
}

/** One run of the retention job (retention.ts), by the daily schedule or `npm run retention`. */
export interface RetentionRunTable {
	id: Generated<number>;
	ran_at: string;
	cases_anonymised: number;
	audit_entries_removed: number;
	by: 'schedule' | 'command';
	/** JSON text: the settings used and the references anonymised. */
	detail: string | null;
}

/**
 * Where the audit log now starts: its oldest entries up to `last_removed_id` were removed by
 * retention, and the first one kept follows `last_removed_hash`. The database lets entries be
 * deleted only up to the latest checkpoint.
 */
export interface AuditCheckpointTable {
	id: Generated<number>;
	made_at: string;
	last_removed_id: number;
	last_removed_hash: string;
	entries_removed: number;
}

export type AuditEntry = Selectable<AuditLogTable>;

/** A form post that added or recorded something, by its page's key (src/lib/server/http/form-keys.ts). */
export interface FormSubmissionTable {
	token: string;
	user_id: number;
	/** The form and what it was about, e.g. `room-action:12`. */
	form: string;
	/** JSON: what the first post answered, so that a repeat answers the same. */
	answer: string;
	created_at: string;
}
