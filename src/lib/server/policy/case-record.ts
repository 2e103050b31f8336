import type { DB } from '../platform/db';
import { appDatabase } from '../platform/app-database';
import { findCase } from '../cases/case-record';
import { itemsOfCase } from '../cases/queries';
import { membershipRole, runsTheMeeting } from '../people/communities';
import { meetingsWhereGateOpened, readingOutsideTheMeeting } from './family';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * Who sees what of a case record (README, "Case records"), decided here for every page and
 * endpoint that returns case data:
 * - `full`: the lead professional, anyone who submitted one of its items, the community's chair,
 *   and its coordinators once the case has passed the consent gate at a meeting and they agreed the
 *   confidentiality statement there (or for this case: `agree-first`);
 * - `agree-first`: a coordinator who has not agreed the statement where the gate opened: the
 *   reference, and the statement to agree for this case before the record opens;
 * - `action-summary`: the owner of an action on the case, once the consent gate opened for the
 *   item it came from: what they need for that action, no family details;
 * - `reference`: any other member of the community;
 * - `null`: administrators and the data protection officer (accounts and the audit log, not
 *   family data), and anyone outside the community.
 */
export type CaseAccess = 'full' | 'agree-first' | 'action-summary' | 'reference';

async function gatePassedForOwner(db: DB, caseId: number, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('action')
		.innerJoin('gate_check', (join) =>
			join
				.onRef('gate_check.meeting_id', '=', 'action.meeting_id')
				.onRef('gate_check.submission_id', '=', 'action.submission_id')
		)
		.select('action.id')
		.where('action.case_id', '=', caseId)
		.where('action.owner_id', '=', userId)
		.where('gate_check.result', '=', 'opened')
		.executeTakeFirst();
	return row !== undefined;
}

export async function caseAccess(
	db: DB,
	userId: number,
	caseId: number
): Promise<CaseAccess | null> {
	const user = await db
		.selectFrom('user')
		.select(['is_administrator', 'is_dpo'])
		.where('id', '=', userId)
		.executeTakeFirst();
	const familyCase = await db
		.selectFrom('family_case')
		.select(['community_id', 'lead_professional_id'])
		.where('id', '=', caseId)
		.executeTakeFirst();
	if (!user || !familyCase) return null;
	if (user.is_administrator === 1 || user.is_dpo === 1) return null;
	if (familyCase.lead_professional_id === userId) return 'full';
	const submitted = await itemsOfCase(db, caseId)
		.select('submission.id')
		.where('submission.submitted_by', '=', userId)
		.executeTakeFirst();
	if (submitted) return 'full';
	const role = await membershipRole(db, userId, familyCase.community_id);
	if (role === 'chair') return 'full';
	// A coordinator sees the family once the MAG has taken the case through the consent gate; before
	// that only the submitter, the lead professional and the chair may (the consent gate's rule).
	if (runsTheMeeting(role)) {
		const opened = await meetingsWhereGateOpened(db, caseId);
		if (opened.length === 0) return 'reference';
		const reading = await readingOutsideTheMeeting(
			db,
			userId,
			// A coordinator runs the MAG the family consented to: the consent covers them.
			{
				caseId,
				communityId: familyCase.community_id,
				consentId: null,
				leadProfessionalId: familyCase.lead_professional_id,
				submittedBy: null
			},
			opened
		);
		return reading === 'allowed' ? 'full' : 'agree-first';
	}
	if (await gatePassedForOwner(db, caseId, userId)) return 'action-summary';
	return role ? 'reference' : null;
}

/** Everyone opening a case record goes through here: `caseAccess` decides what they get. */
export async function requireCase(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const caseId = recordId(id);
	const { db } = appDatabase();
	const found = (await findCase(db, caseId)) ?? notFound();
	const access = await caseAccess(db, user.id, caseId);
	if (!access) refuse('Only the members of this MAG who work with the family can see this case');
	return { user, caseId, found, access, db };
}

/** Changing the case (consent, withdrawal) is for those who see it in full. */
export async function requireFullCase(locals: App.Locals, id: string) {
	const found = await requireCase(locals, id);
	if (found.access !== 'full')
		refuse('Only the lead professional, the submitter and the chair can change this case');
	return found;
}

/** The chair, a coordinator or the lead professional hands a case over. */
export async function mayHandOver(db: DB, userId: number, caseId: number): Promise<boolean> {
	const familyCase = await db
		.selectFrom('family_case')
		.select(['community_id', 'lead_professional_id'])
		.where('id', '=', caseId)
		.executeTakeFirst();
	if (!familyCase) return false;
	if (familyCase.lead_professional_id === userId) return true;
	return runsTheMeeting(await membershipRole(db, userId, familyCase.community_id));
}

export function refuseHandOver(): never {
	refuse('Only the chair, a coordinator or the lead professional can hand a case over');
}

/** After consent is withdrawn, the chair alone decides whether the case's open actions go on. */
export async function requireCaseChair(locals: App.Locals, id: string) {
	const found = await requireCase(locals, id);
	if ((await membershipRole(found.db, found.user.id, found.found.communityId)) !== 'chair')
		refuse('Only the chair decides on actions after consent is withdrawn');
	return found;
}
