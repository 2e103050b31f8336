import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { actionList } from '$lib/server/actions/action-list';
import { csvCell, toCsv } from '$lib/server/http/csv';
import { meetingMinutes, type Minutes } from '$lib/server/meeting/minutes';
import { concludedMeeting, MEETING, NEXT_MEETING } from './concluded-meeting';

let database: OpenDatabase;
let meetingId: number;
let people: Awaited<ReturnType<typeof concludedMeeting>>['people'];
let items: Awaited<ReturnType<typeof concludedMeeting>>['items'];
let openedReference: string;
let refusedReference: string;

beforeAll(async () => {
	({ database, meetingId, people, items, openedReference, refusedReference } =
		await concludedMeeting());
});
afterAll(() => database.close());

const minutesFor = async (who: keyof typeof people) =>
	(await meetingMinutes(database.db, meetingId, people[who]))!;
/** A member's agency, as the register and the action list name it. */
async function agencyOf(userId: number): Promise<string> {
	const row = await database.db
		.selectFrom('user')
		.innerJoin('agency', 'agency.id', 'user.agency_id')
		.select('agency.name')
		.where('user.id', '=', userId)
		.executeTakeFirstOrThrow();
	return row.name;
}
const itemIn = (minutes: Minutes, id: number) => minutes.items.find((item) => item.id === id)!;

describe('the minutes of a concluded meeting', () => {
	it('lists each item in agenda order with its outcome in words, withholding a family item’s from a reader who may not identify the family', async () => {
		const minutes = await minutesFor('unconfirmed');
		expect(minutes.meeting).toMatchObject({
			communityName: 'Kington and Weobley',
			date: MEETING,
			venue: 'Kington Library'
		});
		expect(minutes.items.map((item) => [item.part, item.outcome])).toEqual([
			[1, 'Single-agency response agreed'],
			[2, null],
			[2, 'Advice given'],
			[4, 'Response agreed']
		]);
		expect(itemIn(minutes, items.advice)).toMatchObject({
			responseAgency: 'School Nursing Service',
			note: 'School nurse to see the child',
			content: { part: 1, advice: { worry: 'Often hungry at school' } }
		});
		expect(itemIn(minutes, items.opened)).toMatchObject({
			leadProfessional: 'Cara Confirmed',
			nextReviewDate: NEXT_MEETING
		});
		expect(itemIn(minutes, items.issue).actions.map((a) => a.description)).toEqual([
			'Patrol the riverside on Friday nights'
		]);
	});

	it('names the family of a gate-passed item to someone who confirmed confidentiality at this meeting, and logs the read', async () => {
		const minutes = await minutesFor('confirmed');
		const opened = itemIn(minutes, items.opened);
		expect(opened.family?.members).toEqual([
			{ name: 'Jamie Example-Smith', age: 8, relationship: 'Child' },
			{ name: 'Alex Example-Smith', age: 37, relationship: 'Mother' }
		]);
		expect(opened.family?.needs.map((n) => [n.forName, n.support])).toEqual([
			['Jamie Example-Smith', 'Breakfast club place'],
			['Alex Example-Smith', 'Parenting course']
		]);
		expect(opened.note).toBe('Alex Example-Smith welcomed the help');
		expect(opened.outcome).toBe('Support agreed');
		const reads = await database.db
			.selectFrom('audit_log')
			.select(['record_id', 'detail'])
			.where('action', '=', 'family.viewed')
			.where('actor_id', '=', people.confirmed.id)
			.execute();
		expect(reads).toEqual([
			{ record_id: openedReference, detail: expect.stringContaining('"why":"minutes"') }
		]);
	});

	it.each(['unconfirmed', 'apologies', 'substituted', 'submitter'] as const)(
		'shows %s only the reference and initials, withholds the note, and logs no read',
		async (who) => {
			const minutes = await minutesFor(who);
			const opened = itemIn(minutes, items.opened);
			expect(opened.label).toContain(openedReference);
			expect(opened.family).toBeNull();
			expect(opened.note).toBeNull();
			expect(opened.discussionWithheld).toBe(true);
			expect(opened.outcome).toBeNull();
			const text = JSON.stringify(minutes);
			for (const identifying of [
				'Jamie',
				'Example-Smith',
				'attendance below',
				'Breakfast club place'
			])
				expect(text).not.toContain(identifying);
			const reads = await database.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', '=', 'family.viewed')
				.where('actor_id', '=', people[who].id)
				.execute();
			expect(reads).toEqual([]);
		}
	);

	it.each(['chair', 'confirmed', 'unconfirmed'] as const)(
		'shows %s a refused-gate item by reference and initials only, taken anonymously as advice',
		async (who) => {
			const minutes = await minutesFor(who);
			const refused = itemIn(minutes, items.refused);
			expect(refused.label).toMatch(new RegExp(`^${refusedReference} \\(R\\.R\\.C\\.\\)`));
			expect(refused).toMatchObject({
				takenAsAdvice: true,
				family: null,
				note: 'Talk to the school nurse first'
			});
			expect(JSON.stringify(minutes)).not.toMatch(/Robin|Refused-Case/);
		}
	);

	it('lists the item deferred at the consent gate, by reference and initials, with why it was deferred', async () => {
		const minutes = await minutesFor('chair');
		expect(minutes.notTaken).toEqual([
			{
				id: items.deferred,
				part: 2,
				label: expect.stringMatching(/^KWE-2027-003 \(D\.D\.\)$/),
				what: 'Deferred to the meeting on 20 April 2027: Consent could not be confirmed'
			}
		]);
		expect(JSON.stringify(minutes)).not.toContain('Dana');
	});

	it('records who was there, a substitute as "X for Y", and who agreed the confidentiality statement and how', async () => {
		const { attendance } = await minutesFor('chair');
		const group = (heading: string) => attendance.find((g) => g.heading === heading)?.people;
		expect(attendance.map((g) => g.heading)).toEqual([
			'Present',
			'Substitutes',
			'Guests',
			'Apologies',
			'Absent'
		]);
		expect(group('Present')?.map((p) => [p.name, p.confidentiality])).toEqual(
			expect.arrayContaining([
				['Helen Chair', 'Agreed aloud, recorded by the chair at 9:30am'],
				['Cara Confirmed', 'Confirmed on their own device at 9:32am'],
				['Uma Unconfirmed', 'Not confirmed']
			])
		);
		expect(group('Substitutes')).toEqual([
			{
				name: 'Sam Stand-In for Sid Substituted',
				agency: await agencyOf(people.substituted.id),
				confidentiality: 'Agreed aloud, recorded by the chair at 9:30am'
			}
		]);
		expect(group('Guests')).toEqual([
			{
				name: 'Gill Guest',
				agency: 'Home-Start',
				confidentiality: 'Agreed aloud, recorded by the chair at 9:30am'
			}
		]);
		expect(group('Apologies')).toEqual([
			{ name: 'Abe Apologies', agency: await agencyOf(people.apologies.id), confidentiality: null }
		]);
	});
});

