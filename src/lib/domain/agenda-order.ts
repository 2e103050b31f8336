import type { AgendaPart } from '../server/platform/schema';
import { FAMILY_ITEM_LIMIT } from './limits';

/**
 * The order of the agenda (pure; tested without a database). Part by part, 1 to 4; within part 3 a
 * "stuck" review is taken first (it was brought back early because the plan is not working); then
 * the chair's order. The chair may reorder items within those lines, never across them.
 */
export interface AgendaLine {
	id: number;
	part: AgendaPart;
	stuck: boolean;
	position: number | null;
}

export function agendaOrder(a: AgendaLine, b: AgendaLine): number {
	return (
		a.part - b.part ||
		Number(b.stuck) - Number(a.stuck) ||
		(a.position ?? 1e9) - (b.position ?? 1e9) ||
		a.id - b.id
	);
}

export type OrderCheck = { ok: true; order: AgendaLine[] } | { ok: false; reason: string };

/**
 * Whether `proposed` (item ids, first to last) is an order the agenda may take. It must hold the
 * items on the agenda, each once and nothing else: a reorder never brings an item on or takes one
 * off, so the family items stay those the chair accepted within FAMILY_ITEM_LIMIT.
 */
export function checkOrder(agenda: AgendaLine[], proposed: number[]): OrderCheck {
	const byId = new Map(agenda.map((line) => [line.id, line]));
	const seen = new Set(proposed);
	if (
		seen.size !== proposed.length ||
		proposed.length !== agenda.length ||
		proposed.some((id) => !byId.has(id))
	)
		return {
			ok: false,
			reason:
				'Nothing was moved: the agenda has changed since the page was loaded. ' +
				`Only items already on it can be ordered (at most ${FAMILY_ITEM_LIMIT} family items).`
		};
	const order = proposed.map((id) => byId.get(id)!);
	for (let i = 1; i < order.length; i++) {
		const before = order[i - 1]!;
		const after = order[i]!;
		if (after.part < before.part)
			return {
				ok: false,
				reason: 'Nothing was moved: each item stays in its own part, and the parts go 1 to 4'
			};
		if (after.part === before.part && after.stuck && !before.stuck)
			return { ok: false, reason: 'Nothing was moved: stuck reviews are taken first in part 3' };
	}
	return { ok: true, order };
}

/** The items an item may be placed among: its part, and in part 3 its side of the stuck line. */
export function sameGroup(
	a: Pick<AgendaLine, 'part' | 'stuck'>,
	b: Pick<AgendaLine, 'part' | 'stuck'>
) {
	return a.part === b.part && a.stuck === b.stuck;
}

/**
 * The agenda's ids, first to last, with one item moved up or down a place or to a position in its
 * part (1 is the part's first). An item moved past the edge of its group stays where it was; a
 * position across the stuck line is left for checkOrder to refuse.
 */
export function orderWithMove(
	agenda: AgendaLine[],
	itemId: number,
	to: 'up' | 'down' | { position: number }
): number[] {
	const ordered = [...agenda].sort(agendaOrder);
	const index = ordered.findIndex((line) => line.id === itemId);
	if (index < 0) return ordered.map((line) => line.id);
	const item = ordered[index]!;
	const partStart = ordered.findIndex((line) => line.part === item.part);
	const partLength = ordered.filter((line) => line.part === item.part).length;
	let target: number;
	if (to === 'up' || to === 'down') {
		target = index + (to === 'up' ? -1 : 1);
		if (!ordered[target] || !sameGroup(ordered[target]!, item)) return ordered.map((l) => l.id);
	} else {
		target = partStart + Math.min(Math.max(to.position, 1), partLength) - 1;
	}
	ordered.splice(index, 1);
	ordered.splice(target, 0, item);
	return ordered.map((line) => line.id);
}

/** Where an item stands in its part: "position 2 of 3". */
export function placeInPart(agenda: AgendaLine[], itemId: number) {
	const item = agenda.find((line) => line.id === itemId);
	if (!item) return null;
	const part = [...agenda].filter((line) => line.part === item.part).sort(agendaOrder);
	return {
		part: item.part,
		position: part.findIndex((line) => line.id === itemId) + 1,
		of: part.length
	};
}
