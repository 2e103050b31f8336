import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPEN_CASES, DEMO_PASSWORD, demoSignIns, seedDemo } from '../../../db/seed';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { consentForMeeting } from '$lib/server/agenda/consent';
import type { OpenDatabase } from '$lib/server/platform/db';
import { casesLedBy } from '$lib/server/agenda/reviews';
import { reviewsDue } from '$lib/server/agenda/reviews-due';
import { todayInEngland } from '$lib/dates';
import { setUpGaps } from '$lib/server/council/gaps';
import { countRows, freshDatabase } from '../helpers';

let database: OpenDatabase;
beforeAll(async () => {
	database = await freshDatabase();
});
afterAll(() => database.close());

async function counts() {
	const { db } = database;
	const count = async (
		table:
			| 'agency'
			| 'locality'
			| 'community'
			| 'user'
			| 'community_membership'
			| 'family_case'
			| 'need'
			| 'consent'
	) => countRows(db, table);
	return {
		agencies: await count('agency'),
		localities: await count('locality'),
		communities: await count('community'),
		users: await count('user'),
		memberships: await count('community_membership'),
		cases: await count('family_case'),
		needs: await count('need'),
		consents: await count('consent')
	};
}

describe('the demo data', () => {
	it('holds the Herefordshire arrangement: 2 localities, 8 communities, ~15 agencies, a dozen practitioners', async () => {
		await seedDemo(database.db);
		const seeded = await counts();
		expect(seeded.localities).toBe(2);
		expect(seeded.communities).toBe(8);
		expect(seeded.agencies).toBeGreaterThanOrEqual(15);
		expect(seeded.users).toBeGreaterThanOrEqual(17);
	});

	it('records the agencies’ information-sharing agreements, with one missing and one overdue', async () => {
		const gaps = (await setUpGaps(database.db, todayInEngland())).map((gap) => gap.text);
		expect(gaps).toContain(
			'Home-Start Herefordshire has no information-sharing agreement recorded'
		);
		expect(gaps).toContain('Connexions’s information-sharing agreement is overdue for review');
		expect(gaps.filter((text) => /information-sharing agreement/.test(text))).toHaveLength(2);
	});

	it('gives every community a chair and a coordinator', async () => {
		const rows = await database.db
			.selectFrom('community')
			.leftJoin('community_membership', 'community_membership.community_id', 'community.id')
			.select(['community.name', 'community_membership.role'])
			.execute();
		for (const community of new Set(rows.map((r) => r.name))) {
			const roles = rows.filter((r) => r.name === community).map((r) => r.role);
			expect(roles, community).toContain('chair');
			expect(roles, community).toContain('coordinator');
		}
	});

	it('has open cases whose reviews are due at the first Kington and Weobley meeting, each with a lead professional in that MAG and in-date consent', async () => {
		const { db } = database;
		const community = await db
			.selectFrom('community')
			.select('id')
			.where('name', '=', 'Kington and Weobley')
			.executeTakeFirstOrThrow();
		const first = await db
			.selectFrom('meeting')
			.select(['id', 'date', 'status'])
			.where('community_id', '=', community.id)
			.orderBy('date')
			.executeTakeFirstOrThrow();
		expect(first.status).toBe('agenda-open');
		const due = await reviewsDue(db, first.id);
		expect(due).toHaveLength(DEMO_OPEN_CASES.length);
		expect(new Set(due.map((d) => d.leadProfessionalName))).toEqual(
			new Set(['Lucy Clarke', 'Sarah Williams'])
		);
		const cases = await db
			.selectFrom('family_case')
			.innerJoin('consent', 'consent.case_id', 'family_case.id')
			.innerJoin('community_membership', (join) =>
				join
					.onRef('community_membership.user_id', '=', 'family_case.lead_professional_id')
					.onRef('community_membership.community_id', '=', 'family_case.community_id')
			)
			.select(['family_case.reference', 'consent.signed_on', 'consent.covers_mag'])
			.execute();
		expect(cases).toHaveLength(DEMO_OPEN_CASES.length);
		for (const c of cases)
			expect(
				consentForMeeting(
					{ signedOn: c.signed_on, coversMag: c.covers_mag === 1 },
					first.date,
					todayInEngland()
				),
				c.reference
			).toEqual({ valid: true });
		const lucy = await db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'family.support@mag.example')
			.executeTakeFirstOrThrow();
		expect(await casesLedBy(db, lucy.id, community.id)).toHaveLength(2);
	});

	it('adds nothing twice when run again', async () => {
		const before = await counts();
		await seedDemo(database.db);
		expect(await counts()).toEqual(before);
	});

	it('has an early help manager, in no community, who is offered as a demo sign-in', async () => {
		const manager = await database.db
			.selectFrom('user')
			.select(['id', 'job_title', 'is_manager', 'is_administrator', 'is_dpo'])
			.where('email', '=', 'manager@mag.example')
			.executeTakeFirstOrThrow();
		expect(manager).toMatchObject({
			job_title: 'Early help manager',
			is_manager: 1,
			is_administrator: 0,
			is_dpo: 0
		});
		expect(
			await database.db
				.selectFrom('community_membership')
				.select('community_id')
				.where('user_id', '=', manager.id)
				.execute()
		).toEqual([]);
		const managers = await database.db
			.selectFrom('user')
			.select('email')
			.where('is_manager', '=', 1)
			.execute();
		expect(managers).toEqual([{ email: 'manager@mag.example' }]);
		expect(demoSignIns.map((signIn) => signIn.role)).toEqual([
			'Administrator',
			'Early help manager',
			'Front door',
			'Chair, North locality',
			'Chair, South locality',
			'Coordinator, North locality',
			'Coordinator, South locality',
			'Practitioner (member)',
			'Lead professional (family support)'
		]);
	});

	it('gives the front door a team member and thirty contacts in about the source’s shares', async () => {
		const team = await database.db
			.selectFrom('user')
			.select('email')
			.where('is_front_door', '=', 1)
			.execute();
		expect(team).toEqual([{ email: 'frontdoor@mag.example' }]);
		const outcomes = await database.db
			.selectFrom('front_door_contact')
			.select(['outcome', (eb) => eb.fn.countAll<number>().as('count')])
			.groupBy('outcome')
			.orderBy('outcome')
			.execute();
		expect(outcomes).toEqual([
			{ outcome: 'advice', count: 17 },
			{ outcome: 'liaison', count: 9 },
			{ outcome: 'referred', count: 4 }
		]);
	});

	it.each(demoSignIns)('lets the $role sign in with the printed password', async ({ email }) => {
		const result = await signInWithPassword(database.db, {
			email,
			password: DEMO_PASSWORD,
			ip: '127.0.0.1'
		});
		expect(result).toMatchObject({ ok: true });
	});
});
