import type { DB } from '$lib/server/platform/db';
import { addCommunity } from '../helpers';
import { scheduleAt } from '../builders';

/** What the part 2 tests share: a meeting date, today, a filled-in form and a community. */

export const MEETING = '2027-03-09';
export const TODAY = '2027-03-01';

/** The part 2 form filled in for the Example-Smith family; `null` leaves a field out. */
export function cafForm(overrides: Record<string, string | null> = {}): FormData {
	const fields: Record<string, string> = {
		'member-1-name': 'Jamie Example-Smith',
		'member-1-dob-day': '4',
		'member-1-dob-month': '6',
		'member-1-dob-year': '2018',
		'member-1-relationship': 'Child',
		'member-1-setting': 'Fictional Primary School, Year 3',
		'member-2-name': 'Alex Example-Smith',
		'member-2-dob-day': '1',
		'member-2-dob-month': '1',
		'member-2-dob-year': '1990',
		'member-2-relationship': 'Mother',
		'need-1-member': '1',
		'need-1-description': 'Attendance below 85%',
		'need-1-domain': 'development',
		'need-2-member': '2',
		'need-2-description': 'Support with routines',
		'need-2-domain': 'parenting',
		'cafDate-day': '15',
		'cafDate-month': '2',
		'cafDate-year': '2027',
		wayIn: 'New CAF',
		levelOfNeed: '2',
		givenBy: 'Alex Example-Smith',
		youngPerson: 'not-of-age',
		'signedOn-day': '15',
		'signedOn-month': '2',
		'signedOn-year': '2027',
		coversMag: 'yes',
		sharesWith: 'all',
		partnerChecks: 'no',
		formLocation: 'Scanned to the case file'
	};
	const form = new FormData();
	for (const [name, value] of Object.entries({ ...fields, ...overrides }))
		if (value !== null) form.set(name, value);
	return form;
}

/** The Bromyard community and its meetings on these dates. */
export async function bromyard(db: DB, dates: string[], chair: { id: number }) {
	const communityId = await addCommunity(db, 'Bromyard', 'North');
	const meetingIds = await scheduleAt(db, communityId, dates, 'x', { id: chair.id, ip: null });
	return { communityId, meetingIds };
}