describe('the action list', () => {
	it('gives every action a reference that names no one: the case, "Advice" or the community issue', async () => {
		const { actions, agencies } = await actionList(database.db, meetingId);
		expect(actions.map((a) => [a.reference, a.ownerName, a.ownerAgency, a.dueDate])).toEqual([
			['Advice', 'Aisha Begum', 'School Nursing Service', '2027-03-16'],
			[openedReference, 'Cara Confirmed', await agencyOf(people.confirmed.id), '2027-03-16'],
			[openedReference, 'Priya Shah', 'Leominster Primary School', '2027-03-23'],
			['Drinking by the river', 'Mark Hughes', 'West Mercia Police', '2027-04-01']
		]);
		expect(agencies).toEqual(
			[
				await agencyOf(people.confirmed.id),
				'Leominster Primary School',
				'School Nursing Service',
				'West Mercia Police'
			].sort()
		);
	});

	it.each(['West Mercia Police', 'School Nursing Service', 'Leominster Primary School'])(
		'an extract for %s holds only its own actions',
		async (agency) => {
			const { actions } = await actionList(database.db, meetingId, agency);
			expect(actions.length).toBe(1);
			expect(actions.every((a) => a.ownerAgency === agency)).toBe(true);
		}
	);
});

describe('CSV for spreadsheets', () => {
	it.each([
		['plain text', 'plain text'],
		['with, comma', '"with, comma"'],
		['say "hello"', '"say ""hello"""'],
		['two\nlines', '"two\nlines"'],
		['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
		['+44 1234', "'+44 1234"],
		['-1+1', "'-1+1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tTabbed', "'\tTabbed"],
		['\rReturn', '"\'\rReturn"'],
		['a = b', 'a = b'],
		['', '']
	])('%j → %j', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});

	it('ends every row with CRLF', () => {
		expect(
			toCsv([
				['a', 'b'],
				['c', 'd']
			])
		).toBe('a,b\r\nc,d\r\n');
	});
});
