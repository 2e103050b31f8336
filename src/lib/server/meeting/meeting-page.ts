import type { DB } from '../platform/db';
import type { CommunityRole } from '../platform/schema';
import type { findMeeting } from '../agenda/meetings';
import { agendaPublished, agendaVisible } from './stages';
import { listMeetingSubmissions } from '../agenda/item-lists';
import { submissionWindow } from '../agenda/submission-rules';

type Meeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/**
 * A meeting's own page for one member of its MAG: where it stands, whether they may add an item
 * (and whether it would be late), and the items brought to it. Chairs and coordinators see every
 * item for the meeting; others only their own.
 */
export async function meetingPageFor(
	db: DB,
	meeting: Meeting,
	reader: { id: number; role: CommunityRole; organiser: boolean },
	today: string
) {
	const items = await listMeetingSubmissions(db, meeting.id);
	const window = submissionWindow(meeting, reader.role === 'chair', today);
	return {
		meeting,
		organiser: reader.organiser,
		agendaPublished: agendaPublished(meeting.status),
		agendaVisible: agendaVisible(meeting.status, reader.organiser),
		canSubmit: window.open,
		submitNote: window.open
			? window.late
				? 'The deadline has passed: items you add now are marked late.'
				: null
			: window.reason,
		items: items
			.filter((item) => reader.organiser || item.submittedBy === reader.id)
			.map((item) => ({
				id: item.id,
				part: item.part,
				label: item.label,
				status: item.status,
				late: item.late,
				agencyName: item.agencyName,
				submitterName: item.submitterName
			}))
	};
}
