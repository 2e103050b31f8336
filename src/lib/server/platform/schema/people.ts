/** The council and its people: agencies, localities, communities, users and their roles, notices. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
	/** The data protection officer: may read the audit log, and nothing else an administrator can. */
	is_dpo: Generated<number>;
	/** An early help manager: sees every community's reports (counts only), and no family data. */
	is_manager: Generated<number>;
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

/** A message for one person in the app ("your item has moved to the meeting on ..."). */
export interface NoticeTable {
	id: Generated<number>;
	user_id: number;
	message: string;
	link: string | null;
	created_at: string;
	read_at: string | null;
}

export type Agency = Selectable<AgencyTable>;

export type Community = Selectable<CommunityTable>;

export type User = Selectable<UserTable>;

export type NewUser = Insertable<UserTable>;

export type UserUpdate = Updateable<UserTable>;
