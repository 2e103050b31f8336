import type { DB } from '../platform/db';
import {
	sharingColumns,
	saveSharing,
	sharingOf,
	type ConsentSharing
} from '../cases/consent-sharing';
import type { NeedDomain } from '../platform/schema';
import type { Actor } from '../audit/log';
import { readFamily } from '../meeting/consent-gate';
import type { SaveResult } from '../meeting/outcomes';
import { deleteCafDraft } from './caf-drafts';
import { saveItemVersion } from './item-versions';
import { caseInitials, nextReference, referencePrefix } from './new-caf-rules';
import { isWithdrawable, newItemKey } from './submission-rules';
import { addOnce, insertSubmission } from './submissions';

/**
 * The store of new CAFs (part 2): the case, its family and needs, the consent and the item, each
 * save in one transaction with its audit entry; and the family read back, each read logged.
 */

export interface FamilyMemberInput {
	row: number;
	name: string;
	dateOfBirth: string;
	relationship: string;
	setting: string | null;
	isChild: boolean;
}

export interface NewCafInput {
	members: FamilyMemberInput[];
	needs: { memberRow: number; description: string; domain: NeedDomain }[];
	cafDate: string;
	wayIn: string;
	levelOfNeed: string;
	consent: {
		givenBy: string;
		youngPerson: 'yes' | 'no' | 'not-of-age';
		signedOn: string;
		coversMag: boolean;
		sharing: ConsentSharing;
		formLocation: string;
	};
}

