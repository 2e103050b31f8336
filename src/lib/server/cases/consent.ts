import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { consentValidUntil } from '../agenda/consent';
import { consentOnFile, currentConsentId } from '../meeting/consent-gate';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { sendNotices } from '../people/notices';
import type { ConsentKind } from '../platform/schema';
import type { ConsentInput } from './consent-form';
import { toldOfWithdrawal, withdrawalMessage } from './consent-rules';
import { flagOpenActions } from './flagged-actions';
import { itemsOfCase } from './queries';
import { sharingColumns, saveSharing, sharingOf, type SharingOnFile } from './consent-sharing';

/**
 * Consent over time (README, "Case records"): given with the new CAF, renewed (a new version that
 * replaces the one before), withdrawn (when, and who recorded it). The consent gate always checks
 * the current version, so a renewal opens it again and a withdrawal shuts it at once.
 */

const ACTIVE_ITEM_STATUSES = ['submitted', 'accepted', 'deferred'] as const;

export interface ConsentVersion extends Omit<ConsentInput, 'sharing'> {
	/** Who may know about the family, as this version says. */
	sharing: SharingOnFile;
	id: number;
	kind: ConsentKind;
	withdrawnOn: string | null;
	withdrawnByName: string | null;
	recordedByName: string;
	recordedAt: string;
	current: boolean;
	validUntil: string;
}

/** Every version of the case's consent, newest first. */
export async function consentHistory(db: DB, caseId: number): Promise<ConsentVersion[]> {
	const current = await currentConsentId(db, caseId);
	const rows = await db
		.selectFrom('consent')
		.innerJoin('user as recorder', 'recorder.id', 'consent.recorded_by')
		.leftJoin('user as withdrawer', 'withdrawer.id', 'consent.withdrawn_by')
		.select([
			'consent.id',
			'consent.kind',
			'consent.given_by as givenBy',
			'consent.young_person as youngPerson',
			'consent.signed_on as signedOn',
			'consent.covers_mag as coversMag',
			'consent.form_location as formLocation',
			'consent.withdrawn_on as withdrawnOn',
			'withdrawer.name as withdrawnByName',
			'recorder.name as recordedByName',
			'consent.recorded_at as recordedAt'
		])
		.where('consent.case_id', '=', caseId)
		.orderBy('consent.id', 'desc')
		.execute();
	const sharing = await sharingOf(
		db,
		rows.map((row) => row.id)
	);
	return rows.map((row) => ({
		...row,
		sharing: sharing.get(row.id)!,
		coversMag: row.coversMag === 1,
		current: row.id === current,
		validUntil: consentValidUntil(row.signedOn)
	}));
}

/** When the consent on file was signed, or null with none: a withdrawal cannot come before it. */
export async function signedOnFile(db: DB, caseId: number): Promise<string | null> {
	const current = await consentOnFile(db, (await currentConsentId(db, caseId)) ?? null);
	return current?.signedOn ?? null;
}

async function caseOf(db: DB, caseId: number) {
	return db
		.selectFrom('family_case')
		.select(['id', 'reference', 'community_id', 'lead_professional_id', 'status'])
		.where('id', '=', caseId)
		.executeTakeFirstOrThrow();
}

/**
 * Records consent on the case: a renewal when there is consent on file (it replaces it), else
 * consent given. A case withdrawn because consent was withdrawn is open again. One transaction.
 * A post repeating one already recorded (the same `formKey`) adds no second version.
 */
