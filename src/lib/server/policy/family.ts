import type { DB } from '../platform/db';
import { membershipRole, runsTheMeeting } from '../people/communities';
import { gateState, type ItemFamily } from '../meeting/consent-gate';
import { consentCoversAgency } from '../cases/consent-sharing';
import type { findOutcome } from '../meeting/outcomes';
import { hasConfirmed } from './meeting';

/**
 * Who may see a family's identity (names, ages, needs, history) and anything said about them at a
 * meeting (the note of the discussion, the support agreed, each need's progress). The consent
 * gate's rule (docs/domain.md, "Rules that the software must hold"), asked by every page, download and
 * endpoint:
 * - on the item's own page, before and outside the meeting: the submitter, the case's lead
 *   professional and the community's chair;
 * - in the meeting (and its minutes): only once the gate has opened at that meeting, only for
 *   someone the register has present who agreed the confidentiality statement there, and only if
 *   the family's consent covers them (`consentCovers`);
 * - anywhere else outside the meeting (an action's owner, a coordinator on the case record): see
 *   `readingOutsideTheMeeting`.
 */
export type IdentityPlace = { kind: 'item-page' } | { kind: 'meeting'; meetingId: number };

export async function mayIdentify(
	db: DB,
	userId: number,
	family: ItemFamily,
	place: IdentityPlace
): Promise<boolean> {
	if (place.kind === 'item-page') {
		if (family.submittedBy === userId || family.leadProfessionalId === userId) return true;
		return (await membershipRole(db, userId, family.communityId)) === 'chair';
	}
	return (await identityInMeeting(db, userId, family, place.meetingId)) === 'identified';
}

/**
 * Whether this reader sees the family in the meeting, or why not, so the room can tell them:
 * the gate is not open, they have not agreed the confidentiality statement, or the family's
 * consent does not cover their agency.
 */
export type MeetingIdentity = 'identified' | 'gate-shut' | 'not-confirmed' | 'agency-not-covered';

export async function identityInMeeting(
	db: DB,
	userId: number,
	family: ItemFamily,
	meetingId: number
): Promise<MeetingIdentity> {
	const gate = await gateState(db, meetingId, family.submissionId);
	if (gate.state !== 'opened') return 'gate-shut';
	if (!(await hasConfirmed(db, meetingId, userId))) return 'not-confirmed';
	return (await consentCovers(db, userId, family)) ? 'identified' : 'agency-not-covered';
}

/** What consent coverage needs to know of the family: its consent and who works with it. */
export type CoveredFamily = Pick<ItemFamily, 'consentId' | 'communityId' | 'leadProfessionalId'> & {
	submittedBy: number | null;
};

/**
 * Whether the family's consent covers this person (docs/domain.md, "Consent that says who may
 * know"). Those who bring the family and lead its support (the item's submitter, the lead
 * professional) and the MAG's organisers (its chair and coordinators: the MAG is what the family
 * consented to) always; anyone else only if the consent covers all agencies at the MAG or names
 * their agency.
 */
export async function consentCovers(
	db: DB,
	userId: number,
	family: CoveredFamily
): Promise<boolean> {
	if (family.submittedBy === userId || family.leadProfessionalId === userId) return true;
	if (runsTheMeeting(await membershipRole(db, userId, family.communityId))) return true;
	return consentCoversAgency(db, family.consentId, userId);
}

/**
 * Reading a family's details outside the meeting, after its gate opened (our rule, in the README's
 * "Who sees what"): the reader must be a member of that MAG whom the consent covers
 * (`consentCovers`), and must either have agreed the confidentiality statement at a meeting where
 * the gate opened for the case, or agree it now, for this case.
 * - `allowed`: all hold;
 * - `agree-first`: covered, but has not agreed: shown the statement to agree for this case;
 * - `not-covered`: not a member of the MAG: reference and initials only;
 * - `agency-not-covered`: a member, but the family's consent does not cover their agency:
 *   reference and initials only, and told why.
 */
export type OutsideReading = 'allowed' | 'agree-first' | 'not-covered' | 'agency-not-covered';

export async function readingOutsideTheMeeting(
	db: DB,
	userId: number,
	familyCase: CoveredFamily & { caseId: number },
	gateOpenedAt: number[]
): Promise<OutsideReading> {
	if (!(await membershipRole(db, userId, familyCase.communityId))) return 'not-covered';
	if (!(await consentCovers(db, userId, familyCase))) return 'agency-not-covered';
	if (gateOpenedAt.length > 0) {
		const agreedThere = await db
			.selectFrom('attendance')
			.select('id')
			.where('meeting_id', 'in', gateOpenedAt)
			.where('user_id', '=', userId)
			.where('status', '=', 'present')
			.where('confirmed_at', 'is not', null)
			.executeTakeFirst();
		if (agreedThere) return 'allowed';
	}
	const agreedForCase = await db
		.selectFrom('case_confidentiality')
		.select('id')
		.where('case_id', '=', familyCase.caseId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return agreedForCase ? 'allowed' : 'agree-first';
}

/** The meetings at which the gate opened for any item about this case. */
export async function meetingsWhereGateOpened(db: DB, caseId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('gate_check')
		.innerJoin('submission', 'submission.id', 'gate_check.submission_id')
		.leftJoin('new_caf', 'new_caf.submission_id', 'submission.id')
		.leftJoin('review', 'review.submission_id', 'submission.id')
		.select('gate_check.meeting_id as meetingId')
		.distinct()
		.where('gate_check.result', '=', 'opened')
		.where((eb) => eb.or([eb('new_caf.case_id', '=', caseId), eb('review.case_id', '=', caseId)]))
		.execute();
	return rows.map((row) => row.meetingId);
}

/**
 * An outcome as a reader may see it. For a family item (not taken anonymously as advice) that the
 * reader may not identify, nothing of the discussion: not the note, the decision, the responding
 * agency or the level of need; only that an outcome is recorded, who leads the case and when it
 * comes back, which the action list tells every member anyway.
 */
export function outcomeForReader(
	outcome: Outcome | undefined,
	familyItem: boolean,
	identified: boolean
): ReaderOutcome | null {
	if (!outcome) return null;
	if (!familyItem || outcome.takenAsAdvice === 1 || identified)
		return { ...outcome, withheld: false };
	return {
		withheld: true,
		leadProfessionalName: outcome.leadProfessionalName,
		nextReviewDate: outcome.nextReviewDate
	};
}

type Outcome = NonNullable<Awaited<ReturnType<typeof findOutcome>>>;
export type ReaderOutcome =
	| (Outcome & { withheld: false })
	| { withheld: true; leadProfessionalName: string | null; nextReviewDate: string | null };
