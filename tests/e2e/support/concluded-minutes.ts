import { communityId, meetingsOf, withDatabase, userId } from './fixtures';

// Kington and Weobley's last scheduled meeting (a year ahead), so no other spec is disturbed: it is
// written straight into the database as concluded, as the meeting room would have left it.
export const COMMUNITY = 'Kington and Weobley';
export const REFERENCE = 'KWE-2099-001';
export const CHILD = 'Jamie Minutes-Example';
export const PARENT = 'Alex Minutes-Example';
export const NEED = 'Attendance below 85 percent';
export const FORMULA = '=HYPERLINK("http://example.invalid","Click")';

/**
 * The concluded meeting the minutes specs read and correct, written once per test database (a spec
 * that runs after another finds it there, by its case's reference).
 */
export function concludedMinutesMeeting(): { meetingId: number; openMeetingId: number } {
	const meetings = meetingsOf(COMMUNITY).filter((m) => m.date < '2100-01-01');
	const last = meetings.at(-1)!;
	const meetingId = last.id;
	const openMeetingId = meetings.at(-2)!.id;
	const community = communityId(COMMUNITY);
	const written = withDatabase((db) =>
		db.prepare('select id from family_case where reference = ?').get(REFERENCE)
	);
	if (written) return { meetingId, openMeetingId };
	withDatabase((db) => {
		const chair = userId(db, 'chair.north@mag.example');
		const visitor = userId(db, 'health.visitor@mag.example');
		const support = userId(db, 'family.support@mag.example');
		const coordinator = userId(db, 'coordinator.north@mag.example');
		const at = `${last.date}T09:30:00.000Z`;
		const ended = `${last.date}T11:15:00.000Z`;
		db.transaction(() => {
			const item = (part: number, position: number) =>
				Number(
					db
						.prepare(
							`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position, minutes, decline_reason, created_at, updated_at)
							 values (?, ?, ?, null, 'accepted', 0, ?, 10, null, ?, ?)`
						)
						.run(meetingId, part, visitor, position, at, at).lastInsertRowid
				);
			const advice = item(1, 1);
			db.prepare(
				`insert into advice_request (submission_id, age_band, setting, worry, asked_for) values (?, '5 to 10', 'primary school', 'Often hungry at school', 'Which agency could help')`
			).run(advice);
			const caf = item(2, 1);
			const caseId = Number(
				db
					.prepare(
						`insert into family_case (reference, community_id, initials, created_by, created_at, lead_professional_id, next_review_meeting_id)
						 values (?, ?, 'J.M.E.', ?, ?, ?, null)`
					)
					.run(REFERENCE, community, visitor, at, visitor).lastInsertRowid
			);
			const member = db.prepare(
				`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child) values (?, ?, ?, ?, ?, ?)`
			);
			const child = Number(
				member.run(caseId, CHILD, '2018-06-04', 'Child', 'Fictional Primary', 1).lastInsertRowid
			);
			member.run(caseId, PARENT, '1990-01-01', 'Mother', null, 0);
			const need = Number(
				db
					.prepare(
						`insert into need (case_id, family_member_id, description, domain) values (?, ?, ?, 'development')`
					)
					.run(caseId, child, NEED).lastInsertRowid
			);
			const consent = Number(
				db
					.prepare(
						`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with, form_location, withdrawn_on, recorded_by, recorded_at)
						 values (?, ?, 'not-of-age', ?, 1, 'School, health', 'Case file', null, ?, ?)`
					)
					.run(caseId, PARENT, last.date, visitor, at).lastInsertRowid
			);
			db.prepare(
				`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need) values (?, ?, ?, ?, 'New CAF', '2')`
			).run(caf, caseId, consent, last.date);
			const issue = item(4, 1);
			db.prepare(
				`insert into community_issue (submission_id, title, place, happening, wanted) values (?, 'Drinking by the river', 'Riverside walk', 'Teenagers drinking on Friday nights', 'A joint response')`
			).run(issue);

			const attend = db.prepare(
				`insert into attendance (meeting_id, user_id, name, agency, status, substitute_name, confirmed_at, confirmed_via, recorded_by, recorded_at)
				 values (?, ?, ?, ?, ?, null, ?, ?, ?, ?)`
			);
			attend.run(meetingId, chair, 'Helen Price', 'CAF Team', 'present', at, 'chair', chair, at);
			attend.run(
				meetingId,
				visitor,
				'Sarah Williams',
				'Health Visiting Service',
				'present',
				at,
				'self',
				chair,
				at
			);
			attend.run(
				meetingId,
				support,
				'Lucy Clarke',
				'Parenting and Family Support',
				'apologies',
				null,
				null,
				chair,
				at
			);
			attend.run(meetingId, coordinator, 'Jo Evans', 'CAF Team', 'present', null, null, chair, at);
			db.prepare(
				`insert into gate_check (meeting_id, submission_id, consent_id, result, reason, checked_by, checked_at) values (?, ?, ?, 'opened', null, ?, ?)`
			).run(meetingId, caf, consent, chair, at);

			const outcome = db.prepare(
				`insert into outcome (submission_id, meeting_id, kind, note, agency, lead_professional_id, next_review_meeting_id, taken_as_advice, version, recorded_by, recorded_at)
				 values (?, ?, ?, ?, ?, ?, null, 0, 1, ?, ?)`
			);
			outcome.run(
				advice,
				meetingId,
				'single-agency',
				'School nurse to see the child',
				'School Nursing Service',
				null,
				chair,
				at
			);
			outcome.run(
				caf,
				meetingId,
				'agreed',
				`${PARENT} welcomed the help`,
				null,
				visitor,
				chair,
				at
			);
			outcome.run(issue, meetingId, 'agreed', 'Joint patrols on Fridays', null, null, chair, at);
			db.prepare(
				`insert into need_update (submission_id, need_id, status, progress, support) values (?, ?, null, null, 'Breakfast club place')`
			).run(caf, need);

			const action = db.prepare(
				`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id, owner_name, owner_agency, due_date, created_by, created_at)
				 values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?)`
			);
			action.run(
				community,
				meetingId,
				advice,
				null,
				'See the child at the school drop-in',
				'Aisha Begum',
				'School Nursing Service',
				'2099-01-10',
				chair,
				at
			);
			action.run(
				community,
				meetingId,
				caf,
				caseId,
				`Book a breakfast club place for ${REFERENCE}`,
				'Priya Shah',
				'Leominster Primary School',
				'2099-01-17',
				chair,
				at
			);
			action.run(
				community,
				meetingId,
				issue,
				null,
				'Patrol the riverside on Friday nights',
				'Mark Hughes',
				'West Mercia Police',
				'2099-01-24',
				chair,
				at
			);
			action.run(
				community,
				meetingId,
				issue,
				null,
				FORMULA,
				'Mark Hughes',
				'West Mercia Police',
				'2099-01-31',
				chair,
				at
			);

			db.prepare(
				`update meeting set status = 'concluded', started_at = ?, concluded_at = ? where id = ?`
			).run(at, ended, meetingId);
		})();
	});
	return { meetingId, openMeetingId };
}
