import type { DB } from '../platform/db';
import type { Actor } from '../audit/log';
import { textField, versionField } from '../http/forms';
import { readItemForm, type ShownAgain } from './item-form';
import { staleSaveMessage } from './item-versions';
import { updateNewCaf } from './new-caf';
import { readNewCafForm } from './new-caf-form';
import { readReviewForm } from './review-form';
import { needsOfReview, updateReview } from './reviews';
import { isEditable, isWithdrawable } from './submission-rules';
import { updateSubmission, withdrawSubmission, type SubmissionDetail } from './submissions';
import { todayInEngland } from '../../dates';

/**
 * The submitter's changes from an item's own page, until the agenda is published: an advice
 * request or community issue, a new CAF, a review's needs; and withdrawing the item. Each takes
 * the posted form and answers what the page shows next.
 */

/** What a change form's save answers: saved; refused with what to show again; or too late. */
export type ChangeAnswer =
	| { saved: true }
	| { saved: false; status: 400 | 409; data: ShownAgain }
	| { saved: false; closed: string };

const PUBLISHED = 'This item can no longer be changed: the agenda has been published';

const closed = (message: string): ChangeAnswer => ({ saved: false, closed: message });

/**
 * The refusal of a save from a page loaded before the item's last save. It goes on the form's
 * first field of text, and everything typed is sent back with the version it was loaded from, so
 * saving again from there is refused again until the page is reloaded and the saved text checked.
 */
function staleSave(
	what: 'item' | 'review',
	field: string,
	values: Record<string, string>
): ChangeAnswer {
	return {
		saved: false,
		status: 409,
		data: { values, errors: { [field]: staleSaveMessage(what) } }
	};
}

/** The submitter's change to an advice request or community issue (parts 1 and 4). */
export async function changeItem(
	db: DB,
	item: SubmissionDetail,
	form: FormData,
	actor: Actor
): Promise<ChangeAnswer> {
	if (!isEditable(item)) return closed(PUBLISHED);
	if (!item.content) return closed('This item cannot be changed here');
	const part = item.content.part;
	const read = readItemForm(form, part);
	const values = { ...read.values, version: textField(form, 'version') };
	if (Object.keys(read.errors).length > 0)
		return { saved: false, status: 400, data: { values, errors: read.errors } };
	const result = await updateSubmission(
		db,
		item,
		read.content,
		versionField(form),
		actor.id,
		actor.ip
	);
	if (!result.saved) return staleSave('item', part === 1 ? 'setting' : 'title', values);
	return { saved: true };
}

/**
 * The submitter's change to a new CAF (part 2), under the same rules as at submission: the
 * consent must still allow part 2 at this meeting.
 */
export async function changeNewCaf(
	db: DB,
	item: SubmissionDetail,
	form: FormData,
	actor: Actor,
	today = todayInEngland()
): Promise<ChangeAnswer> {
	if (!isEditable(item)) return closed(PUBLISHED);
	if (item.part !== 2) return closed('Only a new CAF is changed with this form');
	const caf = readNewCafForm(form, item.meetingDate, today);
	if (!caf.input)
		return {
			saved: false,
			status: 400,
			data: { values: caf.values, errors: caf.errors, consentRefused: caf.consentRefused }
		};
	const result = await updateNewCaf(db, item.id, caf.input, versionField(form), actor);
	if ('closed' in result) return closed(PUBLISHED);
	if (!result.saved) return staleSave('item', 'member-1-name', caf.values);
	return { saved: true };
}

/** The lead professional gives or changes each need's status and progress until publication. */
export async function changeReview(
	db: DB,
	item: SubmissionDetail,
	form: FormData,
	actor: Actor
): Promise<ChangeAnswer> {
	if (!isWithdrawable(item))
		return closed('This review can no longer be changed: the agenda has been published');
	const read = readReviewForm(form, await needsOfReview(db, item.id));
	const values = { ...read.values, version: textField(form, 'version') };
	if (!read.input) return { saved: false, status: 400, data: { values, errors: read.errors } };
	const result = await updateReview(db, item.id, read.input, versionField(form), actor);
	if (!result.saved) return staleSave('review', 'need-1-progress', values);
	return { saved: true };
}

/** Its submitter withdraws an item, until the agenda is published. */
export async function withdrawItem(
	db: DB,
	access: { item: SubmissionDetail; isSubmitter: boolean },
	actor: Actor
): Promise<{ withdrawn: true } | { withdrawn: false; closed: string }> {
	if (!access.isSubmitter || !isWithdrawable(access.item))
		return { withdrawn: false, closed: 'This item can no longer be withdrawn' };
	await withdrawSubmission(db, access.item.id, actor.id, actor.ip);
	return { withdrawn: true };
}
