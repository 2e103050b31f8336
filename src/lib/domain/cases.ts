import type { CaseStatus } from '../server/platform/schema';

/** Where a family's case stands, in the words the case record and its list use. */
export const CASE_STATUSES: Record<CaseStatus, string> = {
	open: 'Open',
	'closed-needs-met': 'Closed: needs met',
	'stepped-up': 'Stepped up',
	'stepped-down': 'Stepped down',
	withdrawn: 'Withdrawn'
};
