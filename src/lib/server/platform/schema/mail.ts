/** Email and calendar: the outbox, email preferences, calendar feeds. */
import type { Generated } from 'kysely';

/** A person's private calendar feed link. The token is in the link only; this keeps its SHA-256. */
export interface CalendarFeedTable {
	id: Generated<number>;
	user_id: number;
	/** Hex SHA-256 of the token in the feed's address. */
	token_hash: string;
	created_at: string;
	/** Set when the person revokes the link or makes a new one; the link then answers 404. */
	revoked_at: string | null;
	last_used_at: string | null;
}

export type MailKind =
	| 'invitation'
	| 'agenda-published'
	| 'action-list'
	| 'reminder-7-days'
	| 'reminder-overdue'
	| 'reminder-from-chair'
	| 'digest';

export type MailStatus = 'queued' | 'sent' | 'failed';

/** An email waiting to go, sent, or given up on; the worker delivers from here. */
export interface MailOutboxTable {
	id: Generated<number>;
	kind: MailKind;
	recipient: string;
	user_id: number | null;
	subject: string;
	/** Plain text; emptied once delivered. */
	body: string;
	/** Unique when set: a second message with the same key is never queued. */
	dedupe_key: string | null;
	status: Generated<MailStatus>;
	attempts: Generated<number>;
	next_attempt_at: string;
	last_attempt_at: string | null;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
}

/** The optional emails (reminders, the weekly digest) a person has chosen. No row: both on. */
export interface EmailPreferenceTable {
	user_id: number;
	reminders: number;
	digest: number;
	updated_at: string;
}
