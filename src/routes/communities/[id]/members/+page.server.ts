import { fail } from '@sveltejs/kit';
import type { CommunityRole } from '$lib/server/platform/schema';
import { appDatabase } from '$lib/server/platform/app-database';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { textField, type FieldErrors } from '$lib/server/http/forms';
import {
	addMembers,
	changeRoles,
	findPeopleToAdd,
	listMembers,
	type RequestedChange
} from '$lib/server/people/community-members';
import { requireMembershipManager, requireRoleChange } from '$lib/server/policy/membership';
import { roleAs } from '$lib/domain/people-import';
import type { Actions, PageServerLoad } from './$types';

/** At most this many people are listed to choose from: a search finds the others. */
const SHOWN = 50;
const ROLES: CommunityRole[] = ['chair', 'coordinator', 'member'];

function searchFrom(url: URL): string {
	return (url.searchParams.get('search') ?? '').trim().slice(0, 100);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { community, roles } = await requireMembershipManager(locals, params.id);
	const { db } = appDatabase();
	const search = searchFrom(url);
	return {
		community: { id: community.id, name: community.name, localityName: community.localityName },
		members: await listMembers(db, community.id),
		candidates: await findPeopleToAdd(db, community.id, search, SHOWN),
		search,
		roles,
		formKey: newFormKey()
	};
};

/** "chair" | "coordinator" | "member", or null for anything else. */
function roleFrom(value: string): CommunityRole | null {
	return (ROLES as string[]).includes(value) ? (value as CommunityRole) : null;
}

export const actions: Actions = {
	add: async ({ locals, params, request, getClientAddress }) => {
		const { user, community, roles } = await requireMembershipManager(locals, params.id);
		const form = await request.formData();
		const people = form.getAll('person').map(String);
		const role = roles.length === 1 ? roles[0]! : roleFrom(textField(form, 'role'));
		const values = { people, role: textField(form, 'role') };
		const errors: FieldErrors = {};
		const ids = people.map(Number);
		if (people.length === 0) errors.person = 'Select the people to add';
		else if (!ids.every((id) => Number.isInteger(id) && id > 0))
			errors.person = 'Select people from the list';
		if (!role) errors.role = 'Choose the role they will have in this MAG';
		if (Object.keys(errors).length > 0 || !role) return fail(400, { add: { values, errors } });
		requireRoleChange(roles, null, role);
		const answer = await addMembers(
			appDatabase().db,
			community.id,
			ids,
			role,
			{ id: user.id, ip: getClientAddress() },
			formKeyField(form)
		);
		if (!answer.ok) {
			return fail(400, {
				add: {
					values,
					errors: {
						person:
							answer.reason === 'retired'
								? 'This community is retired: it takes no new members'
								: 'One of the people chosen no longer has an account: search again'
					} as FieldErrors
				}
			});
		}
		return { added: { names: answer.added.map((a) => a.name), role } };
	},

	change: async ({ locals, params, request, getClientAddress }) => {
		const { user, community, roles } = await requireMembershipManager(locals, params.id);
		const form = await request.formData();
		const requested: RequestedChange[] = [];
		const values: Record<string, string> = {};
		const errors: FieldErrors = {};
		for (const [name, value] of form) {
			const match = /^was-(\d+)$/.exec(name);
			if (!match) continue;
			const userId = Number(match[1]);
			const was = roleFrom(String(value));
			if (!was) continue;
			// An administrator picks each role; a chair or coordinator ticks members to remove.
			const chosen = textField(form, `role-${userId}`);
			const removing = form.get(`remove-${userId}`) === 'yes';
			const to = removing || chosen === 'remove' ? null : chosen ? roleFrom(chosen) : was;
			values[`role-${userId}`] = removing ? 'remove' : chosen;
			if (chosen && chosen !== 'remove' && !roleFrom(chosen)) {
				errors[`role-${userId}`] = 'Choose a role, or to remove them';
				continue;
			}
			if (to === was) continue;
			requireRoleChange(roles, was, to);
			requested.push({ userId, was, to });
		}
		if (Object.keys(errors).length > 0) return fail(400, { change: { values, errors } });
		if (requested.length === 0) return { changed: [] };
		const answer = await changeRoles(
			appDatabase().db,
			community.id,
			requested,
			{ id: user.id, ip: getClientAddress() },
			formKeyField(form)
		);
		if (!answer.ok) {
			for (const conflict of answer.conflicts) {
				delete values[`role-${conflict.userId}`];
				const what = conflict.now
					? `made ${conflict.name} ${roleAs(conflict.now, 1)}`
					: `taken ${conflict.name} out of this MAG`;
				const message = `Someone else has ${what} since you opened this page. Nothing was saved: check the roles and save again`;
				// Someone no longer in the MAG has no row of their own to point to.
				const field = conflict.now ? `role-${conflict.userId}` : 'members';
				errors[field] = errors[field] ? `${errors[field]}. ${message}` : message;
			}
			return fail(409, { change: { values, errors } });
		}
		return {
			changed: answer.changed.map((c) => ({
				name: c.name,
				to: c.to
			}))
		};
	}
};
