import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgenda, decideItem } from '$lib/server/agenda/agenda';
import { moveItem, reorderAgenda } from '$lib/server/agenda/reorder';
import type { OpenDatabase } from '$lib/server/platform/db';
import { scheduleAt } from '../builders';
import { createSubmission } from '$lib/server/agenda/submissions';
import { addCommunity, addUser, freshDatabase } from '../helpers';

let database: OpenDatabase;
let chair: { id: number; ip: string };
let meetingId: number;
let items: number[];
let waiting: number;

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	chair = { id: (await addUser(database)).id, ip: '192.0.2.1' };
	const practitioner = await addUser(database);
	const communityId = await addCommunity(db, 'Kington', 'North');
	[meetingId] = await scheduleAt(db, communityId, ['2027-05-11'], 'Kington', chair);
	const issue = (title: string) =>
		createSubmission(
			db,
			{
				meetingId,
				submittedBy: practitioner.id,
				agencyId: null,
				late: false,
				content: { part: 4, issue: { title, place: 'p', happening: 'h', wanted: 'w' } }
			},
			null
		);
	items = [await issue('Bus shelter'), await issue('Street lighting'), await issue('Park')];
	waiting = await issue('Parking by the school');
	for (const id of items)
		await decideItem(db, meetingId, id, { kind: 'accept', minutes: 10 }, chair);
});
afterAll(() => database.close());

const order = async () =>
	(await buildAgenda(database.db, meetingId, 120)).accepted.map((item) => item.id);
const reorders = () =>
	database.db
		.selectFrom('audit_log')
		.select(['actor_id', 'record_type', 'record_id', 'ip', 'detail'])
		.where('action', '=', 'agenda.reordered')
		.execute();

describe('the chair reorders the agenda', () => {
	it('puts the items in the order sent, in one audited change', async () => {
		const [a, b, c] = items as [number, number, number];
		expect(await reorderAgenda(database.db, meetingId, [c, a, b], chair)).toEqual({ ok: true });
		expect(await order()).toEqual([c, a, b]);
		const logged = await reorders();
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({
			actor_id: chair.id,
			record_type: 'meeting',
			record_id: String(meetingId),
			ip: '192.0.2.1'
		});
		expect(JSON.parse(logged[0]!.detail!)).toEqual({ order: [c, a, b] });
	});

	it('changes nothing when the order would bring on an item still waiting', async () => {
		const before = await order();
		const result = await reorderAgenda(database.db, meetingId, [waiting, ...before], chair);
		expect(result.ok).toBe(false);
		expect(await order()).toEqual(before);
		const status = await database.db
			.selectFrom('submission')
			.select(['status', 'position'])
			.where('id', '=', waiting)
			.executeTakeFirstOrThrow();
		expect(status).toEqual({ status: 'submitted', position: null });
		expect(await reorders()).toHaveLength(1);
	});

	it('moves an item to a position, and Up and Down, each audited', async () => {
		const [c, a, b] = await order();
		expect(await moveItem(database.db, meetingId, b!, { position: 1 }, chair)).toEqual({
			ok: true
		});
		expect(await order()).toEqual([b, c, a]);
		await moveItem(database.db, meetingId, b!, 'down', chair);
		expect(await order()).toEqual([c, b, a]);
		expect(await reorders()).toHaveLength(3);
	});

	it('refuses to move an item that is not on the agenda', async () => {
		const result = await moveItem(database.db, meetingId, waiting, { position: 1 }, chair);
		expect(result).toEqual({
			ok: false,
			reason: 'Nothing was moved: that item is not on the agenda'
		});
	});
});
