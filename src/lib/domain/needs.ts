import type { NeedStatus } from '../server/platform/schema';
import { TEXT_LIMITS } from './text-limits';

/** How a lead professional says a need is going at review, in the order the form offers them. */
export const NEED_STATUSES: Record<NeedStatus, string> = {
	met: 'Met',
	'partly-met': 'Partly met',
	'not-met': 'Not met'
};

/** A review's line of progress on one need: one line, as the meeting reads it out. */
export const PROGRESS_LIMIT = TEXT_LIMITS.reviewProgress;
