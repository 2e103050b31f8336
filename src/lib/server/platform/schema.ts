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
	closure_day: ClosureDayTable;
	meeting: MeetingTable;
	notice: NoticeTable;
	submission: SubmissionTable;
	advice_request: AdviceRequestTable;
	community_issue: CommunityIssueTable;
	family_case: FamilyCaseTable;
	family_member: FamilyMemberTable;
	need: NeedTable;
	consent: ConsentTable;
	new_caf: NewCafTable;
	review: ReviewTable;
	need_update: NeedUpdateTable;
	attendance: AttendanceTable;
	gate_check: GateCheckTable;
	outcome: OutcomeTable;
	action: ActionTable;
	mail_outbox: MailOutboxTable;
	email_preference: EmailPreferenceTable;
	calendar_feed: CalendarFeedTable;
	action_update: ActionUpdateTable;
	retention_run: RetentionRunTable;
	audit_checkpoint: AuditCheckpointTable;
	lead_professional_change: LeadProfessionalChangeTable;
	case_status_change: CaseStatusChangeTable;
	action_flag: ActionFlagTable;
	item_deferral: ItemDeferralTable;
	join_request: JoinRequestTable;
	case_confidentiality: CaseConfidentialityTable;
	form_submission: FormSubmissionTable;
	single_sign_on_request: SingleSignOnRequestTable;
	single_sign_on_identity: SingleSignOnIdentityTable;
	single_sign_on_session: SingleSignOnSessionTable;
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
	/** The hash of the entry before this one; null for the first entry. */
	previous_hash: string | null;
	/** SHA-256 of the previous hash and this entry's fields (audit.ts): the chain's link. */
	hash: string;
}

/** A day the council is closed: not a working day for submission deadlines. */
export interface ClosureDayTable {
	date: string;
	reason: string;
	added_by: number;
	added_at: string;
}

export type MeetingStatus =
	'scheduled' | 'agenda-open' | 'agenda-published' | 'in-progress' | 'concluded' | 'cancelled';

export interface MeetingTable {
	id: Generated<number>;
	community_id: number;
	/** Calendar date, YYYY-MM-DD, in England. */
	date: string;
	/** HH:MM, 24-hour, UK time. */
	start_time: string;
	length_minutes: number;
	venue: string | null;
	online_link: string | null;
	/** Calendar date: the last day to submit an item without it being late. */
	submission_deadline: string;
	status: MeetingStatus;
	created_by: number;
	created_at: string;
	started_at: string | null;
	concluded_at: string | null;
	/** The item the chair has on screen: everyone's live view follows it. */
	current_item_id: number | null;
	current_item_started_at: string | null;
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
}

export interface ConsentTable {
	id: Generated<number>;
	case_id: number;
	/** The parents or carers who signed. */
	given_by: string;
	young_person: 'yes' | 'no' | 'not-of-age';
	signed_on: string;
	covers_mag: number;
	/** The agencies the family agreed their information may be shared with. */
	shared_with: string;
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
}

export type NeedStatus = 'met' | 'partly-met' | 'not-met';

/** For one item and one need: the status reported at review, a line of progress, support agreed. */
export interface NeedUpdateTable {
	submission_id: number;
	need_id: number;
	status: NeedStatus | null;
	progress: string | null;
	support: string | null;
}

export type AttendanceStatus = 'present' | 'apologies' | 'absent' | 'substitute' | 'guest';

/** The register: one row per member of the MAG, plus guests (no account, named with their agency). */
export interface AttendanceTable {
	id: Generated<number>;
	meeting_id: number;
	user_id: number | null;
	name: string;
	agency: string | null;
	status: AttendanceStatus;
	/** For a member who sent someone from their agency in their place. */
	substitute_name: string | null;
	/** When the person in the room agreed the confidentiality statement. */
	confirmed_at: string | null;
	confirmed_via: 'self' | 'chair' | null;
	recorded_by: number;
	recorded_at: string;
}

