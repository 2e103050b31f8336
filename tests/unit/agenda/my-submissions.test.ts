import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import type { SubmissionStatus } from '$lib/server/platform/schema';
import {
	hasSubmitted,
	mySubmissionsPage,
	mySubmissionsQuery
} from '$lib/server/agenda/my-submissions';
import { addUser, freshDatabase } from '../helpers';
import { bromyard } from './new-caf-fixture';

let database: OpenDatabase;
let practitioner: { id: number };
let colleague: { id: number };
let meetings: number[];

const STATUSES: SubmissionStatus[] = ['submitted', 'accepted', 'deferred', 'declined'];

/** A community issue or a request for advice, submitted on a day of 2026 at one of the meetings. */
async function submit(by: number, n: number) {
	const part = n % 2 === 0 ? 4 : 1;
	const { id } = await database.db
		.insertInto('submission')
		.values({
			meeting_id: meetings[n % meetings.length]!,
			part,
			submitted_by: by,
			agency_id: null,
			status: STATUSES[n % STATUSES.length]!,
			late: 0,
			position: null,
			minutes: null,
			decline_reason: null,
			created_at: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
			updated_at: new Date(Date.UTC(2026, 0, 1 + n)).toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (part === 4)
		await database.db
			.insertInto('community_issue')
			.values({
				submission_id: id,
				title: n % 10 === 0 ? `Drinking in the park ${n}` : `Litter ${n}`,
				place: 'Grange Park',
				happening: 'Groups on Friday nights',
				wanted: 'A joint response'
			})
			.execute();
	else
		await database.db
			.insertInto('advice_request')
			.values({
				submission_id: id,
				age_band: '5 to 10',
				setting: 'primary school',
				worry: 'Not sleeping',
				asked_for: 'Which agency could help'
			})
			.execute();
}

const query = (address: string) =>
	mySubmissionsQuery(new URL(`http://localhost/submissions${address}`));

beforeAll(async () => {
	database = await freshDatabase();
	practitioner = await addUser(database);
	colleague = await addUser(database);
	const made = await bromyard(
		database.db,
		['2026-06-02', '2026-07-14', '2026-09-01'],
		practitioner
	);
	meetings = made.meetingIds;
	for (let n = 0; n < 120; n++) await submit(practitioner.id, n);
	for (let n = 0; n < 5; n++) await submit(colleague.id, n);
});

describe('My submissions at county scale', () => {
	it('shows 50 of the person’s own items at a time, the latest submitted first', async () => {
		const first = await mySubmissionsPage(database.db, practitioner.id, query(''));
		expect(first).toMatchObject({ total: 120, page: 1, pageCount: 3, from: 1, to: 50 });
		expect(first.rows).toHaveLength(50);
		expect(first.rows[0]!.part).toBe(1);
		expect(first.rows[1]!.label).toBe('Litter 118');
		const last = await mySubmissionsPage(database.db, practitioner.id, query('?page=3'));
		expect(last).toMatchObject({ from: 101, to: 120 });
		expect(last.rows.at(-1)!.label).toBe('Drinking in the park 0');
	});

	it('finds items by the words of their label, in any case', async () => {
		const found = await mySubmissionsPage(database.db, practitioner.id, query('?text=DRINKING'));
		expect(found.total).toBe(12);
		expect(found.rows.every((row) => row.label.startsWith('Drinking in the park'))).toBe(true);
		const none = await mySubmissionsPage(database.db, practitioner.id, query('?text=50%25'));
		expect(none.total).toBe(0);
	});

	it('filters by status and part together', async () => {
		const found = await mySubmissionsPage(
			database.db,
			practitioner.id,
			query('?status=deferred&part=4')
		);
		// n ≡ 2 (mod 4): even, so a community issue, and deferred.
		expect(found.total).toBe(30);
		expect(found.rows.every((row) => row.status === 'deferred' && row.part === 4)).toBe(true);
	});

	it('sorts by the meeting’s date or status, either way', async () => {
		const byMeeting = await mySubmissionsPage(database.db, practitioner.id, query('?sort=meeting'));
		expect(byMeeting.rows[0]!.meetingDate).toBe('2026-09-01');
		const oldest = await mySubmissionsPage(
			database.db,
			practitioner.id,
			query('?sort=meeting&dir=asc')
		);
		expect(oldest.rows[0]!.meetingDate).toBe('2026-06-02');
		const byStatus = await mySubmissionsPage(database.db, practitioner.id, query('?sort=status'));
		expect(byStatus.rows[0]!.status).toBe('accepted');
	});

	it('reads anything not a real option as “all”', () => {
		expect(query('?status=constructor&part=9&sort=nope&page=x')).toEqual({
			page: 1,
			text: '',
			status: null,
			part: null,
			sort: 'submitted',
			descending: true
		});
	});

	it('knows whether someone has submitted anything at all', async () => {
		const newcomer = await addUser(database);
		expect(await hasSubmitted(database.db, newcomer.id)).toBe(false);
		expect(await hasSubmitted(database.db, colleague.id)).toBe(true);
	});
});
