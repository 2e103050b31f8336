import { appDatabase } from '$lib/server/platform/app-database';
import { requireRoom } from '$lib/server/meeting/room-access';
import { roomForReader } from '$lib/server/meeting/room-view';
import { todayInEngland } from '$lib/dates';
import type { PageServerLoad } from './$types';

/**
 * The room for a projector: the item on screen first and large, the agenda, a clock. The same
 * room as the reader's own (roomForReader: a family only through the open gate, for someone who
 * agreed the statement), less what a screen on the wall should not show: the consent on file
 * (it names the parents; the chair checks it on their own screen), the forms and their choices.
 */
export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { user, meeting, role, organiser } = await requireRoom(locals, params.id);
	const room = await roomForReader(
		appDatabase().db,
		meeting,
		{ id: user.id, ip: getClientAddress(), role, organiser },
		todayInEngland(),
		1,
		true
	);
	const item = room.item;
	return {
		presentation: true,
		meeting: room.meeting,
		confirmed: room.confirmed,
		agenda: room.agenda,
		overdueActions: room.review.paging.total,
		item: item && {
			id: item.id,
			part: item.part,
			label: item.label,
			minutes: item.minutes,
			agencyName: item.agencyName,
			submitterName: item.submitterName,
			content: item.content,
			family: item.family && {
				reference: item.family.reference,
				initials: item.family.initials,
				gate: item.family.gate,
				offScreen: item.family.offScreen,
				members: item.family.members,
				needs: item.family.needs,
				needUpdates: item.family.needUpdates,
				caseActions: item.family.caseActions
			}
		}
	};
};
