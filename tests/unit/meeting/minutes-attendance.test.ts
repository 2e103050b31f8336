import { describe, expect, it } from 'vitest';
import {
	confidentialityWords,
	groupAttendance,
	type RecordedAttendance
} from '$lib/server/meeting/minutes-attendance';

const line = (change: Partial<RecordedAttendance>): RecordedAttendance => ({
	name: 'Cara Confirmed',
	agency: 'Health visiting',
	status: 'present',
	substituteName: null,
	confirmedAt: null,
	confirmedVia: null,
	...change
});

describe('who was there, in the minutes', () => {
	it('says how each person in the room agreed the statement, in UK time', () => {
		// 09:32 UTC in March is 9:32am in London; in May (summer time) 09:30 UTC is 10:30am.
		expect(
			confidentialityWords(line({ confirmedAt: '2027-03-09T09:32:00Z', confirmedVia: 'self' }))
		).toBe('Confirmed on their own device at 9:32am');
		expect(
			confidentialityWords(
				line({ status: 'guest', confirmedAt: '2027-05-11T09:30:00Z', confirmedVia: 'chair' })
			)
		).toBe('Agreed aloud, recorded by the chair at 10:30am');
		expect(confidentialityWords(line({ status: 'substitute' }))).toBe('Not confirmed');
	});

	it.each(['apologies', 'absent'] as const)(
		'says nothing of the statement for someone who sent %s',
		(status) => {
			expect(
				confidentialityWords(
					line({ status, confirmedAt: '2027-03-09T09:32:00Z', confirmedVia: 'chair' })
				)
			).toBeNull();
		}
	);

	it('groups the register in order, a substitute as "X for Y", each group by agency then name', () => {
		const groups = groupAttendance(
			[
				line({ name: 'Zoe', agency: 'Police' }),
				line({ name: 'Adam', agency: 'Police' }),
				line({ name: 'Beth', agency: 'Education' }),
				line({ name: 'Sid', status: 'substitute', substituteName: 'Sam' }),
				line({ name: 'Abe', status: 'apologies' })
			],
			[{ name: 'Nia', agency: null }]
		);
		expect(groups.map((g) => [g.heading, g.inTheRoom, g.people.map((p) => p.name)])).toEqual([
			['Present', true, ['Beth', 'Adam', 'Zoe']],
			['Substitutes', true, ['Sam for Sid']],
			['Apologies', false, ['Abe']],
			['Not recorded', false, ['Nia']]
		]);
	});
});
