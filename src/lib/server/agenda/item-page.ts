import type { DB } from '../platform/db';
import { listAgencies } from '../people/users';
import { readNewCaf } from './new-caf';
import { newCafFormValues, newCafOptions } from './new-caf-form';
import { readReview, reviewedCase } from './reviews';
import { isEditable, isWithdrawable } from './submission-rules';
import type { SubmissionDetail } from './submissions';

/** Who is reading an item, as the policy found them (policy/items.ts, `requireItemReader`). */
export interface ItemReader {
	user: { id: number };
	item: SubmissionDetail;
	isSubmitter: boolean;
	isChair: boolean;
	/** Whether this reader may see the family (the policy's `mayIdentify`). */
	identifies: boolean;
	caseId: number | null;
}

/**
 * Why this reader reads the family's details, for the audit log. Outside the meeting a family's
 * details are for the submitter, the lead professional and the chair only (docs/domain.md); a
 * coordinator sees the reference and initials.
 */
export function whyReading(reader: Pick<ItemReader, 'isSubmitter' | 'isChair'>): string {
	if (reader.isSubmitter) return 'submitter reading their own item';
	if (reader.isChair) return 'chair preparing the agenda';
	return 'lead professional of the case';
}

/**
 * What an item's own page shows this reader: the item, the family or review if they may see it
 * (each read logged), and what they may still change.
 */
export async function readItemPage(db: DB, access: ItemReader, ip: string | null) {
	const { user, item, isSubmitter, identifies, caseId } = access;
	const reader = { id: user.id, ip, why: whyReading(access) };
	const family = item.part === 2 && identifies ? await readNewCaf(db, item.id, reader) : null;
	const review = item.part === 3 && identifies ? await readReview(db, item.id, reader) : null;
	const canChange = isSubmitter && isEditable(item);
	return {
		item,
		caseId,
		family,
		canChange,
		// The part 2 form starts from what is stored, read through readNewCaf above (so it is logged).
		newCaf:
			canChange && family
				? { values: newCafFormValues(family), options: newCafOptions(await listAgencies(db)) }
				: null,
		review,
		reviewedCase: item.part === 3 ? await reviewedCase(db, item.id) : null,
		canChangeReview: item.part === 3 && isSubmitter && isWithdrawable(item),
		canWithdraw: isSubmitter && isWithdrawable(item)
	};
}
