import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { setUpCouncil } from '$lib/server/council/setup';
import { councilName, readCouncilName } from '$lib/server/council/council';
import { freshDatabase } from '../helpers';

let database: OpenDatabase;
beforeEach(async () => {
	database = await freshDatabase();
});
afterEach(() => database.close());

const answers = { council: 'Shire Council', name: 'Ada Admin', email: 'Ada@Shire.gov.uk' };

describe('setting up a council', () => {
	it('creates the council and its first administrator, with a link to set a password', async () => {
		const result = await setUpCouncil(database.db, answers, 72);
		expect(result).toEqual({ ok: true, token: expect.stringMatching(/^\S{20,}$/) });
		expect(await readCouncilName(database.db)).toBe('Shire Council');
		expect(councilName()).toBe('Shire Council');
		const admin = await database.db
			.selectFrom('user')
			.select(['email', 'is_administrator', 'password_hash'])
			.executeTakeFirstOrThrow();
		expect(admin).toEqual({ email: 'ada@shire.gov.uk', is_administrator: 1, password_hash: null });
		const actions = await database.db
			.selectFrom('audit_log')
			.select('action')
			.orderBy('id')
			.execute();
		expect(actions.map((a) => a.action)).toEqual(['council.created', 'user.invited']);
	});

	it('runs once: a database with a council or any account is refused, and nothing changes', async () => {
		await setUpCouncil(database.db, answers, 72);
		const again = await setUpCouncil(
			database.db,
			{ ...answers, council: 'Other', email: 'x@y.org' },
			72
		);
		expect(again.ok).toBe(false);
		expect(again.ok ? [] : again.problems[0]).toMatch(/setup runs once, on an empty database/);
		expect(await readCouncilName(database.db)).toBe('Shire Council');
		expect(await database.db.selectFrom('user').select('id').execute()).toHaveLength(1);
	});

	it('says what is wrong with the answers before touching the database', async () => {
		const result = await setUpCouncil(database.db, { council: '', name: '', email: 'nope' }, 72);
		expect(result).toEqual({
			ok: false,
			problems: [
				'Enter the council’s name',
				'Enter the administrator’s name',
				'Enter an email address in the correct format, like name@example.org'
			]
		});
		expect(await database.db.selectFrom('council').select('id').execute()).toEqual([]);
	});
});
