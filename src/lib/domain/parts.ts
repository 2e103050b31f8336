import type { AgendaPart } from '../server/platform/schema';

/** The four parts of a MAG agenda, in the order the meeting takes them. */
export const PART_NAMES: Record<AgendaPart, string> = {
	1: 'Advice without consent',
	2: 'New CAF, with consent',
	3: 'Review',
	4: 'Community issue'
};
