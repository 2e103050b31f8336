import { appDatabase } from '$lib/server/platform/app-database';
import { actionList } from '$lib/server/actions/action-list';
import { chosenAgency, requireConcludedMeeting } from '../published';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { meeting } = await requireConcludedMeeting(locals, params.id);
	const { db } = appDatabase();
	const { agencies } = await actionList(db, meeting.id);
	const agency = chosenAgency(url, agencies);
	const { actions } = await actionList(db, meeting.id, agency ?? undefined);
	return {
		meeting: {
			id: meeting.id,
			communityName: meeting.communityName,
			date: meeting.date
		},
		agency,
		agencies,
		actions: actions.map(({ id, reference, description, ownerName, ownerAgency, dueDate }) => ({
			id,
			reference,
			description,
			ownerName,
			ownerAgency,
			dueDate
		}))
	};
};
