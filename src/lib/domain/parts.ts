import type { AgendaPart, SubmissionStatus } from '../server/platform/schema';

/** The four parts of a MAG agenda, in the order the meeting takes them. */
export const PART_NAMES: Record<AgendaPart, string> = {
	1: 'Advice without consent',
	2: 'New CAF, with consent',
	3: 'Review',
	4: 'Community issue'
};

/** Where an item stands on its meeting's agenda, in the order it goes through them. */
export const SUBMISSION_STATUS_NAMES: Record<SubmissionStatus, string> = {
	submitted: 'Submitted',
	accepted: 'Accepted',
	deferred: 'Deferred',
	declined: 'Declined',
	withdrawn: 'Withdrawn'
};
