import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer, type FormKey } from '../http/form-keys';
import { membershipRole } from '../people/communities';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { sendNotices } from '../people/notices';
import { TEXT_LIMITS } from '../../domain/text-limits';

/** The members of the case's community a case can go to (everyone but its lead professional). */
export async function possibleLeads(db: DB, caseId: number) {
	return db
		.selectFrom('family_case')
		.innerJoin(
			'community_membership',
			'community_membership.community_id',
			'family_case.community_id'
		)
		.innerJoin('user', 'user.id', 'community_membership.user_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select(['user.id', 'user.name', 'agency.name as agency'])
		.where('family_case.id', '=', caseId)
		.where('user.disabled_at', 'is', null)
		.where((eb) =>
			eb.or([
				eb('family_case.lead_professional_id', 'is', null),
				eb('user.id', '!=', eb.ref('family_case.lead_professional_id'))
			])
		)
		.orderBy('user.name')
		.execute();
}

/** A hand-over form's key (form-keys.ts): this person's post about this case. */
export function handOverKey(caseId: number, userId: number, token: string | null): FormKey {
	return { token, userId, form: `hand-over:${caseId}` };
}

/**
 * Reads the hand-over form: who to, and why. The reason is kept on the case record, which only
 * those who may see the family read, so it is not screened, only limited.
 */
export function readHandOverForm(form: FormData) {
	const values = { toUserId: textField(form, 'toUserId'), reason: textField(form, 'reason') };
	const errors: FieldErrors = {};
	if (!values.toUserId) errors.toUserId = 'Choose the new lead professional';
	const problem = freeTextProblem(values.reason, {
		missing: 'Enter why the case is being handed over',
		limit: TEXT_LIMITS.reason,
		label: 'The reason'
	});
	if (problem) errors.reason = problem;
	const input =
		Object.keys(errors).length === 0
			? { toUserId: Number(values.toUserId), reason: values.reason }
			: null;
	return { values, errors, input };
}

/**
 * Whether this person's hand-over post was already saved (the same `formKey`): a lead
 * professional's own hand-over sent again no longer leads the case, so the repeat is answered as
 * the first was before anyone asks whether they may hand it over.
 */
export async function alreadyHandedOver(
	db: DB,
	caseId: number,
	userId: number,
	formKey: string | null
): Promise<boolean> {
	return Boolean(await earlierAnswer<true>(db, handOverKey(caseId, userId, formKey)));
}

/**
 * Hands the case to another lead professional: one transaction that records who, to whom, why and
 * by whom, changes the lead professional, tells both of them and is audited. The new lead
 * professional then accepts it (acknowledgeHandOver). The caller has checked mayHandOver. A post
 * repeating one already saved (the same `formKey`) hands nothing over again and answers as the
 * first did, rather than "choose someone other than the current lead professional".
 */
export async function handOverCase(
	db: DB,
	caseId: number,
	toUserId: number,
	reason: string,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<{ handedOver: true } | { handedOver: false; error: string }> {
	const key = handOverKey(caseId, actor.id, formKey);
	return db.transaction().execute(async (trx) => {
		if (await earlierAnswer<true>(trx, key)) return { handedOver: true } as const;
		const familyCase = await trx
			.selectFrom('family_case')
			.select(['reference', 'community_id', 'lead_professional_id'])
			.where('id', '=', caseId)
			.executeTakeFirstOrThrow();
		if (toUserId === familyCase.lead_professional_id)
			return {
				handedOver: false,
				error: 'Choose someone other than the current lead professional'
			};
		if (!(await membershipRole(trx, toUserId, familyCase.community_id)))
			return { handedOver: false, error: 'Choose a member of this MAG' };
		const stamp = now.toISOString();
		await trx
			.insertInto('lead_professional_change')
			.values({
				case_id: caseId,
				from_user_id: familyCase.lead_professional_id,
				to_user_id: toUserId,
				reason,
				changed_by: actor.id,
				changed_at: stamp,
				acknowledged_at: null
			})
			.execute();
		await trx
			.updateTable('family_case')
			.set({ lead_professional_id: toUserId })
			.where('id', '=', caseId)
			.execute();
		const link = `/cases/${caseId}`;
		const told = [
			{
				userId: toUserId,
				message: `${familyCase.reference} has been handed over to you as lead professional: please accept it`
			}
		];
		if (familyCase.lead_professional_id !== null)
			told.push({
				userId: familyCase.lead_professional_id,
				message: `${familyCase.reference} has been handed over to another lead professional`
			});
		for (const notice of told)
			await sendNotices(trx, [{ userId: notice.userId, message: notice.message, link }], now);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'case.handed-over',
				recordType: 'family_case',
				recordId: familyCase.reference,
				ip: actor.ip,
				detail: { from: familyCase.lead_professional_id, to: toUserId }
			},
			now
		);
		await rememberAnswer(trx, key, true, now);
		return { handedOver: true } as const;
	});
}

/** The new lead professional accepts a hand-over made to them; false if it is not theirs. */
export async function acknowledgeHandOver(
	db: DB,
	changeId: number,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const change = await trx
			.selectFrom('lead_professional_change')
			.innerJoin('family_case', 'family_case.id', 'lead_professional_change.case_id')
			.select(['family_case.reference', 'lead_professional_change.to_user_id as toUserId'])
			.where('lead_professional_change.id', '=', changeId)
			.where('lead_professional_change.acknowledged_at', 'is', null)
			.executeTakeFirst();
		if (!change || change.toUserId !== actor.id) return false;
		await trx
			.updateTable('lead_professional_change')
			.set({ acknowledged_at: now.toISOString() })
			.where('id', '=', changeId)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'case.hand-over-accepted',
				recordType: 'family_case',
				recordId: change.reference,
				ip: actor.ip,
				detail: { changeId }
			},
			now
		);
		return true;
	});
}
