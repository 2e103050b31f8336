import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptItems } from '$lib/server/agenda/agenda';
import type { OpenDatabase } from '$lib/server/platform/db';
import { scheduleMeetings } from '$lib/server/agenda/meetings';
import { createSubmission } from '$lib/server/agenda/submissions';
import { addUser, freshDatabase } from '../helpers';

let database: OpenDatabase;
let chair: { id: number; ip: null };
let practitioner: { id: number };
let meetingId: number;

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	chair = { id: (await addUser(database)).id, ip: null };
	practitioner = await addUser(database);
	const locality = await db
		.insertInto('locality')
		.values({ name: 'South' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const community = await db
		.insertInto('community')
		.values({ name: 'Ledbury', locality_id: locality.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	[meetingId] = (await scheduleMeetings(
		db,
		{
			communityId: community.id,
			dates: ['2027-05-11'],
			startTime: '09:30',
			lengthMinutes: 120,
			venue: 'Ledbury',
			onlineLink: null,
			deadlineWorkingDays: 5
		},
		chair
	)) as [number];
});
afterAll(() => database.close());

async function issue(title: string) {
	return createSubmission(
		database.db,
		{
			meetingId,
			submittedBy: practitioner.id,
			agencyId: null,
			late: false,
			content: { part: 4, issue: { title, place: 'p', happening: 'h', wanted: 'w' } }
		},
		null
	);
}

const statuses = (ids: number[]) =>
	database.db
		.selectFrom('submission')
		.select(['id', 'status', 'minutes'])
		.where('id', 'in', ids)
		.orderBy('id')
		.execute();

describe('the chair accepts several waiting items at once', () => {
	it('accepts each with its own time', async () => {
		const [a, b] = [await issue('Parking by the school'), await issue('Bus shelter')];
		expect(
			await acceptItems(
				database.db,
				meetingId,
				[
					{ id: a, minutes: 10 },
					{ id: b, minutes: 5 }
				],
				chair
			)
		).toBe(true);
		expect(await statuses([a, b])).toEqual([
			{ id: a, status: 'accepted', minutes: 10 },
			{ id: b, status: 'accepted', minutes: 5 }
		]);
	});

	it('accepts none when one of them can no longer be accepted', async () => {
		const [a, b] = [await issue('Street lighting'), await issue('Park at night')];
		await database.db
			.updateTable('submission')
			.set({ status: 'withdrawn' })
			.where('id', '=', b)
			.execute();
		expect(
			await acceptItems(
				database.db,
				meetingId,
				[
					{ id: a, minutes: 10 },
					{ id: b, minutes: 5 }
				],
				chair
			)
		).toBe(false);
		expect((await statuses([a]))[0]).toMatchObject({ status: 'submitted' });
	});
});
