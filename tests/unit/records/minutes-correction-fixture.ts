import type { DB } from '$lib/server/platform/db';
import { correctMinutes } from '$lib/server/meeting/minutes-corrections';
import { OUTCOME_NOTE } from '../cases/case-history';
import { MEETING_DATE } from '../meeting-fixture';

export const CORRECTED_NOTE = 'Zebedee to start speech therapy next week; mum agreed';

/** The chair corrects the note of the family's item in the minutes (version 1). */
export async function correctTheFamilysNote(
	db: DB,
	fixture: { meetingId: number; communityId: number; submissionId: number; chairId: number }
) {
	const result = await correctMinutes(
		db,
		{
			id: fixture.meetingId,
			communityId: fixture.communityId,
			communityName: 'Ledbury',
			date: MEETING_DATE
		},
		{
			reason: 'The start date was missed',
			changes: [
				{ submissionId: fixture.submissionId, before: OUTCOME_NOTE, after: CORRECTED_NOTE }
			],
			from: 0
		},
		{ id: fixture.chairId, ip: null }
	);
	if (!result.saved) throw new Error('The correction was not saved');
}
