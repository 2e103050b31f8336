import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, GENERATED_TABLES } from '../../../db/generate';
import { DEMO_OPEN_CASES } from '../../../db/seed';
import { consentForMeeting } from '$lib/server/agenda/consent';
import type { OpenDatabase } from '$lib/server/platform/db';
import { freshDatabase } from '../helpers';
import { all, closeAll, county, opened, TODAY } from './county-fixture';

/** Every row of every table, but not the password hashes (salted, so different every run). */
function fingerprint(database: OpenDatabase): string {
	const hash = createHash('sha256');
	for (const table of GENERATED_TABLES) {
		const rows = database.sqlite.prepare(`select * from "${table}" order by rowid`).all();
		for (const row of rows as Record<string, unknown>[]) {
			delete row.password_hash;
			hash.update(JSON.stringify(row));
		}
	}
	return hash.digest('hex');
}

let generated: OpenDatabase;
beforeAll(async () => {
	generated = await county(1);
});
afterAll(closeAll);

describe('the county-scale generator', () => {
	it('gives each of the 8 demo communities about five years of six-weekly, concluded meetings', () => {
		const rows = all<{ name: string; past: number; concluded: number; future: number }>(
			generated,
			`select c.name,
				sum(m.date < ?) as past,
				sum(m.date < ? and m.status = 'concluded') as concluded,
				sum(m.date >= ?) as future
			from community c join meeting m on m.community_id = c.id group by c.id`,
			TODAY,
			TODAY,
			TODAY
		);
		expect(rows).toHaveLength(8);
		for (const row of rows) {
			expect(row.past, row.name).toBeGreaterThanOrEqual(40);
			expect(row.past, row.name).toBeLessThanOrEqual(45);
			expect(row.concluded, row.name).toBe(row.past);
			expect(row.future, row.name).toBeGreaterThanOrEqual(8);
		}
		const oldest = all<{ date: string }>(generated, 'select min(date) as date from meeting')[0]!;
		expect(oldest.date >= '2022-03-01').toBe(true);
		expect(oldest.date < '2022-04-15').toBe(true);
	});

	it('puts about 12–17 family items (new CAFs and reviews) on each past meeting, more in Hereford South City', () => {
		const perMeeting = all<{ name: string; items: number; family: number; parts: string }>(
			generated,
			`select c.name, count(s.id) as items, sum(s.part in (2, 3)) as family,
				group_concat(distinct s.part) as parts
			from meeting m join community c on c.id = m.community_id
			left join submission s on s.meeting_id = m.id
			where m.date < ? group by m.id order by m.date`,
			TODAY
		);
		const average = (rows: typeof perMeeting, of: (m: (typeof perMeeting)[number]) => number) =>
			rows.reduce((sum, m) => sum + of(m), 0) / rows.length;
		const busy = perMeeting.filter((m) => m.name === 'Hereford South City');
		const others = perMeeting.filter((m) => m.name !== 'Hereford South City');
		expect(average(others, (m) => m.family)).toBeGreaterThanOrEqual(12);
		expect(average(others, (m) => m.family)).toBeLessThanOrEqual(17);
		expect(average(busy, (m) => m.family)).toBeGreaterThan(average(others, (m) => m.family) + 5);
		expect(average(others, (m) => m.items)).toBeLessThanOrEqual(22);
		for (const meeting of perMeeting) {
			const parts = meeting.parts.split(',').sort();
			expect(parts.filter((p) => p !== '3')).toEqual(['1', '2', '4']);
		}
		// Reviews start with the third meeting, once the first new CAFs are due back.
		expect(perMeeting.filter((m) => m.parts.includes('3')).length).toBeGreaterThan(
			perMeeting.length * 0.9
		);
		const open = all<{ n: number }>(
			generated,
			`select count(*) as n from submission
			where status != 'accepted' or position is null or minutes is null`
		)[0]!;
		expect(open.n).toBe(0);
		const future = all<{ n: number }>(
			generated,
			'select count(*) as n from submission s join meeting m on m.id = s.meeting_id where m.date >= ?',
			TODAY
		)[0]!;
		expect(future.n).toBe(0);
	});

	it('gives each part 1 and part 4 item its content, submitted by a member of the community', () => {
		const orphans = all<{ id: number }>(
			generated,
			`select s.id from submission s
			left join advice_request a on a.submission_id = s.id
			left join community_issue i on i.submission_id = s.id
			left join new_caf n on n.submission_id = s.id
			left join review r on r.submission_id = s.id
			where (s.part = 1 and a.submission_id is null) or (s.part = 4 and i.submission_id is null)
				or (s.part = 2 and n.submission_id is null) or (s.part = 3 and r.submission_id is null)`
		);
		expect(orphans).toEqual([]);
		const outsiders = all<{ id: number }>(
			generated,
			`select s.id from submission s join meeting m on m.id = s.meeting_id
			left join community_membership cm on cm.user_id = s.submitted_by
				and cm.community_id = m.community_id and cm.role = 'member'
			where cm.user_id is null`
		);
		expect(outsiders).toEqual([]);
	});

	it('gives every new CAF a case, a child, needs and consent covering the MAG signed within 12 months', () => {
		const cafs = all<{
			meetingDate: string;
			reference: string;
			caseCommunity: number;
			meetingCommunity: number;
			signedOn: string;
			coversMag: number;
			cafDate: string;
			children: number;
			needs: number;
		}>(
			generated,
			`select m.date as meetingDate, f.reference, f.community_id as caseCommunity,
				m.community_id as meetingCommunity, c.signed_on as signedOn, c.covers_mag as coversMag,
				n.caf_date as cafDate,
				(select count(*) from family_member fm where fm.case_id = f.id and fm.is_child = 1) as children,
				(select count(*) from need where need.case_id = f.id) as needs
			from new_caf n
			join submission s on s.id = n.submission_id
			join meeting m on m.id = s.meeting_id
			join family_case f on f.id = n.case_id
			join consent c on c.id = n.consent_id and c.case_id = f.id`
		);
		const cases = all<{ n: number }>(generated, 'select count(*) as n from family_case')[0]!;
		// Bar the demo seed's open cases awaiting review, taken on before the records moved here.
		expect(cafs.length).toBe(cases.n - DEMO_OPEN_CASES.length);
		expect(cafs.length).toBeGreaterThan(1200);
		for (const caf of cafs) {
			expect(caf.children, caf.reference).toBeGreaterThanOrEqual(1);
			expect(caf.needs, caf.reference).toBeGreaterThanOrEqual(1);
			expect(caf.caseCommunity).toBe(caf.meetingCommunity);
			expect(
				consentForMeeting(
					{ signedOn: caf.signedOn, coversMag: caf.coversMag === 1 },
					caf.meetingDate,
					caf.meetingDate
				),
				caf.reference
			).toEqual({ valid: true });
			expect(caf.cafDate >= caf.signedOn && caf.cafDate <= caf.meetingDate).toBe(true);
			expect(caf.reference).toMatch(new RegExp(`^[A-Z]{3}-${caf.meetingDate.slice(0, 4)}-\\d{3}$`));
		}
		expect(new Set(cafs.map((c) => c.reference)).size).toBe(cafs.length);
	});

	it('makes everyone in a family plausible: a child under 18, dates of birth in the past', () => {
		const bad = all<{ id: number }>(
			generated,
			`select fm.id from family_member fm
			join new_caf n on n.case_id = fm.case_id
			join submission s on s.id = n.submission_id
			join meeting m on m.id = s.meeting_id
			where fm.date_of_birth >= m.date
				or (fm.is_child = 1 and fm.date_of_birth < date(m.date, '-18 years'))
				or (fm.is_child = 0 and fm.date_of_birth > date(m.date, '-16 years'))`
		);
		expect(bad).toEqual([]);
	});

	it('gives the same data for the same seed and different data for another seed', async () => {
		const again = await county(1);
		expect(fingerprint(again)).toBe(fingerprint(generated));
		const other = await county(2);
		expect(fingerprint(other)).not.toBe(fingerprint(generated));
	});

	it('refuses to add history a second time', async () => {
		const before = fingerprint(generated);
		await expect(generate(generated, { scale: 'county', seed: 1, today: TODAY })).rejects.toThrow(
			/already has \d+ meetings before 2027-03-01/
		);
		expect(fingerprint(generated)).toBe(before);
	});

	it('takes a shorter history when asked', async () => {
		const short = await county(1, 1);
		const past = all<{ n: number }>(
			short,
			'select count(*) as n from meeting where date < ?',
			TODAY
		)[0]!;
		expect(past.n).toBeGreaterThanOrEqual(8 * 8);
		expect(past.n).toBeLessThanOrEqual(8 * 9);
	});
});

describe('the demo scale', () => {
	it('is the demo seed and nothing more', async () => {
		const database = await freshDatabase();
		opened.push(database);
		await generate(database, { scale: 'demo', today: TODAY });
		const counts = all<{ communities: number; past: number; items: number }>(
			database,
			`select (select count(*) from community) as communities,
				(select count(*) from meeting where date < ?) as past,
				(select count(*) from submission) as items`,
			TODAY
		)[0]!;
		expect(counts).toEqual({ communities: 8, past: 0, items: 0 });
	});
});
