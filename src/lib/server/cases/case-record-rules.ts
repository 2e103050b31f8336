import { caseHistoryOutcome } from '../../domain/outcomes';
import type { AgendaPart, NeedStatus } from '../platform/schema';

/**
 * How the case record is put together from what the database holds, with no database: each need
 * with what was said of it at each meeting, the level of need over time, and the timeline of items.
 */

export interface NeedHistoryRow {
	needId: number;
	status: string | null;
	progress: string | null;
	support: string | null;
	meetingDate: string;
}

/** Each need with what each meeting said of it, in meeting order. */
export function needsWithHistory<N extends { id: number }>(needs: N[], history: NeedHistoryRow[]) {
	return needs.map((need) => ({
		...need,
		history: history
			.filter((h) => h.needId === need.id)
			.map((h) => ({
				meetingDate: h.meetingDate,
				status: h.status as NeedStatus | null,
				progress: h.progress,
				support: h.support
			}))
	}));
}

export interface ItemRow {
	id: number;
	part: AgendaPart;
	meetingDate: string;
	/** At the new CAF. */
	levelOfNeed: string | null;
	/** As agreed at a review. */
	reviewedLevelOfNeed: string | null;
	outcomeKind: string | null;
}

/** The level at the new CAF, then as agreed at each review (items in meeting order). */
export function levelOfNeedOverTime(items: ItemRow[]): { meetingDate: string; level: string }[] {
	return items.flatMap((i) => {
		const level = i.reviewedLevelOfNeed ?? i.levelOfNeed;
		return level === null ? [] : [{ meetingDate: i.meetingDate, level }];
	});
}

export interface GateCheckRow {
	submissionId: number;
	result: string;
	reason: string | null;
}

export interface CaseActionRow {
	submissionId: number | null;
	description: string;
	ownerName: string;
	ownerAgency: string;
	dueDate: string;
	status: string;
}

/**
 * The timeline: each item with its outcome in the case's words, the last consent check made for
 * it (checks in the order made), and the actions agreed at it.
 */
export function timelineOf<I extends ItemRow, G extends GateCheckRow, A extends CaseActionRow>(
	items: I[],
	gateChecks: G[],
	actions: A[]
) {
	return items.map(({ outcomeKind, ...item }) => ({
		...item,
		outcome: caseHistoryOutcome(outcomeKind),
		gate: gateChecks.filter((g) => g.submissionId === item.id).at(-1) ?? null,
		actions: actions
			.filter((a) => a.submissionId === item.id)
			.map(({ description, ownerName, ownerAgency, dueDate, status }) => ({
				description,
				ownerName,
				ownerAgency,
				dueDate,
				status
			}))
	}));
}

/** The hand-over waiting for this person to accept it, if any. */
export function pendingHandOverFor<C extends { toUserId: number; acknowledgedAt: string | null }>(
	leadChanges: C[],
	userId: number
): C | undefined {
	return leadChanges.find((change) => change.toUserId === userId && change.acknowledgedAt === null);
}