export async function recordConsent(
	db: DB,
	caseId: number,
	input: ConsentInput,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<number> {
	const key = { token: formKey, userId: actor.id, form: `consent:${caseId}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<{ consentId: number }>(trx, key);
		if (earlier) return earlier.consentId;
		const familyCase = await caseOf(trx, caseId);
		const replaces = (await currentConsentId(trx, caseId)) ?? null;
		const stamp = now.toISOString();
		const consent = await trx
			.insertInto('consent')
			.values({
				case_id: caseId,
				kind: replaces === null ? 'given' : 'renewed',
				replaces_consent_id: replaces,
				given_by: input.givenBy,
				young_person: input.youngPerson,
				signed_on: input.signedOn,
				covers_mag: input.coversMag ? 1 : 0,
				...sharingColumns(input.sharing),
				form_location: input.formLocation,
				withdrawn_on: null,
				recorded_by: actor.id,
				recorded_at: stamp
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await saveSharing(trx, consent.id, input.sharing);
		if (familyCase.status === 'withdrawn') await setCaseStatus(trx, caseId, 'open', actor, stamp);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: replaces === null ? 'consent.given' : 'consent.renewed',
				recordType: 'family_case',
				recordId: familyCase.reference,
				ip: actor.ip,
				detail: { consentId: consent.id, replaces }
			},
			now
		);
		await rememberAnswer(trx, key, { consentId: consent.id }, now);
		return consent.id;
	});
}

/** The case's status changes, and its status history says who changed it and when. */
async function setCaseStatus(
	db: DB,
	caseId: number,
	status: 'open' | 'withdrawn',
	actor: Actor,
	stamp: string
) {
	await db.updateTable('family_case').set({ status }).where('id', '=', caseId).execute();
	await db
		.insertInto('case_status_change')
		.values({ case_id: caseId, status, changed_by: actor.id, changed_at: stamp })
		.execute();
}

/** Takes the case's items off every agenda not yet published; returns the items taken off. */
async function takeOffUnpublishedAgendas(db: DB, caseId: number, stamp: string) {
	const unpublished = await itemsOfCase(db, caseId)
		.select(['submission.id', 'submission.submitted_by as submittedBy', 'meeting.date'])
		.where('submission.status', 'in', ACTIVE_ITEM_STATUSES)
		.where('meeting.status', 'in', ['scheduled', 'agenda-open'])
		.execute();
	for (const item of unpublished)
		await db
			.updateTable('submission')
			.set({ status: 'withdrawn', updated_at: stamp })
			.where('id', '=', item.id)
			.execute();
	return unpublished;
}

export type WithdrawalResult =
	| { withdrawn: true; itemsWithdrawn: number[]; actionsFlagged: number[] }
	| { withdrawn: false; reason: string };

/**
 * The family withdraws consent. In one transaction: the current consent is marked withdrawn (so the
 * gate refuses from now on, even on an agenda already published); the case's items come off every
 * agenda not yet published; its open actions wait for the chair's decision; the chairs and the lead
 * professional are told; the case is withdrawn; and it is audited.
 */
export async function withdrawConsent(
	db: DB,
	caseId: number,
	withdrawnOn: string,
	actor: Actor,
	now = new Date()
): Promise<WithdrawalResult> {
	return db.transaction().execute(async (trx) => {
		const familyCase = await caseOf(trx, caseId);
		const consentId = await currentConsentId(trx, caseId);
		if (consentId === undefined) return { withdrawn: false, reason: 'There is no consent on file' };
		const consent = await trx
			.selectFrom('consent')
			.select('withdrawn_on')
			.where('id', '=', consentId)
			.executeTakeFirstOrThrow();
		if (consent.withdrawn_on)
			return { withdrawn: false, reason: 'Consent has already been withdrawn' };
		const stamp = now.toISOString();
		await trx
			.updateTable('consent')
			.set({ withdrawn_on: withdrawnOn, withdrawn_by: actor.id })
			.where('id', '=', consentId)
			.execute();
		const unpublished = await takeOffUnpublishedAgendas(trx, caseId, stamp);
		const actionsFlagged = await flagOpenActions(trx, caseId, stamp);
		await setCaseStatus(trx, caseId, 'withdrawn', actor, stamp);

		const chairs = await trx
			.selectFrom('community_membership')
			.select('user_id')
			.where('community_id', '=', familyCase.community_id)
			.where('role', '=', 'chair')
			.execute();
		const told = toldOfWithdrawal({
			chairs: chairs.map((c) => c.user_id),
			leadProfessionalId: familyCase.lead_professional_id,
			submitters: unpublished.map((item) => item.submittedBy)
		});
		const message = withdrawalMessage({
			reference: familyCase.reference,
			withdrawnOn,
			offAgendas: unpublished.map((item) => item.date),
			openActions: actionsFlagged.length
		});
		for (const userId of told)
			await sendNotices(trx, [{ userId, message, link: `/cases/${caseId}` }], now);
		const itemsWithdrawn = unpublished.map((item) => item.id);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'consent.withdrawn',
				recordType: 'family_case',
				recordId: familyCase.reference,
				ip: actor.ip,
				detail: { consentId, withdrawnOn, itemsWithdrawn, actionsFlagged }
			},
			now
		);
		return { withdrawn: true, itemsWithdrawn, actionsFlagged };
	});
}
