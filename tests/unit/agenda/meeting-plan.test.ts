import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { previewMeetings, scheduleFromForm } from '$lib/server/agenda/meeting-plan';
import { addClosureDay, listMeetings } from '$lib/server/agenda/meetings';
import { addCommunity, addUser, freshDatabase } from '../helpers';

const TODAY = '2027-01-04';
let database: OpenDatabase;
let chair: { id: number; ip: null };
let communityId: number;

beforeAll(async () => {
	database = await freshDatabase();
	chair = { id: (await addUser(database)).id, ip: null };
	communityId = await addCommunity(database.db, 'Kington and Weobley', 'West');
	await addClosureDay(database.db, '2027-02-16', 'Training day', chair);
});
afterAll(() => database.close());

function planForm(fields: Record<string, string | string[]> = {}): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries({
		'date-day': '23',
		'date-month': '2',
		'date-year': '2027',
		startTime: '09:30',
		lengthMinutes: '120',
		venue: 'Kington Children’s Centre',
		onlineLink: '',
		repeat: 'series',
		everyWeeks: '6',
		...fields
	}))
		for (const one of [value].flat()) form.append(name, one);
	return form;
}

describe('previewing a plan of meetings', () => {
	it('gives each date its deadline, five working days before, closure days skipped', async () => {
		const answer = await previewMeetings(database.db, communityId, planForm(), TODAY);
		if (!answer.ok) throw new Error(JSON.stringify(answer.data.errors));
		// 16 February is a closure day, so the deadline for 23 February falls on the 15th.
		expect(answer.preview[0]).toEqual({ date: '2027-02-23', deadline: '2027-02-15' });
		expect(answer.preview[1]).toEqual({ date: '2027-04-06', deadline: '2027-03-30' });
	});

	it('says what is wrong, with what was typed', async () => {
		const answer = await previewMeetings(database.db, communityId, planForm({ venue: '' }), TODAY);
		expect(answer).toMatchObject({
			ok: false,
			data: { errors: { venue: 'Enter a venue or an online meeting link' } }
		});
	});
});

describe('scheduling from the plan', () => {
	it('schedules only the dates kept ticked', async () => {
		const answer = await scheduleFromForm(
			database.db,
			communityId,
			planForm({ keep: ['2027-02-23', '2027-05-18'] }),
			chair,
			TODAY
		);
		expect(answer).toEqual({ ok: true, scheduled: 2 });
		const { upcoming } = await listMeetings(database.db, communityId, TODAY);
		expect(upcoming.map((m) => [m.date, m.submissionDeadline])).toEqual([
			['2027-02-23', '2027-02-15'],
			['2027-05-18', '2027-05-11']
		]);
	});

	it('asks for at least one date, showing the series again, and schedules nothing', async () => {
		const before = (await listMeetings(database.db, communityId, TODAY)).upcoming.length;
		const answer = await scheduleFromForm(database.db, communityId, planForm(), chair, TODAY);
		if (answer.ok) throw new Error('scheduled with no date kept');
		expect(answer.data.errors).toEqual({ keep: 'Keep at least one date' });
		expect(answer.data.preview?.[0]).toEqual({ date: '2027-02-23', deadline: '2027-02-15' });
		expect((await listMeetings(database.db, communityId, TODAY)).upcoming).toHaveLength(before);
	});
});

describe("the community's own settings", () => {
	it('give the deadline its working days, and a retired community schedules nothing', async () => {
		await database.db
			.updateTable('community')
			.set({ deadline_working_days: 10 })
			.where('id', '=', communityId)
			.execute();
		const answer = await previewMeetings(database.db, communityId, planForm(), TODAY);
		if (!answer.ok) throw new Error('refused');
		const [first] = answer.preview;
		// Ten working days before: two calendar weeks when no bank holiday falls between.
		expect(first!.deadline < first!.date).toBe(true);
		const fiveDays = await (async () => {
			await database.db
				.updateTable('community')
				.set({ deadline_working_days: 5 })
				.where('id', '=', communityId)
				.execute();
			const again = await previewMeetings(database.db, communityId, planForm(), TODAY);
			return again.ok ? again.preview[0]!.deadline : '';
		})();
		expect(first!.deadline < fiveDays).toBe(true);
		await database.db
			.updateTable('community')
			.set({ retired_at: new Date().toISOString() })
			.where('id', '=', communityId)
			.execute();
		const before = await database.db.selectFrom('meeting').select('id').execute();
		const refused = await scheduleFromForm(database.db, communityId, planForm(), chair, TODAY);
		expect(refused).toMatchObject({
			ok: false,
			data: { errors: { date: 'This community is retired: it has no new meetings' } }
		});
		expect(await database.db.selectFrom('meeting').select('id').execute()).toEqual(before);
	});
});
