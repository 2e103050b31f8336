import { publishedActions } from '../published';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { meeting, agencies, agency, actions } = await publishedActions(locals, params.id, url);
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