/** Writes the family members and their needs; each need points at its member's new row. */
async function insertFamily(db: DB, caseId: number, input: Pick<NewCafInput, 'members' | 'needs'>) {
	const memberIds = new Map<number, number>();
	for (const member of input.members) {
		const row = await db
			.insertInto('family_member')
			.values({
				case_id: caseId,
				name: member.name,
				date_of_birth: member.dateOfBirth,
				relationship: member.relationship,
				setting: member.setting,
				is_child: member.isChild ? 1 : 0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		memberIds.set(member.row, row.id);
	}
	for (const need of input.needs) {
		const memberId = memberIds.get(need.memberRow);
		if (memberId === undefined)
			throw new Error(`A need is for family member ${need.memberRow}, who is not in the family`);
		await db
			.insertInto('need')
			.values({
				case_id: caseId,
				family_member_id: memberId,
				description: need.description,
				domain: need.domain
			})
			.execute();
	}
}

/** The consent as its table keeps it, recorded by this person at this moment (the agencies named:
 * `saveSharing`, once the row is written). */
function consentColumns(consent: NewCafInput['consent'], recordedBy: number, recordedAt: string) {
	return {
		given_by: consent.givenBy,
		young_person: consent.youngPerson,
		signed_on: consent.signedOn,
		covers_mag: consent.coversMag ? 1 : 0,
		...sharingColumns(consent.sharing),
		form_location: consent.formLocation,
		recorded_by: recordedBy,
		recorded_at: recordedAt
	};
}

/** The CAF's own facts as the new_caf table keeps them. */
function cafColumns(input: NewCafInput) {
	return { caf_date: input.cafDate, way_in: input.wayIn, level_of_need: input.levelOfNeed };
}

/** The next free case reference with this prefix: the one after the last taken (nextReference). */
export async function nextCaseReference(db: DB, prefix: string): Promise<string> {
	const last = await db
		.selectFrom('family_case')
		.select('reference')
		.where('reference', 'like', `${prefix}%`)
		.orderBy('reference', 'desc')
		.limit(1)
		.executeTakeFirst();
	return nextReference(prefix, last?.reference);
}

/**
 * Creates the case, its family, needs and consent, and the part 2 item: all in one transaction. A
 * post repeating one already saved (the same `formKey`) opens no second case and returns the first.
 */
export async function createNewCaf(
	db: DB,
	context: {
		meetingId: number;
		communityId: number;
		communityName: string;
		submittedBy: number;
		agencyId: number | null;
		late: boolean;
		year: string;
		/** The author's draft this CAF was finished from: deleted with the submission. */
		draftId?: number | null;
	},
	input: NewCafInput,
	ip: string | null,
	now = new Date(),
	formKey: string | null = null
): Promise<{ submissionId: number; reference: string }> {
	const key = newItemKey(context.meetingId, 2, context.submittedBy, formKey);
	return addOnce(db, key, now, async (trx) => {
		const reference = await nextCaseReference(
			trx,
			referencePrefix(context.communityName, context.year)
		);
		const stamp = now.toISOString();
		const familyCase = await trx
			.insertInto('family_case')
			.values({
				reference,
				community_id: context.communityId,
				initials: caseInitials(input.members),
				created_by: context.submittedBy,
				created_at: stamp
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await insertFamily(trx, familyCase.id, input);
		const consent = await trx
			.insertInto('consent')
			.values({
				case_id: familyCase.id,
				...consentColumns(input.consent, context.submittedBy, stamp),
				withdrawn_on: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await saveSharing(trx, consent.id, input.consent.sharing);
		const submission = await insertSubmission(
			trx,
			{ ...context, part: 2 },
			{
				actor: { id: context.submittedBy, ip },
				detail: { part: 2, reference, meetingId: context.meetingId }
			},
			now
		);
		await trx
			.insertInto('new_caf')
			.values({
				submission_id: submission.id,
				case_id: familyCase.id,
				consent_id: consent.id,
				...cafColumns(input)
			})
			.execute();
		if (context.draftId)
			await deleteCafDraft(trx, { id: context.submittedBy, ip }, context.draftId, now);
		return { submissionId: submission.id, reference };
	});
}

/** The family's details for the submitter or chair; each read is audited (who, which family, why). */
export async function readNewCaf(
	db: DB,
	submissionId: number,
	reader: { id: number; ip: string | null; why: string }
) {
	const caf = await db
		.selectFrom('new_caf')
		.innerJoin('family_case', 'family_case.id', 'new_caf.case_id')
		.innerJoin('consent', 'consent.id', 'new_caf.consent_id')
		.select([
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'new_caf.caf_date as cafDate',
			'new_caf.way_in as wayIn',
			'new_caf.level_of_need as levelOfNeed',
			'consent.given_by as givenBy',
			'consent.young_person as youngPerson',
			'consent.signed_on as signedOn',
			'consent.covers_mag as coversMag',
			'consent.id as consentId',
			'consent.form_location as formLocation'
		])
		.where('new_caf.submission_id', '=', submissionId)
		.executeTakeFirst();
	if (!caf) return undefined;
	const sharing = (await sharingOf(db, [caf.consentId])).get(caf.consentId)!;
	const { members, needs } = await readFamily(
		db,
		{ caseId: caf.caseId, reference: caf.reference, submissionId },
		reader
	);
	return { ...caf, coversMag: caf.coversMag === 1, sharing, members, needs };
}

/**
 * Saves the submitter's changes to a new CAF in one transaction: the family and needs are replaced
 * (nothing refers to them before the meeting discusses the item), the initials follow the first
 * child, and the consent and CAF are updated. The case reference never changes. Changes nothing,
 * and says why, if the item can no longer be changed (`closed`: the agenda may have been
 * published since the page checked) or if someone saved it since the form was loaded with
 * `version` (`conflict`: the caller keeps the user's text).
 */
export async function updateNewCaf(
	db: DB,
	submissionId: number,
	input: NewCafInput,
	version: number | null,
	actor: Actor,
	now = new Date()
): Promise<SaveResult | { saved: false; closed: true }> {
	return db.transaction().execute(async (trx) => {
		const item = await trx
			.selectFrom('new_caf')
			.innerJoin('submission', 'submission.id', 'new_caf.submission_id')
			.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
			.innerJoin('family_case', 'family_case.id', 'new_caf.case_id')
			.select([
				'new_caf.case_id as caseId',
				'new_caf.consent_id as consentId',
				'family_case.reference',
				'submission.status',
				'meeting.status as meetingStatus'
			])
			.where('new_caf.submission_id', '=', submissionId)
			.executeTakeFirstOrThrow();
		if (!isWithdrawable(item)) return { saved: false, closed: true } as const;
		const change = { submissionId, version, actor, detail: { part: 2, reference: item.reference } };
		return saveItemVersion(
			trx,
			change,
			async () => {
				await trx.deleteFrom('need').where('case_id', '=', item.caseId).execute();
				await trx.deleteFrom('family_member').where('case_id', '=', item.caseId).execute();
				await insertFamily(trx, item.caseId, input);
				await trx
					.updateTable('family_case')
					.set({ initials: caseInitials(input.members) })
					.where('id', '=', item.caseId)
					.execute();
				await trx
					.updateTable('consent')
					.set(consentColumns(input.consent, actor.id, now.toISOString()))
					.where('id', '=', item.consentId)
					.execute();
				await saveSharing(trx, item.consentId, input.consent.sharing);
				await trx
					.updateTable('new_caf')
					.set(cafColumns(input))
					.where('submission_id', '=', submissionId)
					.execute();
			},
			now
		);
	});
}
