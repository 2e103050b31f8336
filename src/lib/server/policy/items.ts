import { appDatabase } from '../platform/app-database';
import { membershipRole, runsTheMeeting } from '../people/communities';
import { familyOfItem } from '../meeting/consent-gate';
import { findSubmission } from '../agenda/submissions';
import { mayIdentify } from './family';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * An item's own page: the submitter, the case's lead professional and the community's chair and
 * coordinators open it; which of them sees the family is `mayIdentify`'s to say (a coordinator sees
 * the reference and initials).
 */
export async function requireItemReader(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const itemId = recordId(id);
	const { db } = appDatabase();
	const item = (await findSubmission(db, itemId)) ?? notFound();
	const isSubmitter = item.submittedBy === user.id;
	const role = await membershipRole(db, user.id, item.communityId);
	const family = await familyOfItem(db, item.id);
	const isLead = family?.leadProfessionalId === user.id;
	if (!isSubmitter && !isLead && !runsTheMeeting(role))
		refuse(
			'Only the person who submitted this item, its lead professional and the chair can see it'
		);
	const identifies = family ? await mayIdentify(db, user.id, family, { kind: 'item-page' }) : false;
	return {
		user,
		item,
		isSubmitter,
		isChair: role === 'chair',
		identifies,
		caseId: family?.caseId ?? null
	};
}

/** Changing an item, or a review's needs, is for the person who submitted it. */
export async function requireItemSubmitter(
	locals: App.Locals,
	id: string,
	what: 'item' | 'review'
) {
	const access = await requireItemReader(locals, id);
	if (!access.isSubmitter || (what === 'review' && access.item.part !== 3))
		refuse(
			what === 'review'
				? 'Only the lead professional who brings a review can change it'
				: 'Only the person who submitted this item can change it'
		);
	return access;
}
