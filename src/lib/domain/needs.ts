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

/** Progress on a need is scored at each review from 0 (no progress) to 10 (the need is met). */
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

/** What the trend of a need's scores says, from its first score to its last. */
export const TREND_WORDS = {
	improving: 'improving',
	worsening: 'getting worse',
	steady: 'no change',
	single: 'first score',
	none: 'not scored yet'
} as const;
