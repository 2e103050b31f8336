import { describe, expect, it } from 'vitest';
import { checkConsentGate, familyOfItem } from '$lib/server/meeting/consent-gate';
import {
	consentCovers,
	identityInMeeting,
	readingOutsideTheMeeting
} from '$lib/server/policy/family';
import { readSharing, saveSharing, sharingOf } from '$lib/server/cases/consent-sharing';
import {
	MEETING_DATE,
	TODAY,
	chair,
	database,
	fixture,
	useMeetingFixture,
	type Person
} from '../meeting-fixture';
import { form } from '../helpers';

/**
 * Consent that says who may know (docs/domain.md): a member whose agency the family's consent does
 * not cover sees reference and initials only, even in the room with the gate open.
 */
useMeetingFixture();

const at = new Date('2027-05-11T09:00:00Z');

async function agencyOf(person: Person): Promise<number> {
	const row = await database.db
		.selectFrom('user')
		.select('agency_id')
		.where('id', '=', fixture.people[person])
		.executeTakeFirstOrThrow();
	return row.agency_id!;
}

/** The gate opens for the "fine" family and everyone named is present and agreed the statement. */
async function inTheRoomWithTheGateOpen(people: Person[]) {
	const { db } = database;
	for (const person of people)
		await db
			.insertInto('attendance')
			.values({
				meeting_id: fixture.meetingId,
				user_id: fixture.people[person],
				name: person,
				agency: null,
				status: 'present',
				substitute_name: null,
				confirmed_at: at.toISOString(),
				confirmed_via: 'self',
				recorded_by: fixture.people.chair,
				recorded_at: at.toISOString()
			})
			.execute();
	const opened = await checkConsentGate(
		db,
		{ id: fixture.meetingId, date: MEETING_DATE },
		fixture.items.fine,
		chair(),
		TODAY,
		at
	);
	expect(opened.opened).toBe(true);
	return (await familyOfItem(db, fixture.items.fine))!;
}

describe('who the consent covers', () => {
	it('a consent for all agencies at the MAG covers every member who agreed the statement', async () => {
		const family = await inTheRoomWithTheGateOpen(['chair', 'confirmedMember']);
		expect(
			await identityInMeeting(
				database.db,
				fixture.people.confirmedMember,
				family,
				fixture.meetingId
			)
		).toBe('identified');
	});

	it('a consent naming other agencies leaves a member of an agency it does not name with the reference only, and says why', async () => {
		const family = await inTheRoomWithTheGateOpen(['chair', 'confirmedMember', 'leadProfessional']);
		await saveSharing(database.db, family.consentId!, {
			agencies: [await agencyOf('submitter')],
			partnerChecks: false
		});
		const { db } = database;
		expect(
			await identityInMeeting(db, fixture.people.confirmedMember, family, fixture.meetingId)
		).toBe('agency-not-covered');
		// Those who bring and lead the family, and the MAG's organisers, are always covered.
		expect(await identityInMeeting(db, fixture.people.chair, family, fixture.meetingId)).toBe(
			'identified'
		);
		expect(
			await identityInMeeting(db, fixture.people.leadProfessional, family, fixture.meetingId)
		).toBe('identified');
		for (const person of ['coordinator', 'submitter'] as const)
			expect(await consentCovers(db, fixture.people[person], family)).toBe(true);
		// Outside the meeting too: an action's owner from that agency reads the reference only.
		expect(
			await readingOutsideTheMeeting(db, fixture.people.confirmedMember, family, [
				fixture.meetingId
			])
		).toBe('agency-not-covered');
	});

	it('a consent naming the member’s agency covers them; its words name the agencies', async () => {
		const family = await inTheRoomWithTheGateOpen(['confirmedMember']);
		await saveSharing(database.db, family.consentId!, {
			agencies: [await agencyOf('confirmedMember'), 99_999],
			partnerChecks: true
		});
		expect(
			await identityInMeeting(
				database.db,
				fixture.people.confirmedMember,
				family,
				fixture.meetingId
			)
		).toBe('identified');
		const sharing = (await sharingOf(database.db, [family.consentId!])).get(family.consentId!)!;
		// An agency the council does not have names no one.
		expect(sharing).toMatchObject({ allAgencies: false, partnerChecks: true });
		expect(sharing.agencies.map((a) => a.id)).toEqual([await agencyOf('confirmedMember')]);
		expect(sharing.words).toBe(sharing.agencies[0]!.name);
	});

	it('a member who has not agreed the statement is not identified, whatever the consent says', async () => {
		const family = await inTheRoomWithTheGateOpen(['chair']);
		expect(
			await identityInMeeting(
				database.db,
				fixture.people.unconfirmedMember,
				family,
				fixture.meetingId
			)
		).toBe('not-confirmed');
	});
});

describe('reading who may know from the consent form', () => {
	it.each([
		[
			{},
			{
				sharesWith: 'Choose who the family agreed may know about them',
				partnerChecks:
					'Say whether the family agreed partners may check their own records before the meeting'
			}
		],
		[
			{ sharesWith: 'chosen', partnerChecks: 'no' },
			{
				agencies:
					'Choose the agencies the family agreed may know, or choose all agencies at this MAG'
			}
		],
		[
			{ sharesWith: 'everyone', partnerChecks: 'maybe' },
			{
				sharesWith: 'Choose who the family agreed may know about them',
				partnerChecks:
					'Say whether the family agreed partners may check their own records before the meeting'
			}
		]
	])('%j → %j', (fields, errors) => {
		const read = readSharing(form(fields));
		expect(read.sharing).toBeNull();
		expect(read.errors).toEqual(errors);
	});

	it('reads the agencies ticked, each once, ignoring anything that is not an id', () => {
		const posted = form({ sharesWith: 'chosen', partnerChecks: 'yes' });
		for (const id of ['3', '5', '3', 'x', '-1']) posted.append('agencies', id);
		expect(readSharing(posted)).toEqual({
			errors: {},
			sharing: { agencies: [3, 5], partnerChecks: true }
		});
	});

	it('for all agencies, what was ticked is not kept', () => {
		const posted = form({ sharesWith: 'all', partnerChecks: 'no' });
		posted.append('agencies', '3');
		expect(readSharing(posted).sharing).toEqual({ agencies: 'all', partnerChecks: false });
	});
});
