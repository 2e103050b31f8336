import SQLite from 'better-sqlite3';
import { addDays, today } from './dates';

/**
 * What the browser tests write straight into the test database, or read from it: data whose making
 * in the pages has a spec of its own, and what only the passing of time would change. What they do
 * in the app's pages is in pages.ts.
 */

/** The throwaway database the e2e server runs on (playwright.config.ts). */
export const DATABASE_PATH = 'test-results/e2e.sqlite';

/** Changes the test database directly, as the passing of time would. */
export function withDatabase<T>(work: (db: SQLite.Database) => T): T {
	const db = new SQLite(DATABASE_PATH);
	try {
		db.pragma('busy_timeout = 5000');
		return work(db);
	} finally {
		db.close();
	}
}

/** An email address no other test (or earlier run) has used. */
export function uniqueEmail(prefix: string): string {
	return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1000)}@mag.example`;
}

/** The id of the person with this email address (a demo account, db/seed.ts). */
export function userId(db: SQLite.Database, email: string): number {
	return (db.prepare('select id from user where email = ?').get(email) as { id: number }).id;
}

export function communityId(name: string): number {
	return withDatabase((db) => {
		const row = db.prepare('select id from community where name = ?').get(name) as
			{ id: number } | undefined;
		if (!row) throw new Error(`No community called ${name}`);
		return row.id;
	});
}

export interface MeetingRow {
	id: number;
	date: string;
	status: string;
}

/** A community's meetings, earliest first (ids and YYYY-MM-DD dates straight from the database). */
export function meetingsOf(community: string): MeetingRow[] {
	const id = communityId(community);
	return withDatabase(
		(db) =>
			db
				.prepare('select id, date, status from meeting where community_id = ? order by date, id')
				.all(id) as MeetingRow[]
	);
}

/** The meeting whose agenda is open for items (the demo seed opens each community's first one). */
export function agendaOpenMeeting(community: string): MeetingRow {
	const meeting = meetingsOf(community).find((m) => m.status === 'agenda-open');
	if (!meeting) throw new Error(`No meeting of ${community} has its agenda open`);
	return meeting;
}

/** Fictional families for the meeting-room tests: their names must never leak past the gate. */
export const FAMILY_OPEN = {
	child: 'Zebedee Quill',
	parent: 'Marigold Quill',
	ref: 'LED-2026-901'
};
export const FAMILY_WITHDRAWN = {
	child: 'Ottoline Marsh',
	parent: 'Peregrine Marsh',
	ref: 'LED-2026-902'
};
export const FAMILY_REVIEW = {
	child: 'Barnaby Thistle',
	parent: 'Clover Thistle',
	ref: 'LED-2026-903'
};
export const NEED_TEXT = 'Speech delay, not yet seen by speech and language therapy';
export const ISSUE_TITLE = 'Vaping outside the secondary school';
/** An action on the reviewed case from an earlier meeting, with its owner's latest update. */
export const CASE_ACTION = 'Chase the speech and language therapy referral';
export const CASE_ACTION_UPDATE = 'Referral accepted; first session booked for next month';

/**
 * A published agenda with one item of each part (and a second new CAF whose consent has been
 * withdrawn), written straight into the test database as the earlier steps would leave it: the
 * browser tests for those steps live in their own specs. Ledbury's fifth meeting, well after the
 * ones other specs use; CAMHS joins Ledbury's MAG here to send apologies. The reviewed case has an
 * action in progress from the fourth meeting.
 */
export function publishedMeetingWithEveryPart(): { meetingId: number; laterMeetingId: number } {
	const meetings = meetingsOf('Ledbury');
	const meeting = meetings[4]!;
	const later = meetings[5]!;
	const community = communityId('Ledbury');
	return withDatabase((db) => {
		const submitter = userId(db, 'childrens.centre@mag.example');
		const lead = userId(db, 'ewo@mag.example');
		const agency = (
			db.prepare('select agency_id from user where id = ?').get(submitter) as { agency_id: number }
		).agency_id;
		const now = new Date().toISOString();
		db.prepare(
			"insert or ignore into community_membership (user_id, community_id, role) values (?, ?, 'member')"
		).run(userId(db, 'camhs@mag.example'), community);
		db.prepare("update meeting set status = 'agenda-published' where id = ?").run(meeting.id);
		let position = 0;
		const item = (part: number) =>
			Number(
				db
					.prepare(
						`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
						 values (?, ?, ?, ?, 'accepted', 0, ?, ?, null, ?, ?)`
					)
					.run(meeting.id, part, submitter, agency, ++position, 10, now, now).lastInsertRowid
			);
		const familyCase = (family: typeof FAMILY_OPEN, leadId: number | null, withdrawn: boolean) => {
			const caseId = Number(
				db
					.prepare(
						`insert into family_case (reference, community_id, initials, created_by, created_at, lead_professional_id)
						 values (?, ?, ?, ?, ?, ?)`
					)
					.run(
						family.ref,
						community,
						family.child
							.split(' ')
							.map((p) => `${p[0]}.`)
							.join(''),
						submitter,
						now,
						leadId
					).lastInsertRowid
			);
			const child = Number(
				db
					.prepare(
						`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
						 values (?, ?, '2019-05-04', 'Child', 'Ledbury Primary School', 1)`
					)
					.run(caseId, family.child).lastInsertRowid
			);
			db.prepare(
				`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
				 values (?, ?, '1990-02-11', 'Mother', null, 0)`
			).run(caseId, family.parent);
			const need = Number(
				db
					.prepare(
						`insert into need (case_id, family_member_id, description, domain) values (?, ?, ?, 'development')`
					)
					.run(caseId, child, NEED_TEXT).lastInsertRowid
			);
			const consent = Number(
				db
					.prepare(
						`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with, form_location, withdrawn_on, recorded_by, recorded_at)
						 values (?, ?, 'not-of-age', ?, 1, 'Health, school, police', 'CAF team file', ?, ?, ?)`
					)
					.run(
						caseId,
						family.parent,
						addDays(today(), -30),
						withdrawn ? addDays(today(), -2) : null,
						submitter,
						now
					).lastInsertRowid
			);
			return { caseId, need, consent };
		};

		const advice = item(1);
		db.prepare(
			`insert into advice_request (submission_id, age_band, setting, worry, asked_for) values (?, '5 to 10', 'primary school', 'Often hungry and tired in class', 'Which agency could help')`
		).run(advice);
		for (const family of [FAMILY_OPEN, FAMILY_WITHDRAWN]) {
			const made = familyCase(family, null, family === FAMILY_WITHDRAWN);
			db.prepare(
				`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need) values (?, ?, ?, ?, 'New CAF', '2')`
			).run(item(2), made.caseId, made.consent, addDays(today(), -20));
		}
		const reviewed = familyCase(FAMILY_REVIEW, lead, false);
		const review = item(3);
		db.prepare('insert into review (submission_id, case_id, stuck) values (?, ?, 0)').run(
			review,
			reviewed.caseId
		);
		// Agreed at an earlier meeting, still in progress: it follows the case into this review.
		const earlier = meetings[3]!;
		const action = Number(
			db
				.prepare(
					`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id, owner_name, owner_agency, due_date, status, created_by, created_at, completed_at)
					 values (?, ?, null, ?, ?, ?, 'Gareth Jones', 'Education Welfare Service', ?, 'in-progress', ?, ?, null)`
				)
				.run(
					community,
					earlier.id,
					reviewed.caseId,
					CASE_ACTION,
					lead,
					addDays(today(), 10),
					submitter,
					now
				).lastInsertRowid
		);
		db.prepare(
			`insert into action_update (action_id, kind, note, reason, previous_due_date, new_due_date, previous_owner, meeting_id, recorded_by, recorded_at)
			 values (?, 'progress', ?, null, null, null, null, null, ?, ?)`
		).run(action, CASE_ACTION_UPDATE, lead, now);
		db.prepare(
			`insert into need_update (submission_id, need_id, status, progress, support) values (?, ?, 'partly-met', 'Referral made, waiting list', null)`
		).run(review, reviewed.need);
		const issue = item(4);
		db.prepare(
			`insert into community_issue (submission_id, title, place, happening, wanted) values (?, ?, 'Ledbury High School gates', 'Year 8 pupils vaping at home time', 'A joint message from school and police')`
		).run(issue, ISSUE_TITLE);
		return { meetingId: meeting.id, laterMeetingId: later.id };
	});
}
