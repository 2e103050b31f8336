// The meeting the bench runs in the room: the chair's community's second most recent held
// meeting, put back in progress in the bench's own database (the most recent stays concluded for
// its minutes). Its members follow; the chair takes two of its family items in turn.
import type SQLite from 'better-sqlite3';

export interface BenchRoom {
	meetingId: number;
	items: [number, number];
	/** The emails of the community's members, who follow the room. */
	members: string[];
	/** An item and a case record the chair may read, for the page timings. */
	itemId: number;
	caseId: number | null;
}

export function prepareRoom(db: SQLite.Database, communityId: number): BenchRoom {
	const meeting = db
		.prepare(
			`select id from meeting where community_id = ? and status in ('concluded', 'in-progress')
			 order by date desc limit 1 offset 1`
		)
		.get(communityId) as { id: number } | undefined;
	if (!meeting) throw new Error('The chair has no held meeting to run in the room');
	const items = db
		.prepare(
			`select id from submission where meeting_id = ? and status = 'accepted'
			 order by part desc, position limit 2`
		)
		.all(meeting.id) as { id: number }[];
	if (items.length < 2) throw new Error('The meeting for the room has fewer than two items');
	const now = new Date().toISOString();
	db.prepare(
		`update meeting set status = 'in-progress', concluded_at = null,
		 started_at = coalesce(started_at, ?), current_item_id = ?, current_item_started_at = ?
		 where id = ?`
	).run(now, items[0]!.id, now, meeting.id);
	// The actions review is put off, as a chair may, so items can be taken.
	const chair = db.prepare("select id from user where email = 'chair.north@mag.example'").get() as {
		id: number;
	};
	db.prepare(
		`insert into actions_review_later (meeting_id, chosen_by, chosen_at) values (?, ?, ?)
		 on conflict (meeting_id) do nothing`
	).run(meeting.id, chair.id, now);
	// Everyone on the register present and agreed, as in a full room.
	db.prepare(
		`update attendance set status = 'present', confirmed_at = coalesce(confirmed_at, ?),
		 confirmed_via = coalesce(confirmed_via, 'self') where meeting_id = ? and user_id is not null`
	).run(now, meeting.id);
	const members = db
		.prepare(
			`select user.email from community_membership join user on user.id = user_id
			 where community_id = ? and user.disabled_at is null`
		)
		.all(communityId) as { email: string }[];
	const familyCase = db
		.prepare(
			`select case_id as id from new_caf join submission on submission.id = new_caf.submission_id
			 where submission.meeting_id = ? limit 1`
		)
		.get(meeting.id) as { id: number } | undefined;
	return {
		meetingId: meeting.id,
		items: [items[0]!.id, items[1]!.id],
		members: members.map((m) => m.email),
		itemId: items[0]!.id,
		caseId: familyCase?.id ?? null
	};
}
