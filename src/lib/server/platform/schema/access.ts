/** Signing in: sessions, sign-in attempts, invitations, recovery codes. */
import type { Generated, Selectable } from 'kysely';

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

export type Session = Selectable<SessionTable>;

/** A sign-in sent to the identity provider and not yet back (src/lib/server/auth/oidc.ts). */
export interface SingleSignOnRequestTable {
	/** SHA-256 of the random key in the browser's cookie: the key itself is never stored. */
	key_hash: string;
	state: string;
	nonce: string;
	/** The PKCE code verifier, sent with the code to the provider's token endpoint. */
	code_verifier: string;
	next_path: string;
	created_at: string;
}

/** Who at the identity provider has signed in to which account. */
export interface SingleSignOnIdentityTable {
	id: Generated<number>;
	user_id: number;
	issuer: string;
	subject: string;
	first_signed_in_at: string;
	last_signed_in_at: string;
}

/** A session begun at the identity provider. */
export interface SingleSignOnSessionTable {
	session_id: string;
	identity_id: number;
	/** 1 when the provider said the person gave more than one factor (amr, or a configured acr). */
	multi_factor: number;
}
