/** The council and its people: agencies, localities, communities, users and their roles, notices. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AgencyTable {
	id: Generated<number>;
	name: string;
	/** The kind of service, e.g. "Police", "School", "Health". */
	sector: string;
	/** The information-sharing agreement: signed on, review due (YYYY-MM-DD), where it is kept. */
	agreement_signed_on: string | null;
	agreement_review_due: string | null;
	agreement_location: string | null;
	/** No new members once retired; its history stays and is still reported. */
	retired_at: string | null;
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
	/** Its MAG's settings (docs/domain.md, "The numbers"): the defaults are the MAG model's. */
	meeting_length_minutes: Generated<number>;
	every_weeks: Generated<number>;
	family_item_limit: Generated<number>;
	deadline_working_days: Generated<number>;
	venue: string | null;
	online_link: string | null;
	/** Read out at its meetings; null: the council's (CONFIDENTIALITY_STATEMENT). */
	confidentiality_statement: string | null;
	/** No new meetings or members once retired; its history stays and is still reported. */
	retired_at: string | null;
}

/** The council itself: one row. */
export interface CouncilTable {
	id: number;
	name: string;
	created_at: string;
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
	/** The front-door team: reads and records the contact log, and nothing else of a family. */
	is_front_door: Generated<number>;
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
