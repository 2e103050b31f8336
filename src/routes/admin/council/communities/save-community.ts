import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/server/audit/log';
import type { addCommunity } from '$lib/server/council/structure';
import {
	communityFormValues,
	readCommunityForm,
	type CommunitySettings
} from '$lib/server/council/structure-form';
import { listLocalities } from '$lib/server/council/structure-view';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import type { DB } from '$lib/server/platform/db';

/**
 * The community form sent, a new community or a change to one: an administrator's only. What is
 * wrong is said next to its field, keeping what was typed; saved, back to the council's page.
 */
export async function saveCommunity(
	{ locals, request, getClientAddress }: RequestEvent,
	save: (db: DB, settings: CommunitySettings, actor: Actor) => ReturnType<typeof addCommunity>
) {
	const admin = requireAdministrator(locals);
	const { db } = appDatabase();
	const localities = await listLocalities(db);
	const read = readCommunityForm(
		await request.formData(),
		localities.map((l) => l.id)
	);
	if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
	const saved = await save(db, read.input, { id: admin.id, ip: getClientAddress() });
	if (!saved.ok)
		return fail(400, { values: communityFormValues(read.input), errors: saved.errors });
	redirect(303, '/admin/council?done=community-saved#localities');
}
