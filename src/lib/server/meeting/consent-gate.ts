import type { DB } from '../platform/db';
import type { NeedDomain } from '../platform/schema';
import { recordAudit, recordAudits, type Actor, type AuditEvent } from '../audit/log';
import { consentForMeeting } from '../agenda/consent';

/**
 * The consent gate (docs/domain.md, "Rules that the software must hold"): a part 2 or 3 item is about an
 * identified family, and is discussed only after the chair has checked, in the meeting, that a
 * valid consent is on file. Until then everyone but the submitter, the lead professional and the
 * chair sees the case reference and initials only.
 */
export type GateState = 'closed' | 'opened' | 'refused';

export interface ItemFamily {
	submissionId: number;
	part: 2 | 3;
	caseId: number;
	reference: string;
	initials: string;
	communityId: number;
	submittedBy: number;
	leadProfessionalId: number | null;
	consentId: number | null;
}

/** The family an item is about, or undefined for parts 1 and 4. */
export async function familyOfItem(db: DB, submissionId: number): Promise<ItemFamily | undefined> {
	const row = await db
		.selectFrom('submission')
		.leftJoin('new_caf', 'new_caf.submission_id', 'submission.id')
		.leftJoin('review', 'review.submission_id', 'submission.id')
		.innerJoin('family_case', (join) =>
			join.on((eb) =>
				eb.or([
					eb('family_case.id', '=', eb.ref('new_caf.case_id')),
					eb('family_case.id', '=', eb.ref('review.case_id'))
				])
			)
		)
		.select([
			'submission.id as submissionId',
			'submission.part',
			'submission.submitted_by as submittedBy',
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'family_case.community_id as communityId',
			'family_case.lead_professional_id as leadProfessionalId'
		])
		.where('submission.id', '=', submissionId)
		.executeTakeFirst();
	if (!row || (row.part !== 2 && row.part !== 3)) return undefined;
	// Both parts are checked against the case's current consent: a renewal is honoured, and a
	// withdrawal closes the gate at once, even for an item already on a published agenda.
	const consentId = (await currentConsentId(db, row.caseId)) ?? null;
	return {
		submissionId: row.submissionId,
		part: row.part,
		caseId: row.caseId,
		reference: row.reference,
		initials: row.initials,
		communityId: row.communityId,
		submittedBy: row.submittedBy,
		leadProfessionalId: row.leadProfessionalId,
		consentId
	};
}

/**
 * The case's current consent: the latest recorded, which a renewal replaces. Withdrawal marks this
 * row, so a withdrawn consent stays current until the family gives consent again.
 */
export async function currentConsentId(db: DB, caseId: number): Promise<number | undefined> {
	const row = await db
		.selectFrom('consent')
		.select('id')
		.where('case_id', '=', caseId)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('consent as later')
						.select('later.id')
						.whereRef('later.replaces_consent_id', '=', 'consent.id')
				)
			)
		)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row?.id;
}

/** The consent on file, as the chair sees it at the gate: who, signed when, covering what. */
export async function consentOnFile(db: DB, consentId: number | null) {
	if (consentId === null) return undefined;
	const row = await db
		.selectFrom('consent')
		.select([
			'id',
			'given_by as givenBy',
			'young_person as youngPerson',
			'signed_on as signedOn',
			'covers_mag as coversMag',
			'shared_with as sharedWith',
			'form_location as formLocation',
			'withdrawn_on as withdrawnOn'
		])
		.where('id', '=', consentId)
		.executeTakeFirst();
	return row && { ...row, coversMag: row.coversMag === 1 };
}

/**
 * The consent on file as the chair reads it at the gate. It names the parents, so reading it is a
 * read of the family's details and is logged like any other.
 */
export async function readConsentAtGate(
	db: DB,
	family: Pick<ItemFamily, 'consentId' | 'reference' | 'submissionId'>,
	reader: { id: number; ip: string | null }
) {
	const consent = await consentOnFile(db, family.consentId);
	if (consent)
		await recordAudit(
			db,
			familyRead(family, { ...reader, why: 'chair checking consent at the gate' })
		);
	return consent;
}

/** The latest check of the gate for this item at this meeting. */
export async function gateState(db: DB, meetingId: number, submissionId: number) {
	const row = await db
		.selectFrom('gate_check')
		.select(['result', 'reason', 'checked_at as checkedAt'])
		.where('meeting_id', '=', meetingId)
		.where('submission_id', '=', submissionId)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return {
		state: (row?.result ?? 'closed') as GateState,
		reason: row?.reason ?? null,
		checkedAt: row?.checkedAt ?? null
	};
}

