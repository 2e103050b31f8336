/** The words and defaults of running a meeting: the register, time per item, deferrals. */
import type { AgendaPart, AttendanceStatus, DeferralReason } from '../server/platform/schema';
import { SUBMISSION_DEADLINE_WORKING_DAYS } from './limits';

/** Defaults from the MAG model: every six weeks, two hours, items in five working days before. */
export const MEETING_DEFAULTS = {
	everyWeeks: 6,
	lengthMinutes: 120,
	deadlineWorkingDays: SUBMISSION_DEADLINE_WORKING_DAYS,
	startTime: '09:30'
} as const;

/** Minutes each kind of item gets unless the chair says otherwise (MARAC practice: 12–15 a case). */
export const DEFAULT_MINUTES: Record<AgendaPart, number> = { 1: 5, 2: 12, 3: 8, 4: 10 };

/** A member's place on the register (guests are recorded apart). */
export type MemberAttendance = Exclude<AttendanceStatus, 'guest'>;
export const MEMBER_STATUSES: Record<MemberAttendance, string> = {
	present: 'Present',
	apologies: 'Apologies',
	absent: 'Absent',
	substitute: 'Sent a substitute'
};

/** Why an item moves to a later meeting, in the chair's words (the activity report counts them). */
export const DEFERRAL_REASONS: Record<DeferralReason, string> = {
	'consent-not-confirmed': 'Consent could not be confirmed',
	'agenda-full': 'No room on the agenda',
	'presenter-unavailable': 'The person bringing it cannot attend',
	'more-information': 'More information is needed first',
	'out-of-time': 'The meeting ran out of time',
	// Only for deferrals made before the reason was asked for: never offered.
	'not-recorded': 'No reason was recorded'
};

/** The reasons a chair can choose from, in the order offered. */
export const OFFERED_DEFERRAL_REASONS = (Object.keys(DEFERRAL_REASONS) as DeferralReason[]).filter(
	(reason) => reason !== 'not-recorded'
);
