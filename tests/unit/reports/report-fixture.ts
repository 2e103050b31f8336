import type { OpenDatabase } from '$lib/server/platform/db';

/**
 * A small, fixed history whose report figures are counted by hand in reports.test.ts. Today is
 * 1 March 2027; the default period is 2 March 2026 to 1 March 2027.
 *
 * North locality: Ashby (A0 before the period, A1, A2 held, A3 to come) and Barton (B1 held).
 * South locality: Colwall (C1 held).
 */
export const TODAY = '2027-03-01';

export interface ReportFixture {
	north: number;
	south: number;
	ashby: number;
	barton: number;
	colwall: number;
	/** Chairs Ashby and Barton (North). */
	chair: number;
	/** Chairs Colwall (South). */
	southChair: number;
	manager: number;
	practitioner: number;
	administrator: number;
}

export function buildReportFixture(database: OpenDatabase): ReportFixture {
	const sqlite = database.sqlite;
	const run = (query: string, ...params: unknown[]) =>
		Number(sqlite.prepare(query).run(...params).lastInsertRowid);
	const stamp = '2026-01-01T09:00:00.000Z';

	const agency = (name: string) =>
		run('insert into agency (name, sector) values (?, ?)', name, 'x');
	const police = agency('Police');
	const school = agency('School');
	const health = agency('Health');
	const user = (
		email: string,
		agencyId: number,
		flags: { admin?: boolean; manager?: boolean } = {}
	) =>
		run(
			`insert into user (email, name, job_title, agency_id, is_administrator, is_manager,
				password_hash, totp_key, totp_last_step, disabled_at, created_at)
			values (?, ?, null, ?, ?, ?, null, null, null, null, ?)`,
			email,
			email.split('@')[0],
			agencyId,
			flags.admin ? 1 : 0,
			flags.manager ? 1 : 0,
			stamp
		);
	const chair = user('chair@fixture.example', health);
	const southChair = user('south@fixture.example', health);
	const manager = user('manager@fixture.example', health, { manager: true });
	const practitioner = user('practitioner@fixture.example', police);
	const administrator = user('admin@fixture.example', health, { admin: true });
	const policeMember = user('police@fixture.example', police);
	const schoolMember = user('school@fixture.example', school);
	const healthMember = user('health@fixture.example', health);

	const north = run('insert into locality (name) values (?)', 'North');
	const south = run('insert into locality (name) values (?)', 'South');
	const community = (name: string, locality: number) =>
		run('insert into community (locality_id, name) values (?, ?)', locality, name);
	const ashby = community('Ashby', north);
	const barton = community('Barton', north);
	const colwall = community('Colwall', south);
	const member = (userId: number, communityId: number, role: string) =>
		run(
			'insert into community_membership (user_id, community_id, role) values (?, ?, ?)',
			userId,
			communityId,
			role
		);
	member(chair, ashby, 'chair');
	member(chair, barton, 'chair');
	member(southChair, colwall, 'chair');
	member(practitioner, ashby, 'member');

	const meeting = (
		communityId: number,
		date: string,
		status: string,
		times?: [started: string, concluded: string]
	) =>
		run(
			`insert into meeting (community_id, date, start_time, length_minutes, venue, online_link,
				submission_deadline, status, created_by, created_at, started_at, concluded_at)
			values (?, ?, '09:30', 120, 'Hall', null, ?, ?, ?, ?, ?, ?)`,
			communityId,
			date,
			date,
			status,
			chair,
			stamp,
			times?.[0] ?? null,
			times?.[1] ?? null
		);
	const a0 = meeting(ashby, '2026-01-10', 'concluded');
	// 135 minutes: 15 over its 120.
	const a1 = meeting(ashby, '2026-06-02', 'concluded', [
		'2026-06-02T08:30:00.000Z',
		'2026-06-02T10:45:00.000Z'
	]);
	// 110 minutes: on time.
	const a2 = meeting(ashby, '2026-07-14', 'concluded', [
		'2026-07-14T08:30:00.000Z',
		'2026-07-14T10:20:00.000Z'
	]);
	const a3 = meeting(ashby, '2027-04-13', 'scheduled');
	const b1 = meeting(barton, '2026-09-01', 'concluded');
	const c1 = meeting(colwall, '2026-10-06', 'concluded');

	const item = (meetingId: number, part: number, status = 'accepted') =>
		run(
			`insert into submission (meeting_id, part, submitted_by, agency_id, status, late, position,
				minutes, decline_reason, created_at, updated_at)
			values (?, ?, ?, null, ?, 0, null, 10, null, ?, ?)`,
			meetingId,
			part,
			practitioner,
			status,
			stamp,
			stamp
		);
	const outcome = (
		submissionId: number,
		meetingId: number,
		kind: string,
		levelOfNeed: string | null = null
	) =>
		run(
			`insert into outcome (submission_id, meeting_id, kind, note, agency, lead_professional_id,
				next_review_meeting_id, taken_as_advice, recorded_by, recorded_at, level_of_need)
			values (?, ?, ?, '', null, null, null, 0, ?, ?, ?)`,
			submissionId,
			meetingId,
			kind,
			chair,
			stamp,
			levelOfNeed
		);

	let caseNumber = 0;
	/** A new CAF at a meeting: its case, one child, its needs and consent. Returns the case and its needs. */
	const newCaf = (
		meetingId: number,
		communityId: number,
		wayIn: string,
		level: string,
		needs = 2,
		status = 'accepted'
	) => {
		caseNumber += 1;
		const caseId = run(
			`insert into family_case (reference, community_id, initials, created_by, created_at)
			values (?, ?, 'AB', ?, ?)`,
			`FIX-2026-${String(caseNumber).padStart(3, '0')}`,
			communityId,
			practitioner,
			stamp
		);
		const child = run(
			`insert into family_member (case_id, name, date_of_birth, relationship, setting, is_child)
			values (?, 'Ann Bee', '2018-01-01', 'Child', null, 1)`,
			caseId
		);
		const needIds = Array.from({ length: needs }, () =>
			run(
				`insert into need (case_id, family_member_id, description, domain)
				values (?, ?, 'A need', 'development')`,
				caseId,
				child
			)
		);
		const consent = run(
			`insert into consent (case_id, given_by, young_person, signed_on, covers_mag, shared_with,
				form_location, withdrawn_on, recorded_by, recorded_at)
			values (?, 'Parent', 'not-of-age', '2025-12-01', 1, 'School', 'File', null, ?, ?)`,
			caseId,
			practitioner,
			stamp
		);
		const submission = item(meetingId, 2, status);
		run(
			`insert into new_caf (submission_id, case_id, consent_id, caf_date, way_in, level_of_need)
			values (?, ?, ?, '2025-12-01', ?, ?)`,
			submission,
			caseId,
			consent,
			wayIn,
			level
		);
		return { caseId, needIds };
	};
	const review = (
		meetingId: number,
		caf: { caseId: number; needIds: number[] },
		statuses: string[],
		decision: string,
		level: string
	) => {
		const submission = item(meetingId, 3);
		run(
			'insert into review (submission_id, case_id, stuck) values (?, ?, 0)',
			submission,
			caf.caseId
		);
		statuses.forEach((status, i) =>
			run(
				`insert into need_update (submission_id, need_id, status, progress, support)
				values (?, ?, ?, null, null)`,
				submission,
				caf.needIds[i],
				status
			)
		);
		outcome(submission, meetingId, decision, level);
		if (decision !== 'continue')
			run(
				`update family_case set status = ?, closed_at = ? where id = ?`,
				decision,
				stamp,
				caf.caseId
			);
	};

	// A0, before the period: one new CAF (K0), later reviewed and closed at A1.
	const k0 = newCaf(a0, ashby, 'From the front door', '3a');

	// A1: 2 advice requests, 3 new CAFs, 1 review, 1 community issue (and one declined request).
	item(a1, 1);
	item(a1, 1);
	item(a1, 1, 'declined');
	const k1 = newCaf(a1, ashby, 'New CAF', '2', 1);
	const k2 = newCaf(a1, ashby, 'New CAF', '3a');
	const k3 = newCaf(a1, ashby, 'Step down from child in need', '3a');
	review(a1, k0, ['met', 'not-met'], 'closed-needs-met', '2');
	item(a1, 4);

	// A2: 1 advice request (deferred from A1: no room), 1 new CAF, 2 reviews.
	const deferred = item(a2, 1);
	run(
		`insert into item_deferral (submission_id, from_meeting_id, to_meeting_id, reason, deferred_by,
			deferred_at) values (?, ?, ?, 'agenda-full', ?, ?)`,
		deferred,
		a1,
		a2,
		chair,
		stamp
	);
	const k4 = newCaf(a2, ashby, 'From the front door', '2');
	review(a2, k1, ['partly-met'], 'continue', '2');
	review(a2, k2, ['met', 'met'], 'stepped-up', '4');

	// A3, to come: K3 and K4 due for review there, and one new CAF already submitted.
	run(
		'update family_case set next_review_meeting_id = ? where id in (?, ?)',
		a3,
		k3.caseId,
		k4.caseId
	);
	newCaf(a3, ashby, 'New CAF', '2', 1, 'submitted');

	// Barton: one new CAF. Colwall: two advice requests.
	newCaf(b1, barton, 'New CAF', '2', 1);
	item(c1, 1);
	item(c1, 1);

	// Actions agreed at Ashby's meetings: 7 in the period, 1 before it.
	const action = (
		meetingId: number,
		owner: number,
		ownerAgency: string,
		due: string,
		status: string,
		createdAt: string,
		completedAt: string | null = null
	) =>
		run(
			`insert into action (community_id, meeting_id, submission_id, case_id, description, owner_id,
				owner_name, owner_agency, due_date, status, created_by, created_at, completed_at)
			values (?, ?, null, null, 'Do something', ?, 'Owner', ?, ?, ?, ?, ?, ?)`,
			ashby,
			meetingId,
			owner,
			ownerAgency,
			due,
			status,
			chair,
			createdAt,
			completedAt
		);
	const afterA1 = '2026-06-02T11:00:00.000Z';
	const afterA2 = '2026-07-14T11:00:00.000Z';
	action(a1, policeMember, 'Police', '2026-06-30', 'done', afterA1, '2026-06-12T11:00:00.000Z');
	action(a1, schoolMember, 'School', '2026-06-30', 'done', afterA1, '2026-06-22T11:00:00.000Z');
	action(a1, schoolMember, 'School', '2026-07-01', 'open', afterA1);
	const cannot = action(
		a1,
		policeMember,
		'Police',
		'2026-07-01',
		'cannot-be-done',
		afterA1,
		afterA2
	);
	run(
		`insert into action_update (action_id, kind, note, reason, previous_due_date, new_due_date,
			previous_owner, meeting_id, recorded_by, recorded_at)
		values (?, 'cannot-be-done', 'No capacity', 'agency-could-not-act', null, null, null, null, ?, ?)`,
		cannot,
		policeMember,
		afterA2
	);
	action(a2, policeMember, 'Police', '2027-04-01', 'in-progress', afterA2);
	action(a2, schoolMember, 'School', '2026-08-01', 'closed', afterA2, '2026-09-01T11:00:00.000Z');
	action(a2, policeMember, 'Police', '2026-08-30', 'done', afterA2, '2026-08-13T11:00:00.000Z');
	action(a0, policeMember, 'Police', '2026-02-01', 'done', stamp, '2026-01-20T11:00:00.000Z');

	// Registers at A1 and A2 (guests are not counted).
	const register = (meetingId: number, userId: number | null, agencyName: string, status: string) =>
		run(
			`insert into attendance (meeting_id, user_id, name, agency, status, substitute_name,
				confirmed_at, confirmed_via, recorded_by, recorded_at)
			values (?, ?, 'Someone', ?, ?, null, null, null, ?, ?)`,
			meetingId,
			userId,
			agencyName,
			status,
			chair,
			stamp
		);
	register(a1, policeMember, 'Police', 'present');
	register(a1, schoolMember, 'School', 'apologies');
	register(a1, healthMember, 'Health', 'absent');
	register(a1, null, 'Housing', 'guest');
	register(a2, policeMember, 'Police', 'substitute');
	register(a2, schoolMember, 'School', 'present');
	register(a2, healthMember, 'Health', 'absent');

	return {
		north,
		south,
		ashby,
		barton,
		colwall,
		chair,
		southChair,
		manager,
		practitioner,
		administrator
	};
}
