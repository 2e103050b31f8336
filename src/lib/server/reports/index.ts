import type { DB } from '../platform/db';
import type { Report, ReportFilter } from './report';
import { activityReport } from './activity';
import { capacityReport } from './capacity';
import { outcomesReport } from './outcomes';
import { actionsReport } from './actions';
import { engagementReport } from './engagement';
import { waysInReport } from './ways-in';
import { FAMILY_ITEM_LIMIT } from '../../domain/limits';

/** The reports, in the order the reports page lists them. */
export const REPORTS: Record<
	string,
	{ title: string; summary: string; build: (db: DB, filter: ReportFilter) => Promise<Report> }
> = {
	activity: {
		title: 'Activity',
		summary:
			'Advice requests, new CAFs, reviews and community issues per month and per meeting; items deferred and why; meetings running over time.',
		build: activityReport
	},
	capacity: {
		title: 'Capacity',
		summary:
			`Family items per meeting against the ${FAMILY_ITEM_LIMIT} a meeting can take, and a forecast of the reviews due at the meetings to come.`,
		build: capacityReport
	},
	outcomes: {
		title: 'Outcomes',
		summary:
			'Needs met, partly met and not met at review; cases closed, stepped up and stepped down; time to close; level of need.',
		build: outcomesReport
	},
	actions: {
		title: 'Actions',
		summary:
			'Completion rate, median days to complete, overdue actions by agency, and why actions could not be done.',
		build: actionsReport
	},
	engagement: {
		title: 'Agency engagement',
		summary:
			'Attendance by agency (present, apologies, absent) and the actions each agency owned and delivered.',
		build: engagementReport
	},
	'ways-in': {
		title: 'Ways in',
		summary: 'New cases by the way the family came to early help, and per month.',
		build: waysInReport
	}
};
