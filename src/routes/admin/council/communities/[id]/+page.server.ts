import { error, fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { recordId } from '$lib/server/policy/refusal';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import {
	reinstateCommunity,
	retireCommunity,
	updateCommunity
} from '$lib/server/council/structure';
import { communityFormValues } from '$lib/server/council/structure-form';
import { findCommunitySettings, listLocalities } from '$lib/server/council/structure-view';
import { formatMeetingDate } from '$lib/dates';
import { plural } from '$lib/plural';
import { saveCommunity } from '../save-community';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireAdministrator(locals);
	const { db } = appDatabase();
	const community = await findCommunitySettings(db, recordId(params.id));
	if (!community) error(404, 'Page not found');
	return {
		id: community.id,
		name: community.name,
		retired: community.retiredAt !== null,
		values: communityFormValues(community),
		localities: await listLocalities(db),
		councilStatement: config.confidentialityStatement
	};
};

export const actions: Actions = {
	save: (event) =>
		saveCommunity(event, (db, settings, actor) =>
			updateCommunity(db, recordId(event.params.id), settings, actor)
		),
	retire: async ({ locals, params, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const result = await retireCommunity(appDatabase().db, recordId(params.id), {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!result.ok)
			return fail(409, {
				retireError:
					`It still has ${plural(result.meetings, 'meeting')} to hold, the next on ` +
					`${formatMeetingDate(result.next)}. Cancel them from the community’s meetings ` +
					`first (or hold them), then retire it.`
			});
		return { retired: true };
	},
	reinstate: async ({ locals, params, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		await reinstateCommunity(appDatabase().db, recordId(params.id), {
			id: admin.id,
			ip: getClientAddress()
		});
		return { reinstated: true };
	}
};