/** One check of the consent gate by the chair, in a meeting, against a consent record. */
export interface GateCheckTable {
	id: Generated<number>;
	meeting_id: number;
	submission_id: number;
	consent_id: number | null;
	result: 'opened' | 'refused';
	reason: string | null;
	checked_by: number;
	checked_at: string;
}

export interface OutcomeTable {
	submission_id: number;
	meeting_id: number;
	kind: string;
	note: string;
	agency: string | null;
	lead_professional_id: number | null;
	next_review_meeting_id: number | null;
	taken_as_advice: number;
	/** Part 3: the family's level of need agreed at the review (null before reasons were asked). */
	level_of_need: Generated<string | null>;
	version: Generated<number>;
	recorded_by: number;
	recorded_at: string;
}

export type ActionStatus = 'open' | 'in-progress' | 'done' | 'cannot-be-done' | 'closed';

/** Every action has an owner (a person and their agency) and a due date (docs/domain.md). */
export interface ActionTable {
	id: Generated<number>;
	community_id: number;
	meeting_id: number;
	submission_id: number | null;
	case_id: number | null;
	description: string;
	owner_id: number | null;
	owner_name: string;
	owner_agency: string;
	/** Calendar date, YYYY-MM-DD. */
	due_date: string;
	status: Generated<ActionStatus>;
	created_by: number;
	created_at: string;
	/** When it left the open list: done, could not be done, or closed at a review. */
	completed_at: string | null;
}

export type ActionUpdateKind =
	'progress' | 'done' | 'cannot-be-done' | 'extended' | 'reassigned' | 'closed' | 'reminder';

/** MARAC practice: why an action could not be done. */
export type CannotBeDoneReason = 'circumstances-changed' | 'agency-could-not-act';

/** One entry in an action's history: an update by its owner, a review decision, a reminder. */
export interface ActionUpdateTable {
	id: Generated<number>;
	action_id: number;
	kind: ActionUpdateKind;
	note: string;
	reason: CannotBeDoneReason | null;
	/** Calendar dates, YYYY-MM-DD, when the due date was extended. */
	previous_due_date: string | null;
	new_due_date: string | null;
	/** "Name, Agency" of the owner before a reassignment. */
	previous_owner: string | null;
	/** The meeting whose actions review decided it. */
	meeting_id: number | null;
	recorded_by: number;
	recorded_at: string;
}

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

export type Agency = Selectable<AgencyTable>;
export type Community = Selectable<CommunityTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;

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

/** An open action on a case whose consent was withdrawn, waiting for the chair's decision. */
export interface ActionFlagTable {
	id: Generated<number>;
	action_id: number;
	case_id: number;
	reason: string;
	flagged_at: string;
	decision: 'closed' | 'kept' | null;
	decision_reason: string | null;
	decided_by: number | null;
	decided_at: string | null;
}

/** Why an item was moved to a later meeting (the activity report counts them). */
export type DeferralReason =
	| 'consent-not-confirmed'
	| 'agenda-full'
	| 'presenter-unavailable'
	| 'more-information'
	| 'out-of-time'
	/** Deferred before reasons were asked for (found in the audit log by the migration). */
	| 'not-recorded';

/** One deferral of an item from one meeting to a later one. */
export interface ItemDeferralTable {
	id: Generated<number>;
	submission_id: number;
	from_meeting_id: number;
	to_meeting_id: number;
	reason: DeferralReason;
	deferred_by: number;
	deferred_at: string;
}

/** Someone not recorded present who asked to join a running meeting, and whether they were let in. */
export interface JoinRequestTable {
	id: Generated<number>;
	meeting_id: number;
	user_id: number;
	asked_at: string;
	admitted_at: string | null;
	admitted_by: number | null;
}

/** Confidentiality agreed for one case, outside a meeting, before reading its family's details. */
export interface CaseConfidentialityTable {
	id: Generated<number>;
	case_id: number;
	user_id: number;
	agreed_at: string;
}

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
