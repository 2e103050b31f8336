/** The ranges a community's MAG settings may take (docs/domain.md, "The numbers"). */
export const COMMUNITY_SETTING_RANGES = {
	meetingLengthMinutes: { min: 30, max: 480, label: 'Meeting length', unit: 'minutes' },
	everyWeeks: { min: 1, max: 26, label: 'How often it meets', unit: 'weeks' },
	familyItemLimit: { min: 1, max: 40, label: 'Family items per meeting', unit: 'items' },
	deadlineWorkingDays: { min: 0, max: 20, label: 'Submission deadline', unit: 'working days' }
} as const;

export type CommunitySettingName = keyof typeof COMMUNITY_SETTING_RANGES;

/** Where an agency's information-sharing agreement stands on a given day. */
export type AgreementState = 'none' | 'current' | 'review-due' | 'review-overdue';

/** The review is "due" in the 60 days before its date, "overdue" once it has passed. */
export const AGREEMENT_REVIEW_WARNING_DAYS = 60;

export const AGREEMENT_STATES: Record<AgreementState, { label: string; colour: string }> = {
	none: { label: 'No agreement recorded', colour: 'red' },
	current: { label: 'Agreement in place', colour: 'green' },
	'review-due': { label: 'Review due soon', colour: 'yellow' },
	'review-overdue': { label: 'Review overdue', colour: 'orange' }
};
