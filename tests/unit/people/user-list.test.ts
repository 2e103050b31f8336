import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { userListPage, userListQuery } from '$lib/server/people/user-list';
import { addUser, freshDatabase } from '../helpers';

let database: OpenDatabase;
const query = (address: string) => userListQuery(new URL(`http://localhost/admin/users${address}`));

beforeAll(async () => {
	database = await freshDatabase();
	// 120 people: every third has set a password, every tenth is a chair, one is disabled.
	for (let n = 1; n <= 120; n++) {
		const number = String(n).padStart(3, '0');
		await addUser(database, {
			name: `Practitioner ${number}`,
			email: `practitioner.${number}@herefordshire.example`,
			passwordHash: n % 3 === 0 ? 'hash' : null,
			roles: n % 10 === 0 ? ['chair'] : ['member']
		});
	}
	await database.db
		.updateTable('user')
		.set({ disabled_at: '2026-11-01T09:00:00.000Z' })
		.where('email', '=', 'practitioner.003@herefordshire.example')
		.execute();
});

describe('the administrators’ list of users at county scale', () => {
	it('shows 50 people a page, by name', async () => {
		const first = await userListPage(database.db, query(''));
		expect(first).toMatchObject({ total: 120, pageCount: 3, from: 1, to: 50 });
		expect(first.rows[0]!.name).toBe('Practitioner 001');
		const third = await userListPage(database.db, query('?page=3'));
		expect(third).toMatchObject({ from: 101, to: 120 });
	});

	it('finds people by part of a name or email address', async () => {
		expect((await userListPage(database.db, query('?text=practitioner.11'))).total).toBe(10);
		expect((await userListPage(database.db, query('?text=Practitioner 050'))).total).toBe(1);
	});

	it('filters by role, status and agency', async () => {
		const chairs = await userListPage(database.db, query('?role=chair'));
		expect(chairs.total).toBe(12);
		const active = await userListPage(database.db, query('?status=active'));
		expect(active.total).toBe(39);
		expect(active.rows.every((row) => row.status === 'active')).toBe(true);
		const disabled = await userListPage(database.db, query('?status=disabled'));
		expect(disabled.rows.map((row) => row.name)).toEqual(['Practitioner 003']);
		const agencyId = await database.db
			.selectFrom('user')
			.select('agency_id')
			.where('name', '=', 'Practitioner 007')
			.executeTakeFirstOrThrow();
		const inAgency = await userListPage(database.db, query(`?agency=${agencyId.agency_id}`));
		expect(inAgency.rows.map((row) => row.name)).toEqual(['Practitioner 007']);
	});

	it('sorts by a column either way', async () => {
		const byEmail = await userListPage(database.db, query('?sort=email&dir=desc'));
		expect(byEmail.rows[0]!.email).toBe('practitioner.120@herefordshire.example');
		const byStatus = await userListPage(database.db, query('?sort=status'));
		// 39 active, then the one disabled, then those invited.
		expect(byStatus.rows.map((row) => row.status).slice(38, 41)).toEqual([
			'active',
			'disabled',
			'invited'
		]);
		const lastStatus = await userListPage(database.db, query('?sort=status&page=3'));
		expect(lastStatus.rows.at(-1)!.status).toBe('invited');
	});

	it('reads anything not a real option as “all”', () => {
		expect(query('?role=constructor&status=x&agency=0&sort=nope')).toMatchObject({
			role: null,
			status: null,
			agencyId: null,
			sort: 'name',
			descending: false
		});
	});
});
