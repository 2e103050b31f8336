import type { DB } from '../platform/db';
import { textField } from '../http/forms';
import { formKeyField } from '../http/form-keys';
import { readItemForm, type ShownAgain } from './item-form';
import { createNewCaf } from './new-caf';
import { readNewCafForm } from './new-caf-form';
import { readReviewForm } from './review-form';
import { reviewableCase, reviewChoices } from './review-rules';
import { casesLedBy, createReview, membersOf, readCaseForReview } from './reviews';
import { needsOf } from '../cases/queries';
import { createSubmission } from './submissions';
import { todayInEngland } from '../../dates';

/**
 * The "add an item" page: someone brings an item of one of the four parts to a meeting whose
 * submission window is open for them (the policy has checked, and said whether it is late).
 */

/** The person bringing an item, and the meeting it is for. */
export interface Bringer {
	userId: number;
	meeting: { id: number; date: string; communityId: number; communityName: string };
	late: boolean;
}

/** What a submission answers: the new item, or the form shown again with what is wrong. */
export type SubmitAnswer = { ok: true; submissionId: number } | { ok: false; data: ShownAgain };

/** The draft a new CAF's form was opened from (`draftId`), if any. */
export function draftIdField(form: FormData): number | null {
	const id = Number(textField(form, 'draftId'));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The agency the person works for: the item is brought on its behalf. */
async function agencyOf(db: DB, userId: number): Promise<number | null> {
	const user = await db
		.selectFrom('user')
		.select('agency_id')
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	return user.agency_id;
}

/**
 * An advice request or community issue (parts 1 and 4, screened as anonymous), or a new CAF
 * (part 2, with consent for this meeting), from the posted form. "Submit the item" sent twice
 * adds one item (the form's key).
 */
export async function submitItem(
	db: DB,
	bringer: Bringer,
	part: 1 | 2 | 4,
	form: FormData,
	ip: string | null,
	today = todayInEngland()
): Promise<SubmitAnswer> {
	const { meeting, userId, late } = bringer;
	const agencyId = await agencyOf(db, userId);
	if (part === 2) {
		const caf = readNewCafForm(form, meeting.date, today);
		if (!caf.input)
			return {
				ok: false,
				data: { values: caf.values, errors: caf.errors, consentRefused: caf.consentRefused }
			};
		const created = await createNewCaf(
			db,
			{
				meetingId: meeting.id,
				communityId: meeting.communityId,
				communityName: meeting.communityName,
				submittedBy: userId,
				agencyId,
				late,
				// A case is numbered within its community and the year of the meeting it first comes to.
				year: meeting.date.slice(0, 4),
				draftId: draftIdField(form)
			},
			caf.input,
			ip,
			new Date(),
			formKeyField(form)
		);
		return { ok: true, submissionId: created.submissionId };
	}
	const { values, errors, content } = readItemForm(form, part);
	if (Object.keys(errors).length > 0) return { ok: false, data: { values, errors } };
	const submissionId = await createSubmission(
		db,
		{ meetingId: meeting.id, submittedBy: userId, agencyId, late, content },
		ip,
		new Date(),
		formKeyField(form)
	);
	return { ok: true, submissionId };
}

/**
 * The cases this person may bring for review at this meeting (open, theirs, in this MAG), and
 * those whose review is already waiting for a meeting.
 */
export async function reviewChoicesFor(db: DB, bringer: Pick<Bringer, 'userId' | 'meeting'>) {
	return reviewChoices(await casesLedBy(db, bringer.userId, bringer.meeting.communityId));
}

/** The case (by its id from the form or address) if this person may review it now. */
export async function reviewableCaseFor(
	db: DB,
	bringer: Pick<Bringer, 'userId' | 'meeting'>,
	caseId: string | null
) {
	return reviewableCase(await casesLedBy(db, bringer.userId, bringer.meeting.communityId), caseId);
}

/** The first step of a review: the case chosen, or the form shown again. */
export async function chooseReviewCase(
	db: DB,
	bringer: Pick<Bringer, 'userId' | 'meeting'>,
	form: FormData
): Promise<{ ok: true; caseId: number } | { ok: false; data: ShownAgain }> {
	const chosen = await reviewableCaseFor(db, bringer, textField(form, 'case'));
	if (!chosen)
		return {
			ok: false,
			data: { values: {}, errors: { case: 'Choose the case you want to review' } }
		};
	return { ok: true, caseId: chosen.id };
}

/**
 * The case's needs and open actions as the review step shows them to its lead professional
 * (read through readCaseForReview, so the read is logged); undefined for no such case.
 */
export async function caseForReview(db: DB, caseId: number, reader: { id: number; ip: string }) {
	const details = await readCaseForReview(db, caseId, {
		...reader,
		why: 'lead professional writing a review'
	});
	return (
		details && {
			id: details.id,
			reference: details.reference,
			initials: details.initials,
			needs: details.needs.map((need) => ({
				description: need.description,
				forName: need.forName
			})),
			members: details.members,
			openActions: details.openActions
		}
	);
}

/** A review (part 3) of a case the policy found this person may review now, from the form. */
export async function submitReview(
	db: DB,
	bringer: Bringer,
	caseId: number,
	form: FormData,
	ip: string | null
): Promise<SubmitAnswer> {
	const agencyId = await agencyOf(db, bringer.userId);
	const review = readReviewForm(
		form,
		await needsOf(db, caseId, { open: true }),
		await membersOf(db, caseId)
	);
	if (!review.input) return { ok: false, data: { values: review.values, errors: review.errors } };
	const created = await createReview(
		db,
		{
			meetingId: bringer.meeting.id,
			caseId,
			submittedBy: bringer.userId,
			agencyId,
			late: bringer.late
		},
		review.input,
		ip
	);
	return { ok: true, submissionId: created.submissionId };
}
