/**
 * The database, one interface per table, in files by subject under schema/. Instants are ISO-8601
 * UTC text; booleans are 0/1 integers (SQLite).
 */
import type {
	AgencyTable,
	CommunityMembershipTable,
	CommunityTable,
	CouncilTable,
	LocalityTable,
	NoticeTable,
	UserTable
} from './schema/people';
import type {
	InvitationTable,
	RecoveryCodeTable,
	SessionTable,
	SignInAttemptTable,
	SingleSignOnIdentityTable,
	SingleSignOnRequestTable,
	SingleSignOnSessionTable
} from './schema/access';
import type {
	AuditCheckpointTable,
	AuditLogTable,
	FormSubmissionTable,
	RetentionRunTable,
	SchemaMigrationTable
} from './schema/audit';
import type {
	AttendanceTable,
	ClosureDayTable,
	GateCheckTable,
	ItemDeferralTable,
	JoinRequestTable,
	MeetingTable,
	MinutesApprovalTable,
	MinutesCorrectionChangeTable,
	MinutesCorrectionTable,
	ActionsReviewLaterTable,
	OutcomeTable
} from './schema/meetings';
import type {
	AdviceRequestTable,
	CafDraftTable,
	CommunityIssueTable,
	NeedUpdateTable,
	NewCafTable,
	ReviewTable,
	SubmissionTable
} from './schema/submissions';
import type {
	CaseConfidentialityTable,
	CaseStatusChangeTable,
	ConsentTable,
	ConsentAgencyTable,
	FamilyCaseTable,
	FamilyMemberTable,
	LeadProfessionalChangeTable,
	NeedTable
} from './schema/families';
import type { ActionFlagTable, ActionTable, ActionUpdateTable } from './schema/actions';
import type { CalendarFeedTable, EmailPreferenceTable, MailOutboxTable } from './schema/mail';
import type { FrontDoorContactPersonTable, FrontDoorContactTable } from './schema/front-door';
import type {
	CaseProblemTable,
	OutcomeEvidenceTable,
	OutcomeIndicatorTable,
	OutcomeProblemTable
} from './schema/outcome-plan';

export type * from './schema/people';
export type * from './schema/access';
export type * from './schema/audit';
export type * from './schema/meetings';
export type * from './schema/submissions';
export type * from './schema/families';
export type * from './schema/actions';
export type * from './schema/mail';
export type * from './schema/front-door';
export type * from './schema/outcome-plan';

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
	consent_agency: ConsentAgencyTable;
	new_caf: NewCafTable;
	caf_draft: CafDraftTable;
	review: ReviewTable;
	need_update: NeedUpdateTable;
	attendance: AttendanceTable;
	gate_check: GateCheckTable;
	outcome: OutcomeTable;
	actions_review_later: ActionsReviewLaterTable;
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
	council: CouncilTable;
	single_sign_on_request: SingleSignOnRequestTable;
	single_sign_on_identity: SingleSignOnIdentityTable;
	single_sign_on_session: SingleSignOnSessionTable;
	minutes_correction: MinutesCorrectionTable;
	minutes_correction_change: MinutesCorrectionChangeTable;
	minutes_approval: MinutesApprovalTable;
	front_door_contact: FrontDoorContactTable;
	front_door_contact_person: FrontDoorContactPersonTable;
	outcome_problem: OutcomeProblemTable;
	outcome_indicator: OutcomeIndicatorTable;
	case_problem: CaseProblemTable;
	outcome_evidence: OutcomeEvidenceTable;
}
