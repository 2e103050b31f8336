import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** One interface per table. Instants are ISO-8601 UTC text; booleans are 0/1 integers (SQLite). */
export interface Database {
	schema_migration: SchemaMigrationTable;
	agency: AgencyTable;
	locality: LocalityTable;
	community: CommunityTable;
	user: UserTable;
	community_membership: CommunityMembershipTable;
	session: SessionTable;
	sign_in_attempt: SignInAttemptTable;
	invitation: InvitationTable;
	recovery_code: RecoveryCodeTable;
	audit_log: AuditLogTable;
}

export interface SchemaMigrationTable {
	name: string;
	applied_at: string;
}

export interface AgencyTable {
	id: Generated<number>;
	name: string;
	/** The kind of service, e.g. "Police", "School", "Health". */
	sector: string;
}

export interface LocalityTable {
	id: Generated<number>;
	name: string;
}

/** A natural community: each has its own MAG meeting. */
export interface CommunityTable {
	id: Generated<number>;
	locality_id: number;
	name: string;
}

export interface UserTable {
	id: Generated<number>;
	/** Stored lower-case; unique. */
	email: string;
	name: string;
	job_title: string | null;
	agency_id: number | null;
	is_administrator: number;
	/** Null until the invited person sets a password. */
	password_hash: string | null;
	/** The TOTP key (20 bytes), null when two-factor sign-in is not set up. */
	totp_key: Uint8Array | null;
	/** The last TOTP time step accepted, so a code works once. */
	totp_last_step: number | null;
	disabled_at: string | null;
	created_at: string;
}

export type CommunityRole = 'chair' | 'coordinator' | 'member';

export interface CommunityMembershipTable {
	user_id: number;
	community_id: number;
	role: CommunityRole;
}

export interface SessionTable {
	/** Public identifier, the first half of the cookie token. */
	id: string;
	/** SHA-256 of the secret half: the secret itself is never stored. */
	secret_hash: Uint8Array;
	user_id: number;
	created_at: string;
	last_used_at: string;
	/** 1 once the second factor has been given (or when none is set up). */
	two_factor_verified: number;
	ip: string | null;
}

export interface SignInAttemptTable {
	id: Generated<number>;
	/** As typed (lower-cased), whether or not an account has it. */
	email: string;
	ip: string;
	stage: 'password' | 'two-factor';
	succeeded: number;
	attempted_at: string;
}

export interface InvitationTable {
	id: Generated<number>;
	token_hash: string;
	user_id: number;
	invited_by: number;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface RecoveryCodeTable {
	id: Generated<number>;
	user_id: number;
	code_hash: string;
	used_at: string | null;
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
}

export type Agency = Selectable<AgencyTable>;
export type Community = Selectable<CommunityTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
