import { describe, expect, it } from 'vitest';
import { findMeeting } from '$lib/server/agenda/meetings';
import { meetingPageFor } from '$lib/server/meeting/meeting-page';
import { TODAY, database, fixture, useMeetingFixture } from '../meeting-fixture';

useMeetingFixture();

async function pageFor(who: 'chair' | 'coordinator' | 'submitter' | 'confirmedMember') {
	const meeting = (await findMeeting(database.db, fixture.meetingId))!;
	const role = who === 'chair' ? 'chair' : who === 'coordinator' ? 'coordinator' : 'member';
	return meetingPageFor(
		database.db,
		meeting,
		{ id: fixture.people[who], role, organiser: role !== 'member' },
		TODAY
	);
}

describe("a meeting's page", () => {
	it('lists every item for the chair and coordinators, and only their own for others', async () => {
		expect((await pageFor('chair')).items).toHaveLength(5);
		expect((await pageFor('coordinator')).items).toHaveLength(5);
		expect((await pageFor('submitter')).items).toHaveLength(5);
		expect((await pageFor('confirmedMember')).items).toEqual([]);
	});

	it('shows a published agenda to everyone, closed to new items', async () => {
		const page = await pageFor('confirmedMember');
		expect(page).toMatchObject({
			agendaPublished: true,
			agendaVisible: true,
			canSubmit: false,
			submitNote: 'The agenda for this meeting is closed'
		});
	});
});
