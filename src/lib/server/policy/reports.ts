import type { DB } from '../platform/db';
import type { Area } from '../reports/area';
import { refuse } from './refusal';
import { requireUser } from './session';

export interface ReportReader {
	isManager: boolean;
	/** Communities the person chairs or coordinates (all of them for a manager). */
	communityIds: Set<number>;
	localityIds: Set<number>;
}

/** Chairs, coordinators and managers read reports; anyone else is refused (and the refusal logged). */
export async function requireReportReader(db: DB, locals: App.Locals): Promise<ReportReader> {
	const user = requireUser(locals);
	const isManager = user.isManager;
	const led = await db
		.selectFrom('community_membership')
		.innerJoin('community', 'community.id', 'community_membership.community_id')
		.select(['community.id', 'community.locality_id'])
		.where('community_membership.user_id', '=', user.id)
		.where('community_membership.role', 'in', ['chair', 'coordinator'])
		.execute();
	if (!isManager && led.length === 0)
		refuse('Only chairs, coordinators and early help managers can see reports');
	return {
		isManager,
		communityIds: new Set(led.map((c) => c.id)),
		localityIds: new Set(led.map((c) => c.locality_id))
	};
}

/**
 * Chairs and coordinators see reports for the communities they chair or coordinate, the localities
 * those are in, and council-wide; an early help manager sees every area.
 */
export function requireAreaInScope<A extends Area & { kind: 'community' | 'locality' }>(
	reader: ReportReader,
	area: A
): A {
	if (reader.isManager) return area;
	if (area.kind === 'community' && !reader.communityIds.has(area.id))
		refuse('You can see reports for the communities you chair or coordinate');
	if (area.kind === 'locality' && !reader.localityIds.has(area.id))
		refuse('You can see reports for the localities you chair or coordinate in');
	return area;
}
