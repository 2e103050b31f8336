import type { DB } from '../platform/db';
import { appDatabase } from '../platform/app-database';
import { findAction, type ActionSummary } from '../actions/my-actions';
import { mayReopen } from '../actions/reopen-rules';
import { membershipRole, runsTheMeeting } from '../people/communities';
import { familyOfItem, gateState, type ItemFamily } from '../meeting/consent-gate';
import { readingOutsideTheMeeting, type OutsideReading } from './family';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * One action: its owner and the community's MAG members see it (the action list is published to
 * them, by reference); the owner, the chair and coordinators update it.
 */
export async function requireActionReader(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const { db } = appDatabase();
	const action = (await findAction(db, recordId(id))) ?? notFound();
	if (action.ownerId !== user.id && !(await membershipRole(db, user.id, action.communityId)))
		refuse('Only the owner of this action and members of its MAG can see it');
	return { user, action };
}

/** The owner updates their own action; the community's chair or coordinator may do it for them. */
export async function mayUpdateAction(
	db: DB,
	action: { ownerId: number | null; communityId: number },
	userId: number
): Promise<boolean> {
	if (action.ownerId === userId) return true;
	return runsTheMeeting(await membershipRole(db, userId, action.communityId));
}

export async function requireActionUpdater(locals: App.Locals, id: string) {
	const access = await requireActionReader(locals, id);
	if (!(await mayUpdateAction(appDatabase().db, access.action, access.user.id))) refuseUpdate();
	return access;
}

/** The owner reopens their own action marked done; of the MAG, only its chair may do it for them. */
export async function mayReopenAction(
	db: DB,
	action: { ownerId: number | null; communityId: number },
	userId: number
): Promise<boolean> {
	return mayReopen(action.ownerId, userId, await membershipRole(db, userId, action.communityId));
}

export async function requireActionReopener(locals: App.Locals, id: string) {
	const access = await requireActionReader(locals, id);
	if (!(await mayReopenAction(appDatabase().db, access.action, access.user.id))) refuseReopen();
	return access;
}

export function refuseReopen(): never {
	refuse("Only the action's owner, or the MAG's chair, can reopen it");
}

export function refuseUpdate(): never {
	refuse("Only the action's owner, or the MAG's chair or coordinator, can update it");
}

/**
 * The family an action is about, when the person asking owns it and the consent gate opened for
 * its item at the meeting that agreed it. Asking reads nothing identifying.
 */
export async function familyOpenToOwner(
	db: DB,
	action: ActionSummary,
	userId: number
): Promise<ItemFamily | undefined> {
	if (action.ownerId !== userId || action.caseId === null || action.submissionId === null)
		return undefined;
	const family = await familyOfItem(db, action.submissionId);
	if (!family || family.caseId !== action.caseId) return undefined;
	const gate = await gateState(db, action.meetingId, action.submissionId);
	return gate.state === 'opened' ? family : undefined;
}

/**
 * Whether the owner may read the family behind their action now: the gate opened for it at the
 * meeting that agreed it, they are a member of that MAG whom the family's consent covers, and they
 * agreed the confidentiality statement at that meeting or agree it now for this case (the rule
 * outside the meeting: `readingOutsideTheMeeting`). `agency-not-covered`: the page says why it
 * shows the reference only. Undefined: reference and initials only.
 */
export async function ownerFamilyReading(
	db: DB,
	action: ActionSummary,
	userId: number
): Promise<{ family: ItemFamily; reading: Exclude<OutsideReading, 'not-covered'> } | undefined> {
	const family = await familyOpenToOwner(db, action, userId);
	if (!family) return undefined;
	const reading = await readingOutsideTheMeeting(db, userId, family, [action.meetingId]);
	return reading === 'not-covered' ? undefined : { family, reading };
}

/** The owner may read the family now, or after agreeing the statement for this case. */
export function ownerMayRead(
	owned: Awaited<ReturnType<typeof ownerFamilyReading>>
): owned is { family: ItemFamily; reading: 'allowed' | 'agree-first' } {
	return owned !== undefined && owned.reading !== 'agency-not-covered';
}

export function refuseFamily(): never {
	refuse(
		"Only the action's owner sees the family, once the consent gate opened for them, and only as a member of its MAG whom the family's consent covers"
	);
}
