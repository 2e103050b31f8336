import { describe, expect, it } from 'vitest';
import { followUp } from '../../../db/generate/history/actions';
import {
	dueAt,
	meetingIdAt,
	scheduleReview,
	type CommunityHistory
} from '../../../db/generate/history/community';
import type { OpenCase } from '../../../db/generate/families';
import type { Person, Roster } from '../../../db/generate/rosters';
import { mulberry32 } from '../../../db/generate/random';

const person = (id: number, poor = false): Person => ({
	id,
	name: `Person ${id}`,
	agency: 'Youth Service',
	agencyId: 1,
	poor
});
const community: Roster = {
	id: 1,
	name: 'Bromyard',
	chair: person(1),
	coordinator: person(2),
	members: [person(3)],
	anchor: '2027-03-16',
	busy: false
};
const at = (date: string) => Date.parse(`${date}T09:30:00.000Z`);
/** Three concluded meetings six weeks apart, then two to come (ids 40 and 41). */
function history(): CommunityHistory {
	const meetings = ['2026-11-17', '2026-12-29', '2027-02-09'].map((date, k) => ({
		id: 10 + k,
		date,
		startedAt: at(date),
		concludedAt: at(date) + 120 * 60_000
	}));
	return { meetings, future: [40, 41], due: new Map() };
}
const familyCase = (caseId: number) => ({ caseId }) as OpenCase;

describe("a community's history", () => {
	it('names each meeting by index: concluded ones, then those to come, then none', () => {
		const h = history();
		expect([0, 1, 2, 3, 4, 5].map((index) => meetingIdAt(h, index))).toEqual([
			10,
			11,
			12,
			40,
			41,
			null
		]);
	});

	it('sets the next review at the meeting after next and lists the case as due there', () => {
		const h = history();
		const a = familyCase(1);
		const b = familyCase(2);
		expect(scheduleReview(h, 0, a)).toBe(12);
		expect(scheduleReview(h, 0, b)).toBe(12);
		expect(scheduleReview(h, 2, a)).toBe(41);
		expect(scheduleReview(h, 4, b)).toBeNull();
		expect(dueAt(h, 2)).toEqual([a, b]);
		expect(dueAt(h, 4)).toEqual([a]);
		expect(dueAt(h, 1)).toEqual([]);
	});
});

describe('what became of an action', () => {
	const h = history();
	const discussion = { community, history: h, index: 0, meeting: h.meetings[0]! };
	const today = '2027-03-01';
	const rng = mulberry32(4);

	it('is never finished before today, nor closed, when not yet due', () => {
		for (let n = 0; n < 300; n++) {
			const { status, completedAt } = followUp(
				rng,
				'2026-11-20',
				discussion,
				person(3),
				'2026-12-15'
			);
			expect(['done', 'in-progress', 'open']).toContain(status);
			if (completedAt) expect(completedAt < '2026-11-20').toBe(true);
		}
	});

	it('when due, is mostly done, each finish with its entry in the history at the same time', () => {
		const statuses: Record<string, number> = {};
		for (let n = 0; n < 1000; n++) {
			const result = followUp(rng, today, discussion, person(3), '2026-12-01');
			statuses[result.status] = (statuses[result.status] ?? 0) + 1;
			if (result.status === 'open') expect(result.update).toBeNull();
			else if (result.status === 'in-progress') {
				expect(result.completedAt).toBeNull();
				expect(result.update?.kind).toBe('progress');
			} else {
				expect(result.update?.kind).toBe(result.status);
				expect(result.update?.at).toBe(result.completedAt);
				expect(result.completedAt! > '2026-11-17' && result.completedAt! < today).toBe(true);
				expect(result.update?.reason !== null).toBe(result.status === 'cannot-be-done');
			}
			if (result.status === 'closed') {
				// Closed by the chair at the first meeting after it was due.
				expect(result.update?.decidedAt).toBe(11);
				expect(result.update?.by).toBe(community.chair.id);
			}
		}
		expect(statuses.done! / 1000).toBeGreaterThan(0.7);
		expect(statuses['cannot-be-done']).toBeGreaterThan(0);
		expect(statuses.closed).toBeGreaterThan(0);
	});

	it('is done less often when the owner works for the agency that delivers poorly', () => {
		const doneRate = (poor: boolean) => {
			let done = 0;
			for (let n = 0; n < 1000; n++)
				if (followUp(rng, today, discussion, person(3, poor), '2026-12-01').status === 'done')
					done += 1;
			return done / 1000;
		};
		expect(doneRate(true)).toBeLessThan(doneRate(false) - 0.15);
	});

	it('cannot be closed at a review when no meeting has followed its due date', () => {
		for (let n = 0; n < 500; n++)
			expect(followUp(rng, today, discussion, person(3), '2027-02-20').status).not.toBe('closed');
	});
});
