import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import { addCommunity } from '$lib/server/council/structure';
import { communityFormValues } from '$lib/server/council/structure-form';
import { listLocalities } from '$lib/server/council/structure-view';
import { MEETING_DEFAULTS } from '$lib/domain/meeting';
import { FAMILY_ITEM_LIMIT } from '$lib/domain/limits';
import { saveCommunity } from '../save-community';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdministrator(locals);
	const localities = await listLocalities(appDatabase().db);
	const chosen = Number(url.searchParams.get('locality'));
	return {
		localities,
		councilStatement: config.confidentialityStatement,
		// The MAG model's defaults (docs/domain.md, "The numbers").
		values: communityFormValues({
			localityId: localities.some((l) => l.id === chosen) ? chosen : null,
			meetingLengthMinutes: MEETING_DEFAULTS.lengthMinutes,
			everyWeeks: MEETING_DEFAULTS.everyWeeks,
			familyItemLimit: FAMILY_ITEM_LIMIT,
			deadlineWorkingDays: MEETING_DEFAULTS.deadlineWorkingDays,
			venue: null,
			onlineLink: null,
			confidentialityStatement: null
		})
	};
};

export const actions: Actions = {
	save: (event) => saveCommunity(event, addCommunity)
};
