import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomMessage, scheduleReviews } from '$lib/server/agenda/reviews-due';
import { FAMILY_ITEM_LIMIT } from '$lib/domain/limits';
import { addCase, chair, count, database, meetings, setUpReviews } from './review-fixture';

beforeAll(setUpReviews);
afterAll(() => database.close());

const actor = () => ({ id: chair.id, ip: null });

async function itemsAt(meetingId: number) {
	const row = await database.db
		.selectFrom('submission')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('meeting_id', '=', meetingId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('the chair schedules several reviews due in one step', () => {
	it('schedules every review chosen, each for its lead professional, and tells each', async () => {
		const cases = [await addCase(), await addCase(), await addCase()];
		const notices = await count('notice');
		const result = await scheduleReviews(
			database.db,
			meetings[0]!,
			cases.map((c) => c.id),
			actor()
		);
		expect(result).toEqual({ ok: true, count: 3 });
		expect(await itemsAt(meetings[0]!)).toBe(3);
		expect(await count('notice')).toBe(notices + 3);
	});

	it('schedules nothing when one of the cases chosen cannot be scheduled', async () => {
		const good = await addCase({ reviewAt: meetings[1]! });
		const closed = await addCase({ reviewAt: meetings[1]!, status: 'withdrawn' });
		const before = {
			submissions: await count('submission'),
			reviews: await count('review'),
			updates: await count('need_update'),
			notices: await count('notice'),
			audit: await count('audit_log')
		};
		const result = await scheduleReviews(database.db, meetings[1]!, [good.id, closed.id], actor());
		expect(result.ok).toBe(false);
		expect(result.ok ? '' : result.reason).toMatch(/^Nothing was scheduled/);
		expect({
			submissions: await count('submission'),
			reviews: await count('review'),
			updates: await count('need_update'),
			notices: await count('notice'),
			audit: await count('audit_log')
		}).toEqual(before);
	});

	it(`keeps to the ${FAMILY_ITEM_LIMIT} family items a meeting takes, saying how many fit`, async () => {
		const already = [
			await addCase({ reviewAt: meetings[2]! }),
			await addCase({ reviewAt: meetings[2]! })
		];
		expect(
			(
				await scheduleReviews(
					database.db,
					meetings[2]!,
					already.map((c) => c.id),
					actor()
				)
			).ok
		).toBe(true);
		const more = [];
		for (let i = 0; i < FAMILY_ITEM_LIMIT - 1; i++)
			more.push(await addCase({ reviewAt: meetings[2]! }));
		const before = await itemsAt(meetings[2]!);
		const tooMany = await scheduleReviews(
			database.db,
			meetings[2]!,
			more.map((c) => c.id),
			actor()
		);
		expect(tooMany).toEqual({
			ok: false,
			reason: roomMessage(FAMILY_ITEM_LIMIT - 1, FAMILY_ITEM_LIMIT - 2)
		});
		expect(tooMany.ok ? '' : tooMany.reason).toContain(`only ${FAMILY_ITEM_LIMIT - 2} more fit`);
		expect(await itemsAt(meetings[2]!)).toBe(before);
		const fitting = more.slice(0, FAMILY_ITEM_LIMIT - 2).map((c) => c.id);
		expect(await scheduleReviews(database.db, meetings[2]!, fitting, actor())).toEqual({
			ok: true,
			count: FAMILY_ITEM_LIMIT - 2
		});
		const full = await scheduleReviews(database.db, meetings[2]!, [more.at(-1)!.id], actor());
		expect(full.ok ? '' : full.reason).toContain('no more fit');
	});

	it('asks for a choice when none is made', async () => {
		expect(await scheduleReviews(database.db, meetings[0]!, [], actor())).toEqual({
			ok: false,
			reason: 'Choose at least one review to schedule'
		});
	});
});
