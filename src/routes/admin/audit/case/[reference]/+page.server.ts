import { error } from '@sveltejs/kit';
import { requireAuditReader } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { caseHistory, normaliseReference } from '$lib/server/audit/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	requireAuditReader(locals);
	const reference = normaliseReference(params.reference);
	if (!/^[A-Z0-9][A-Z0-9-]{0,39}$/.test(reference)) error(404, 'Not found');
	const entries = await caseHistory(appDatabase().db, reference);
	return {
		reference,
		entries,
		people: new Set(entries.map((entry) => entry.actorEmail)).size
	};
};
