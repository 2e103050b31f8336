import { describe, expect, it } from 'vitest';
import { readOutcomeForm } from '$lib/server/meeting/outcome-form';
import { TODAY, database, fixture, useMeetingFixture } from '../meeting-fixture';
import { form, outcomeContext as readAgainst } from './room-fixture';

useMeetingFixture();

describe('the outcome form', () => {
	it('a new CAF cannot be concluded without a lead professional, and each need needs its support', async () => {
		const read = await readOutcomeForm(
			database.db,
			form({ note: 'Agreed' }),
			readAgainst({
				part: 2,
				needIds: [1],
				leadProfessionalChoices: [fixture.people.leadProfessional],
				reviewMeetingIds: fixture.laterMeetingIds
			})
		);
		expect(read.input).toBeNull();
		expect(read.errors).toEqual({
			'support-1': 'Enter the support agreed for this need',
			leadProfessional: 'Choose the lead professional: a new CAF cannot be concluded without one',
			nextReview: 'Choose the meeting for the next review'
		});
		expect(read.values.note).toBe('Agreed');
	});

	it.each([
		['nothing chosen', undefined, 'Choose the family’s level of need now'],
		['a level the council does not use', '5', 'Choose the family’s level of need now'],
		['level 3a', '3a', null]
	])('a review outcome with %s for the level of need now', async (_, level, message) => {
		const fields: Record<string, string> = { decision: 'closed-needs-met' };
		if (level !== undefined) fields.levelOfNeed = level;
		const read = await readOutcomeForm(
			database.db,
			form(fields),
			readAgainst({ part: 3, reviewMeetingIds: fixture.laterMeetingIds })
		);
		expect(read.errors.levelOfNeed ?? null).toBe(message);
		expect(read.input).toEqual(
			message
				? null
				: {
						kind: 'closed-needs-met',
						part: 3,
						note: '',
						needStatuses: {},
						nextReviewMeetingId: null,
						levelOfNeed: '3a'
					}
		);
		if (level !== undefined) expect(read.values.levelOfNeed).toBe(level);
	});

	it.each(['toString', 'constructor', 'nonsense', ''])(
		'refuses "%s" as the outcome of an advice item',
		async (kind) => {
			const read = await readOutcomeForm(database.db, form({ kind, note: 'x' }), readAgainst());
			expect(read.input).toBeNull();
			expect(read.errors.kind).toBe('Choose the outcome');
		}
	);

	const outcomeContext = (part: 1 | 2 | 3 | 4, asAdvice = false) => ({
		meetingId: fixture.meetingId,
		communityId: fixture.communityId,
		today: TODAY,
		asAdvice,
		part,
		needIds: part === 2 ? [1] : [],
		leadProfessionalChoices: [fixture.people.leadProfessional],
		reviewMeetingIds: fixture.laterMeetingIds
	});

	it.each<[string, 1 | 2 | 3 | 4, boolean, Record<string, string>, Record<string, string>]>([
		[
			'advice whose note has an email address in it',
			1,
			false,
			{ kind: 'advice-given', note: 'Mum reads jo[at]example[dot]org' },
			{
				note: 'Advice requests must be anonymous: remove the email address (jo[at]example[dot]org).'
			}
		],
		[
			'advice whose note has a full date in it, as the request may not',
			1,
			false,
			{ kind: 'advice-given', note: 'Bring it back on 8 June 2027' },
			{ note: expect.stringContaining('remove the full date (8 June 2027)') }
		],
		[
			'a community issue whose response names a postcode',
			4,
			false,
			{ note: 'Patrols round HR4 9 AB' },
			{
				note:
					'Community issues must be anonymous: remove the postcode (HR4 9 AB). ' +
					'Describe the area instead, for example “north Leominster”.'
			}
		],
		[
			'a family item taken as advice, with a phone number in the note',
			2,
			true,
			{ kind: 'advice-given', note: 'Mum on 07700 900 123' },
			{ note: 'Advice requests must be anonymous: remove the phone number (07700 900 123).' }
		],
		[
			'a single-agency response whose agency carries a phone number',
			1,
			false,
			{ kind: 'single-agency', agency: 'Housing, 0 1 4 3 2 2 6 0 0 0 0' },
			{
				agency:
					'Advice requests must be anonymous: remove the phone number (0 1 4 3 2 2 6 0 0 0 0).'
			}
		],
		[
			'an agency of more than 120 characters',
			1,
			false,
			{ kind: 'single-agency', agency: 'a'.repeat(121) },
			{ agency: 'The agency must be 120 characters or fewer' }
		],
		[
			'a note of more than 2000 characters',
			4,
			false,
			{ note: 'a'.repeat(2001) },
			{ note: 'The note must be 2000 characters or fewer' }
		],
		[
			'support agreed of more than 500 characters',
			2,
			false,
			{
				'support-1': 'a'.repeat(501),
				leadProfessional: 'LEAD',
				nextReview: 'NEXT'
			},
			{ 'support-1': 'Support agreed must be 500 characters or fewer' }
		]
	])('refuses %s, keeping what was typed', async (_, part, asAdvice, typed, errors) => {
		const fields = { ...typed };
		if (fields.leadProfessional) fields.leadProfessional = String(fixture.people.leadProfessional);
		if (fields.nextReview) fields.nextReview = String(fixture.laterMeetingIds[0]);
		const read = await readOutcomeForm(database.db, form(fields), outcomeContext(part, asAdvice));
		expect(read.input).toBeNull();
		expect(read.errors).toEqual(errors);
		for (const [name, value] of Object.entries(fields)) expect(read.values[name]).toBe(value);
	});

	it("does not screen a new CAF's note: only those the consent gate opened for read it", async () => {
		const read = await readOutcomeForm(
			database.db,
			form({
				note: 'Mum, on 07700 900123, agreed the plan on 12/05/2027',
				'support-1': 'Family support worker weekly',
				leadProfessional: String(fixture.people.leadProfessional),
				nextReview: String(fixture.laterMeetingIds[0])
			}),
			outcomeContext(2)
		);
		expect(read.errors).toEqual({});
		expect(read.input).toMatchObject({
			note: 'Mum, on 07700 900123, agreed the plan on 12/05/2027'
		});
	});
});
