import { recordAudit, type Actor } from '../audit/log';
import type { DB } from '../platform/db';
import { correctionChanges } from '../meeting/minutes-corrections';
import { contactsNaming } from '../front-door/contacts';

/**
 * A subject access request: everything the system holds about one family, with every audit entry
 * about it (who read, checked or changed it), as JSON (rows as stored, so nothing is lost in
 * translation) and as a PDF for the family to read (subject-access-pdf.ts).
 *
 * Only the data protection officer exports. Administrators never see family data; a chair sees a
 * family at their own MAG but answering a request is the council's information-governance task,
 * and the export holds who looked at the record, which only the officer reads.
 */
/** A case reference as typed: letters, digits and hyphens. */
export function isCaseReference(reference: string): boolean {
	return /^[A-Z0-9][A-Z0-9-]{0,39}$/.test(reference);
}

/** What the DPO sees before exporting: no names, only what finds the right case. */
export interface CaseSummary {
	reference: string;
	community: string;
	status: string;
	createdAt: string;
	closedAt: string | null;
	anonymisedAt: string | null;
}

export async function findCaseForExport(
	db: DB,
	reference: string
): Promise<CaseSummary | undefined> {
	return db
		.selectFrom('family_case')
		.innerJoin('community', 'community.id', 'family_case.community_id')
		.select([
			'family_case.reference',
			'community.name as community',
			'family_case.status',
			'family_case.created_at as createdAt',
			'family_case.closed_at as closedAt',
			'family_case.anonymised_at as anonymisedAt'
		])
		.where('family_case.reference', '=', reference)
		.executeTakeFirst();
}

async function gatherCase(db: DB, reference: string) {
	const familyCase = await db
		.selectFrom('family_case')
		.selectAll()
		.where('reference', '=', reference)
		.executeTakeFirst();
	if (!familyCase) return undefined;
	const caseId = familyCase.id;
	const newCafs = await db
		.selectFrom('new_caf')
		.selectAll()
		.where('case_id', '=', caseId)
		.execute();
	const reviews = await db.selectFrom('review').selectAll().where('case_id', '=', caseId).execute();
	const itemIds = [...newCafs, ...reviews].map((row) => row.submission_id);
	const some = itemIds.length > 0 ? itemIds : [-1];
	const submissions = await db
		.selectFrom('submission')
		.selectAll()
		.where('id', 'in', some)
		.orderBy('id')
		.execute();
	const meetingIds = [
		...new Set([
			...submissions.map((s) => s.meeting_id),
			...(familyCase.next_review_meeting_id ? [familyCase.next_review_meeting_id] : [])
		])
	];
	const actions = await db
		.selectFrom('action')
		.selectAll()
		.where((eb) => eb.or([eb('case_id', '=', caseId), eb('submission_id', 'in', some)]))
		.orderBy('id')
		.execute();
	const auditEntries = await db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.actor_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.actor_id',
			'user.name as actor_name',
			'user.email as actor_email',
			'audit_log.action',
			'audit_log.record_type',
			'audit_log.record_id',
			'audit_log.ip',
			'audit_log.detail'
		])
		.where((eb) =>
			eb.or([
				eb.and([
					eb('audit_log.record_type', '=', 'family_case'),
					eb('audit_log.record_id', '=', reference)
				]),
				// An entry naming the case in its detail (as audit/search.ts finds them).
				eb(eb.fn('instr', ['audit_log.detail', eb.val(JSON.stringify(reference))]), '>', 0),
				eb.and([
					eb('audit_log.record_type', '=', 'submission'),
					eb(
						'audit_log.record_id',
						'in',
						some.map((id) => String(id))
					)
				]),
				eb.and([
					eb('audit_log.record_type', '=', 'action'),
					eb('audit_log.record_id', 'in', [...actions.map((a) => String(a.id)), ''])
				])
			])
		)
		.orderBy('audit_log.id')
		.execute();
	const staffIds = new Set<number>();
	const addStaff = (id: number | null) => {
		if (id !== null) staffIds.add(id);
	};
	addStaff(familyCase.created_by);
	addStaff(familyCase.lead_professional_id);
	const rows = {
		familyMembers: await db
			.selectFrom('family_member')
			.selectAll()
			.where('case_id', '=', caseId)
			.orderBy('id')
			.execute(),
		needs: await db
			.selectFrom('need')
			.selectAll()
			.where('case_id', '=', caseId)
			.orderBy('id')
			.execute(),
		consents: await db
			.selectFrom('consent')
			.selectAll()
			.where('case_id', '=', caseId)
			.orderBy('id')
			.execute(),
		caseProblems: await db
			.selectFrom('case_problem')
			.innerJoin('outcome_problem', 'outcome_problem.id', 'case_problem.problem_id')
			.select(['outcome_problem.name', 'case_problem.recorded_by', 'case_problem.recorded_at'])
			.where('case_problem.case_id', '=', caseId)
			.execute(),
		outcomeEvidence: await db
			.selectFrom('outcome_evidence')
			.selectAll()
			.where('case_id', '=', caseId)
			.orderBy('id')
			.execute(),
		submissions,
		newCafs,
		reviews,
		needUpdates: await db
			.selectFrom('need_update')
			.selectAll()
			.where('submission_id', 'in', some)
			.execute(),
		meetings: await db
			.selectFrom('meeting')
			.innerJoin('community', 'community.id', 'meeting.community_id')
			.select([
				'meeting.id',
				'community.name as community',
				'meeting.date',
				'meeting.start_time',
				'meeting.venue',
				'meeting.status'
			])
			.where('meeting.id', 'in', meetingIds.length > 0 ? meetingIds : [-1])
			.orderBy('meeting.date')
			.execute(),
		gateChecks: await db
			.selectFrom('gate_check')
			.selectAll()
			.where('submission_id', 'in', some)
			.orderBy('id')
			.execute(),
		outcomes: await db
			.selectFrom('outcome')
			.selectAll()
			.where('submission_id', 'in', some)
			.execute(),
		// Each correction of the minutes' note of the discussion of this family's items: the text
		// before and after is theirs as much as the note itself.
		minutesCorrections: await correctionChanges(db)
			.select([
				'minutes_correction_change.submission_id',
				'minutes_correction.meeting_id',
				'minutes_correction.version',
				'minutes_correction_change.field',
				'minutes_correction_change.before',
				'minutes_correction_change.after',
				'minutes_correction.reason',
				'minutes_correction.corrected_by',
				'minutes_correction.corrected_at'
			])
			.where('minutes_correction_change.submission_id', 'in', some)
			.orderBy('minutes_correction_change.id')
			.execute(),
		actions
	};
	const cafDrafts = await draftsNaming(
		db,
		rows.familyMembers.map((member) => member.name)
	);
	for (const row of cafDrafts) addStaff(row.author_id);
	// Calls to the front door about the family, before (or without) a case: theirs all the same.
	const frontDoorContacts = await contactsNaming(
		db,
		rows.familyMembers.map((member) => member.name)
	);
	for (const row of frontDoorContacts) addStaff(row.recorded_by);
	for (const row of rows.consents) addStaff(row.recorded_by);
	for (const row of submissions) addStaff(row.submitted_by);
	for (const row of rows.gateChecks) addStaff(row.checked_by);
	for (const row of rows.outcomes) {
		addStaff(row.recorded_by);
		addStaff(row.lead_professional_id);
	}
	for (const row of rows.minutesCorrections) addStaff(row.corrected_by);
	for (const row of actions) {
		addStaff(row.owner_id);
		addStaff(row.created_by);
	}
	const community = await db
		.selectFrom('community')
		.select('name')
		.where('id', '=', familyCase.community_id)
		.executeTakeFirstOrThrow();
	const staff = await db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select(['user.id', 'user.name', 'user.job_title', 'agency.name as agency'])
		.where('user.id', 'in', staffIds.size > 0 ? [...staffIds] : [-1])
		.orderBy('user.id')
		.execute();
	return {
		case: { ...familyCase, community: community.name },
		...rows,
		cafDrafts,
		frontDoorContacts,
		staff,
		auditEntries: auditEntries.map((entry) => ({
			...entry,
			detail: entry.detail ? (JSON.parse(entry.detail) as unknown) : null
		}))
	};
}