/**
 * The chair checks the consent on file and confirms it is valid for this discussion. The system
 * checks it too: missing, withdrawn, out-of-date or out-of-scope consent keeps the gate shut, and
 * the check is recorded either way (who, when, against which consent record) and audited.
 */
export async function checkConsentGate(
	db: DB,
	meeting: { id: number; date: string },
	submissionId: number,
	actor: Actor,
	today: string,
	now = new Date()
): Promise<{ opened: true } | { opened: false; reason: string }> {
	return db.transaction().execute(async (trx) => {
		const family = await familyOfItem(trx, submissionId);
		if (!family) return { opened: false, reason: 'This item is not about a family' };
		const consent = await consentOnFile(trx, family.consentId);
		const verdict = !consent
			? ({ valid: false, reason: 'there is no consent on file' } as const)
			: consent.youngPerson === 'no'
				? ({ valid: false, reason: 'the young person has not consented' } as const)
				: consentForMeeting(consent, meeting.date, today);
		const reason = verdict.valid ? null : verdict.reason;
		await trx
			.insertInto('gate_check')
			.values({
				meeting_id: meeting.id,
				submission_id: submissionId,
				consent_id: consent?.id ?? null,
				result: verdict.valid ? 'opened' : 'refused',
				reason,
				checked_by: actor.id,
				checked_at: now.toISOString()
			})
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: verdict.valid ? 'consent-gate.opened' : 'consent-gate.refused',
				recordType: 'family_case',
				recordId: family.reference,
				ip: actor.ip,
				detail: { submissionId, meetingId: meeting.id, consentId: consent?.id ?? null, reason }
			},
			now
		);
		return verdict.valid ? { opened: true } : { opened: false, reason: reason! };
	});
}

/** The family's identity and needs for someone the rule allows; every read is audited. */
export async function readFamily(
	db: DB,
	family: Pick<ItemFamily, 'caseId' | 'reference' | 'submissionId'>,
	reader: { id: number; ip: string | null; why: string }
) {
	return (await readFamilies(db, [family], reader)).get(family.caseId)!;
}

/**
 * Several families' members and needs at once, by case (two queries, whatever the number), each
 * read logged, all in one audit write: the minutes show a meeting's every family.
 */
export async function readFamilies(
	db: DB,
	families: readonly Pick<ItemFamily, 'caseId' | 'reference' | 'submissionId'>[],
	reader: { id: number; ip: string | null; why: string }
) {
	const caseIds = [...new Set(families.map((f) => f.caseId))];
	const read = new Map(caseIds.map((id): [number, FamilyRead] => [id, { members: [], needs: [] }]));
	if (caseIds.length === 0) return read;
	const members = await db
		.selectFrom('family_member')
		.select([
			'case_id as caseId',
			'id',
			'name',
			'date_of_birth as dateOfBirth',
			'relationship',
			'setting'
		])
		.where('case_id', 'in', caseIds)
		.orderBy('id')
		.execute();
	const needs = await db
		.selectFrom('need')
		.select(['case_id as caseId', 'id', 'family_member_id as memberId', 'description', 'domain'])
		.where('case_id', 'in', caseIds)
		.orderBy('id')
		.execute();
	for (const { caseId, ...member } of members) read.get(caseId)!.members.push(member);
	for (const { caseId, ...need } of needs) read.get(caseId)!.needs.push(need);
	await recordAudits(
		db,
		families.map((family) => familyRead(family, reader))
	);
	return read;
}

/** A family's members and needs as read for one reader. */
export interface FamilyRead {
	members: FamilyMemberRow[];
	needs: NeedRow[];
}

interface FamilyMemberRow {
	id: number;
	name: string;
	dateOfBirth: string;
	relationship: string;
	setting: string | null;
}

interface NeedRow {
	id: number;
	memberId: number;
	description: string;
	domain: NeedDomain;
}

/** Every read of a family's details is logged: who, which family, when, why (docs/domain.md). */
function familyRead(
	family: Pick<ItemFamily, 'reference' | 'submissionId'>,
	reader: { id: number; ip: string | null; why: string }
): AuditEvent {
	return {
		actorId: reader.id,
		action: 'family.viewed',
		recordType: 'family_case',
		recordId: family.reference,
		ip: reader.ip,
		detail: { why: reader.why, submissionId: family.submissionId }
	};
}
