import { appDatabase } from '../platform/app-database';
import { findCommunity, membershipRole, runsTheMeeting } from '../people/communities';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * A community's page: the members of its MAG, and administrators (who see who is in it, never a
 * family). Whether someone may ask is decided before whether the community exists, so a guessed
 * id tells an outsider nothing.
 */
export async function requireCommunityReader(locals: App.Locals, id: string) {
	const user = requireUser(locals);
	const communityId = recordId(id);
	const { db } = appDatabase();
	const role = await membershipRole(db, user.id, communityId);
	if (!role && !user.isAdministrator) refuse('Only members of this MAG can see it');
	const community = (await findCommunity(db, communityId)) ?? notFound();
	return { user, role, community, mayOrganise: runsTheMeeting(role) };
}

/** Scheduling meetings and following actions up: the chair and coordinators of that MAG. */
export async function requireCommunityOrganiser(
	locals: App.Locals,
	id: string,
	refusal: 'schedule' | 'follow up'
) {
	const user = requireUser(locals);
	const communityId = recordId(id);
	const { db } = appDatabase();
	if (!runsTheMeeting(await membershipRole(db, user.id, communityId)))
		refuse(
			refusal === 'schedule'
				? 'Only the chair or a coordinator can schedule meetings'
				: "Only this MAG's chair and coordinators can follow up its actions"
		);
	const community = (await findCommunity(db, communityId)) ?? notFound();
	return { user, community };
}