/**
 * New CAFs saved as drafts that name a member of this family. A draft is not yet a case, so it has
 * no reference to find it by: it is the family's data all the same (kept at most 30 days untouched,
 * see retention), so the export holds every draft that names one of them.
 */
async function draftsNaming(db: DB, names: string[]) {
	const wanted = names.map((name) => name.trim().toLowerCase()).filter(Boolean);
	if (wanted.length === 0) return [];
	const drafts = await db.selectFrom('caf_draft').selectAll().orderBy('id').execute();
	return drafts.filter((draft) => {
		const typed = Object.values(JSON.parse(draft.fields) as Record<string, string>)
			.join('\n')
			.toLowerCase();
		return wanted.some((name) => typed.includes(name));
	});
}

export type CaseRecord = NonNullable<Awaited<ReturnType<typeof gatherCase>>>;

export interface CaseExport extends CaseRecord {
	exportedAt: string;
	exportedBy: { name: string; email: string };
	format: 'json' | 'pdf';
	note: string;
}

/**
 * Everything held about the family with this reference, or undefined if there is none. The export
 * is audited first, in the same transaction, so the export lists itself among who read the record.
 */
export async function exportCase(
	db: DB,
	reference: string,
	actor: Actor & { name: string; email: string },
	format: 'json' | 'pdf',
	now = new Date()
): Promise<CaseExport | undefined> {
	return db.transaction().execute(async (trx) => {
		const exists = await trx
			.selectFrom('family_case')
			.select('id')
			.where('reference', '=', reference)
			.executeTakeFirst();
		if (!exists) return undefined;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'case.exported',
				recordType: 'family_case',
				recordId: reference,
				ip: actor.ip,
				detail: { why: 'subject access request', format }
			},
			now
		);
		const record = await gatherCase(trx, reference);
		if (!record) return undefined;
		return {
			exportedAt: now.toISOString(),
			exportedBy: { name: actor.name, email: actor.email },
			format,
			note:
				'Everything this service holds about the family with this case reference, as stored, ' +
				'and every audit log entry about it (who read, checked, changed or exported it).',
			...record
		};
	});
}
