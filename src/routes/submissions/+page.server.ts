import { requireUser } from '$lib/server/policy/session';
import { appDatabase } from '$lib/server/platform/app-database';
import {
	hasSubmitted,
	mySubmissionsPage,
	mySubmissionsQuery
} from '$lib/server/agenda/my-submissions';
import type { PageServerLoad } from './$types';

/** The items someone has submitted, 50 a page: references, initials and labels, never the text. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const { db } = appDatabase();
	const query = mySubmissionsQuery(url);
	const list = await mySubmissionsPage(db, user.id, query);
	return {
		withdrawn: url.searchParams.has('withdrawn'),
		query: {
			text: query.text,
			status: query.status ?? '',
			part: query.part ? String(query.part) : '',
			sort: query.sort,
			descending: query.descending
		},
		filtered: Boolean(query.text || query.status || query.part),
		anySubmitted: list.total > 0 || (await hasSubmitted(db, user.id)),
		list: {
			...list,
			rows: list.rows.map((i) => ({
				id: i.id,
				part: i.part,
				label: i.label,
				status: i.status,
				late: i.late,
				submittedAt: i.submittedAt,
				meetingId: i.meetingId,
				meetingDate: i.meetingDate,
				communityName: i.communityName
			}))
		}
	};
};
